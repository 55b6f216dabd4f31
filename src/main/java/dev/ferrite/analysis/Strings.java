package dev.ferrite.analysis;

import dev.ferrite.ir.CType;

/**
 * What is known of the C string an object holds from its start, in elements of {@code unit} bytes
 * (1 for char, 4 for wchar_t): either where its first NUL is ({@code exact}) or how many leading
 * elements are certainly non-zero. Kept as a path fact (a mark: a join keeps it only when every
 * joined path agrees), so it never splits states.
 */
public final class Strings {
    private static final String KEY = "str#";

    /** The string fact of one object. */
    public record Fact(Lin len, boolean exact, int unit) {
    }

    private Strings() {
    }

    static Fact get(State s, Region r) {
        Object o = s.marks.get(KEY + r.id());
        return o instanceof Fact f ? f : null;
    }

    static void set(State s, Region r, Fact f) {
        if (f == null) s.marks.remove(KEY + r.id());
        else s.marks.put(KEY + r.id(), f);
    }

    static void clear(State s, Region r) {
        s.marks.remove(KEY + r.id());
    }

    /** The exact length (elements) of the string starting at {@code loc}, or null. */
    static Lin exactAt(State s, Val.Loc loc, int unit) {
        Region r = loc.region();
        Long off = elementOffset(loc, unit);
        if (off == null) return null;
        if (r.kind() == Region.Kind.STRING && r.type() instanceof CType.Array a && Math.max(1, a.elem().size()) == unit) {
            long n = a.length() - 1 - off;
            return n >= 0 ? Lin.of(n) : null;
        }
        Fact f = get(s, r);
        if (f == null || !f.exact() || f.unit() != unit) return null;
        Lin n = f.len().addConst(-off);
        return s.rangeOf(n).lo() >= 0 ? n : null;
    }

    /** A lower bound (elements) for the length of the string starting at {@code loc}: 0 when nothing is known. */
    static Lin atLeast(State s, Val.Loc loc, int unit) {
        Lin e = exactAt(s, loc, unit);
        if (e != null) return e;
        Long off = elementOffset(loc, unit);
        Fact f = get(s, loc.region());
        if (off == null || f == null || f.unit() != unit) return Lin.ZERO;
        Lin n = f.len().addConst(-off);
        return s.rangeOf(n).lo() >= 0 ? n : Lin.ZERO;
    }

    /** True when the object has no NUL within its first {@code n} elements from its start (a prefix fact). */
    static Long nonZeroPrefix(State s, Region r, int unit) {
        Fact f = get(s, r);
        if (f == null || f.exact() || f.unit() != unit || !f.len().isConstant()) return null;
        return f.len().constant();
    }

    private static Long elementOffset(Val.Loc loc, int unit) {
        if (!loc.offset().isConstant()) return null;
        long o = loc.offset().constant();
        if (o < 0 || o % unit != 0) return null;
        return o / unit;
    }

    /** Keeps the fact up to date after a store of {@code v} (type {@code t}) at {@code off}. */
    static void onStore(State s, Region r, Lin off, CType t, Val v) {
        Fact f = get(s, r);
        if (f == null) return;
        long size = Math.max(1, t.size());
        if (!off.isConstant() || size != f.unit() || off.constant() % size != 0) {
            clear(s, r);
            return;
        }
        long k = off.constant() / size;
        boolean zero = v instanceof Val.Num n && n.isConstant() && n.lin().constant() == 0;
        boolean nonZero = v instanceof Val.Num n && n.isConstant() && n.lin().constant() != 0;
        Range len = s.rangeOf(f.len());
        if (f.exact()) {
            if (len.hi() < k) return; // past the terminator: the string is unchanged
            if (zero && len.lo() >= k) set(s, r, new Fact(Lin.of(k), true, f.unit()));
            else if (nonZero && len.isConstant() && len.lo() == k) set(s, r, new Fact(Lin.of(k + 1), false, f.unit()));
            else if (!(nonZero && len.lo() > k)) clear(s, r);
            return;
        }
        if (len.lo() >= k && zero) set(s, r, new Fact(Lin.of(k), true, f.unit()));
        else if (len.isConstant() && len.lo() == k && nonZero) set(s, r, new Fact(Lin.of(k + 1), false, f.unit()));
        else if (len.lo() > k && !nonZero) set(s, r, new Fact(Lin.of(k), false, f.unit()));
    }

    /** A store to an object without a fact may start one: writing NUL at 0 makes the empty string. */
    static void onFirstStore(State s, Region r, Lin off, CType t, Val v) {
        if (get(s, r) != null) {
            onStore(s, r, off, t, v);
            return;
        }
        if (off.equals(Lin.ZERO) && (t.size() == 1 || t.size() == 4) && v instanceof Val.Num n && n.isConstant() && n.lin().constant() == 0) {
            set(s, r, new Fact(Lin.ZERO, true, (int) t.size()));
        }
    }

    /** The string whose length a symbol is: an input pointer's target, counted in {@code unit}-byte elements. */
    public record LengthOf(AccessPath pointer, int unit) {
    }

    private static final String LEN_KEY = "strlen#";

    /** Notes that {@code x} is the length of the string an input pointer points to (strlen of a parameter). */
    static void noteLength(State s, Sym x, AccessPath pointer, int unit) {
        s.marks.put(LEN_KEY + x.id(), new LengthOf(pointer, unit));
    }

    /** The input string {@code x} is the length of, or null. */
    static LengthOf lengthOf(State s, Sym x) {
        Object o = s.marks.get(LEN_KEY + x.id());
        return o instanceof LengthOf l ? l : null;
    }

    /** Copies the facts of the objects a summary keeps; returns the symbols they mention. */
    static java.util.Set<Sym> keepForSummary(State from, State to) {
        java.util.Set<Sym> used = new java.util.HashSet<>();
        for (Region r : to.mem.keySet()) {
            Fact f = get(from, r);
            if (f == null) continue;
            to.marks.put(KEY + r.id(), f);
            used.addAll(f.len().terms().keySet());
        }
        return used;
    }
}
