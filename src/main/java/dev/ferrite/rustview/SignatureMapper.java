package dev.ferrite.rustview;

import dev.ferrite.analysis.Ownership;
import dev.ferrite.ir.CType;
import dev.ferrite.ir.Function;
import dev.ferrite.report.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps what a function does with its parameters and result (its {@link Ownership}, plus how its IR
 * indexes and converts pointers) to the Rust signature that states it. What cannot be decided stays
 * a raw pointer, with the reason.
 */
public final class SignatureMapper {
    private final OwningTypes owners = new OwningTypes();

    /** True when objects of this allocation family belong to the kernel (owned by KBox and friends). */
    public boolean isKernelFamily(String family) {
        return owners.isKernelFamily(family);
    }

    /** The signature of {@code fn}; {@code kernel} picks the kernel crate's owning types; {@code findings} are the function's. */
    public RustSignature map(Function fn, Ownership o, boolean kernel, List<Finding> findings) {
        List<PointerUse> uses = PointerUse.of(fn);
        boolean lengthParam = PointerUse.hasLengthParam(fn);
        List<RustSignature.Param> params = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < o.params().size(); i++) {
            RustSignature.Param p = param(o.params().get(i), i < uses.size() ? uses.get(i) : new PointerUse(false, false, false),
                    lengthParam, kernel);
            params.add(p);
            if (p.kind() == RustSignature.Kind.RAW) reasons.add(p.name() + ": " + p.reason());
        }
        Ownership.Result r = o.result();
        String[] result = result(r, o, kernel);
        if (result[2] != null) reasons.add("result: " + result[2]);
        String ret = withOutParams(result[0], params);
        StringBuilder sig = new StringBuilder("fn ").append(fn.name()).append('(');
        boolean first = true;
        for (RustSignature.Param p : params) {
            if (p.kind() == RustSignature.Kind.OUT) continue;
            if (!first) sig.append(", ");
            first = false;
            sig.append(p.name()).append(": ").append(p.rust());
        }
        sig.append(')');
        if (!ret.equals("()")) sig.append(" -> ").append(ret);
        List<String> found = new ArrayList<>();
        for (Finding f : findings) found.add(f.rule().id() + " at line " + f.pos().line() + ": " + f.message());
        return new RustSignature(fn.name(), fn.file(), fn.pos().line(), sig.toString(), params, ret, result[1], reasons.isEmpty(),
                reasons, found);
    }

    private RustSignature.Param param(Ownership.Param p, PointerUse use, boolean lengthParam, boolean kernel) {
        String c = String.valueOf(p.type());
        if (RustTypes.isCallback(p.type())) {
            return new RustSignature.Param(p.name(), c, (p.nullChecked() ? "Option<fn(..)>" : "fn(..)"), RustSignature.Kind.CALLBACK,
                    p.nullChecked(), null);
        }
        if (!(p.type() instanceof CType.Ptr ptr)) {
            return new RustSignature.Param(p.name(), c, RustTypes.of(p.type()), RustSignature.Kind.VALUE, false, null);
        }
        String t = RustTypes.pointee(ptr);
        String why = rawReason(p, use, lengthParam);
        if (why != null) return new RustSignature.Param(p.name(), c, "*mut " + t, RustSignature.Kind.RAW, p.nullChecked(), why);
        RustSignature.Kind kind;
        String rust;
        if (p.owned() || p.escapes()) {
            kind = RustSignature.Kind.OWNED;
            rust = owners.owner(p.family(), kernel) + "<" + t + ">";
        } else if (p.outParam() && !p.nullChecked() && isScalar(ptr.pointee())) {
            return new RustSignature.Param(p.name(), c, t, RustSignature.Kind.OUT, false, null);
        } else if (use.indexed() && lengthParam) {
            kind = p.written() ? RustSignature.Kind.MUT_SLICE : RustSignature.Kind.SLICE;
            rust = (p.written() ? "&mut [" : "&[") + t + "]";
        } else if (p.written()) {
            kind = RustSignature.Kind.MUT;
            rust = "&mut " + t;
        } else {
            kind = RustSignature.Kind.SHARED;
            rust = "&" + t;
        }
        if (p.nullChecked()) rust = "Option<" + rust + ">";
        return new RustSignature.Param(p.name(), c, rust, kind, p.nullChecked(), null);
    }

    /** A value a C function returns through an out-parameter: not a struct it merely fills in part of. */
    private static boolean isScalar(CType t) {
        return t instanceof CType.Int || t instanceof CType.Float || t instanceof CType.Ptr;
    }

    /** Why a pointer parameter has to stay raw, or null when a safe type states what happens to it. */
    private static String rawReason(Ownership.Param p, PointerUse use, boolean lengthParam) {
        if (p.storedInGlobal()) return "stored in a global";
        if (p.unknownCode()) return "escapes to unknown code";
        if (use.toInteger()) return "cast to an integer";
        if (use.beforeStart()) return "pointer arithmetic beyond the object";
        if (p.released() && !p.owned()) return "released on some paths only";
        if (use.indexed() && !lengthParam && !p.owned() && !p.escapes()) return "indexed without a length parameter";
        if (p.type() instanceof CType.Ptr ptr && ptr.pointee() instanceof CType.Void && (p.read() || p.written())) {
            return "untyped (void *) memory is read or written";
        }
        return null;
    }

    /** {rust type, meaning, reason it is raw (or null)}. */
    private String[] result(Ownership.Result r, Ownership o, boolean kernel) {
        CType t = r.type();
        if (t instanceof CType.Void) return new String[] {"()", "nothing", null};
        if (t instanceof CType.Ptr ptr && !RustTypes.isCallback(t)) {
            String pointee = RustTypes.pointee(ptr);
            String base;
            String meaning;
            String raw = null;
            if (r.freshObject()) {
                base = owners.owner(r.family(), kernel) + "<" + pointee + ">";
                meaning = "a new object the caller owns";
            } else if (r.borrowedFrom() >= 0) {
                base = "&" + pointee;
                meaning = "borrowed from parameter " + o.params().get(r.borrowedFrom()).name();
            } else if (r.global()) {
                base = "&'static " + pointee;
                meaning = "points into static data";
            } else {
                base = "*mut " + pointee;
                meaning = "a pointer it neither creates nor borrows from a parameter";
                raw = "returns a pointer of unknown lifetime";
            }
            if (r.mayBeError()) {
                base = "Result<" + base + ", Error>";
                meaning += "; an error pointer on failure";
            } else if (r.mayBeNull()) {
                base = "Option<" + base + ">";
                meaning += "; NULL on failure";
            }
            return new String[] {base, meaning, raw};
        }
        if (r.errno() && t instanceof CType.Int) {
            return r.successValue() ? new String[] {"Result<" + RustTypes.of(t) + ", Error>", "a value, or a negative error code", null}
                    : new String[] {"Result<(), Error>", "0, or a negative error code", null};
        }
        return new String[] {RustTypes.of(t), "a plain value", null};
    }

    /** Out-parameters join the result: {@code Result<(), E>} becomes {@code Result<T, E>}, others a tuple. */
    private static String withOutParams(String ret, List<RustSignature.Param> params) {
        List<String> outs = new ArrayList<>();
        for (RustSignature.Param p : params) if (p.kind() == RustSignature.Kind.OUT) outs.add(p.rust());
        if (outs.isEmpty()) return ret;
        String joined = outs.size() == 1 ? outs.get(0) : "(" + String.join(", ", outs) + ")";
        if (ret.equals("()")) return joined;
        if (ret.startsWith("Result<(), ")) return "Result<" + joined + ", " + ret.substring("Result<(), ".length());
        if (ret.startsWith("Result<")) {
            int comma = ret.lastIndexOf(", ");
            return "Result<(" + ret.substring(7, comma) + ", " + String.join(", ", outs) + ")" + ret.substring(comma);
        }
        return "(" + ret + ", " + String.join(", ", outs) + ")";
    }
}
