package dev.ferrite.analysis;

import java.util.Map;
import java.util.TreeMap;

/** A linear expression {@code c + a1*s1 + a2*s2 ...} over symbols, used for integers and offsets. */
public final class Lin {
    public static final Lin ZERO = new Lin(0, Map.of());

    private final long constant;
    private final Map<Sym, Long> terms; // sorted, no zero coefficients

    private Lin(long constant, Map<Sym, Long> terms) {
        this.constant = constant;
        this.terms = terms;
    }

    public static Lin of(long c) {
        return c == 0 ? ZERO : new Lin(c, Map.of());
    }

    public static Lin of(Sym s) {
        return new Lin(0, Map.of(s, 1L));
    }

    public long constant() {
        return constant;
    }

    public Map<Sym, Long> terms() {
        return terms;
    }

    public boolean isConstant() {
        return terms.isEmpty();
    }

    /** The single symbol when this is exactly {@code 1*s}, else null. */
    public Sym asSym() {
        if (constant != 0 || terms.size() != 1) return null;
        Map.Entry<Sym, Long> e = terms.entrySet().iterator().next();
        return e.getValue() == 1 ? e.getKey() : null;
    }

    public Lin add(Lin o) {
        if (o.terms.isEmpty()) return addConst(o.constant);
        TreeMap<Sym, Long> t = new TreeMap<>(terms);
        for (Map.Entry<Sym, Long> e : o.terms.entrySet()) {
            long v = t.getOrDefault(e.getKey(), 0L) + e.getValue();
            if (v == 0) t.remove(e.getKey());
            else t.put(e.getKey(), v);
        }
        return new Lin(constant + o.constant, Map.copyOf(t).isEmpty() ? Map.of() : sorted(t));
    }

    public Lin addConst(long c) {
        return c == 0 ? this : new Lin(constant + c, terms);
    }

    public Lin scale(long k) {
        if (k == 0) return ZERO;
        if (k == 1) return this;
        TreeMap<Sym, Long> t = new TreeMap<>();
        for (Map.Entry<Sym, Long> e : terms.entrySet()) t.put(e.getKey(), e.getValue() * k);
        return new Lin(constant * k, sorted(t));
    }

    public Lin sub(Lin o) {
        return add(o.scale(-1));
    }

    private static Map<Sym, Long> sorted(TreeMap<Sym, Long> t) {
        return java.util.Collections.unmodifiableMap(t);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Lin l && l.constant == constant && l.terms.equals(terms);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(constant) * 31 + terms.hashCode();
    }

    @Override
    public String toString() {
        if (terms.isEmpty()) return Long.toString(constant);
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Sym, Long> e : terms.entrySet()) {
            if (sb.length() > 0) sb.append(" + ");
            if (e.getValue() != 1) sb.append(e.getValue()).append('*');
            sb.append(e.getKey());
        }
        if (constant != 0) sb.append(" + ").append(constant);
        return sb.toString();
    }
}
