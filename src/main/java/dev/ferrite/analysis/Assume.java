package dev.ferrite.analysis;

import dev.ferrite.ir.Rvalue.BinOp;
import java.util.Map;

/**
 * Learning from a branch: {@code assume(s, op, a, b)} returns the state refined by "a op b holds", or
 * null when it cannot hold. Integers are refined through the ranges of their symbols; pointers
 * through the NULL / error / valid status of their object's address.
 */
final class Assume {
    private Assume() {
    }

    static State assume(FunctionAnalysis A, State s, BinOp op, Val a, Val b) {
        if (a instanceof Val.Undef || b instanceof Val.Undef) return s;
        if (a instanceof Val.Num && !(b instanceof Val.Num)) {
            return assume(A, s, op.swap(), b, a);
        }
        if (a instanceof Val.Fn fa) {
            if (b instanceof Val.Fn fb) return decide(s, op, fa.name().equals(fb.name()) ? 0 : 1, fa.name().equals(fb.name()));
            if (b instanceof Val.Num n && n.isConstant() && n.lin().constant() == 0) return decide(s, op, 1, false);
            return s;
        }
        if (a instanceof Val.Loc la) {
            if (b instanceof Val.Num n) {
                if (n.isConstant() && n.lin().constant() == 0) return nullTest(s, op, la);
                return s; // pointer against an integer: not tracked
            }
            if (b instanceof Val.Loc lb) {
                if (la.region().equals(lb.region())) return ints(A, s, op, la.offset(), lb.offset());
                boolean mayAlias = la.region().kind() == Region.Kind.SYM && lb.region().kind() == Region.Kind.SYM;
                if (mayAlias) return s;
                if (op == BinOp.EQ) return null;
                return s;
            }
            return s;
        }
        if (a instanceof Val.Num na && b instanceof Val.Num nb) {
            State r = ints(A, s, op, na.lin(), nb.lin());
            if (r == null) return null;
            // A comparison result or a pointer turned integer, tested against zero.
            if (nb.isConstant() && nb.lin().constant() == 0 && (op == BinOp.EQ || op == BinOp.NE)) {
                Sym x = na.lin().asSym();
                if (x != null) {
                    State.Cmp cmp = r.cmps.get(x);
                    if (cmp != null) {
                        BinOp c = op == BinOp.NE ? cmp.op() : cmp.op().negate();
                        r = cmp.unsignedBits() > 0 ? assumeUnsigned(A, r, c, cmp.left(), cmp.right(), cmp.unsignedBits())
                                : assume(A, r, c, cmp.left(), cmp.right());
                        if (r == null) return null;
                    }
                    if (r.symRegions.containsKey(x) || A.regionOfBase(x) != null) {
                        r = refinePtr(r, x, op == BinOp.EQ ? State.NULL : State.ANY_PTR & ~State.NULL);
                    }
                }
            }
            return r;
        }
        return s;
    }

    /**
     * The bit width when C compares two operands of these types as unsigned (after the integer
     * promotions and the usual arithmetic conversions), else 0.
     */
    static int unsignedBits(dev.ferrite.ir.CType x, dev.ferrite.ir.CType y) {
        if (!(x instanceof dev.ferrite.ir.CType.Int a) || !(y instanceof dev.ferrite.ir.CType.Int b)) return 0;
        boolean ua = !a.signed() && a.bytes() >= 4;
        boolean ub = !b.signed() && b.bytes() >= 4;
        int wa = Math.max(4, a.bytes());
        int wb = Math.max(4, b.bytes());
        if (!ua && !ub) return 0;
        if (ua && ub) return 8 * Math.max(wa, wb);
        int wu = ua ? wa : wb;
        int ws = ua ? wb : wa;
        return wu >= ws ? 8 * wu : 0;
    }

    /**
     * {@code a op b} compared as unsigned {@code bits}-bit integers. Where both values are known not
     * negative this is the signed comparison; {@code a < b} with {@code b} a small non-negative bound
     * also says {@code a} is not negative (a negative value converts to a huge one), the way
     * {@code if ((unsigned)i < n)} bounds {@code i} from both sides.
     */
    /**
     * As below, and an operand of an unsigned type as wide as the comparison is first taken as not
     * negative (unless it certainly is: a wrapped difference, left as it is).
     */
    static State assumeUnsigned(FunctionAnalysis A, State s, BinOp op, Val a, Val b, int bits,
                                dev.ferrite.ir.CType ta, dev.ferrite.ir.CType tb) {
        s = nonNegative(A, s, a, ta, bits);
        s = nonNegative(A, s, b, tb, bits);
        return assumeUnsigned(A, s, op, a, b, bits);
    }

    private static State nonNegative(FunctionAnalysis A, State s, Val v, dev.ferrite.ir.CType t, int bits) {
        if (!(v instanceof Val.Num n) || n.isConstant() || !(t instanceof dev.ferrite.ir.CType.Int it)) return s;
        if (it.signed() || it.bytes() * 8 != bits || s.rangeOf(n.lin()).lo() >= 0) return s;
        State c = ints(A, s.copy(), BinOp.GE, n.lin(), Lin.ZERO);
        return c != null ? c : s;
    }

    static State assumeUnsigned(FunctionAnalysis A, State s, BinOp op, Val a, Val b, int bits) {
        if (!(a instanceof Val.Num na) || !(b instanceof Val.Num nb)) return assume(A, s, op, a, b);
        Range ra = s.rangeOf(na.lin());
        Range rb = s.rangeOf(nb.lin());
        if (ra.lo() >= 0 && rb.lo() >= 0) return assume(A, s, op, a, b);
        long half = bits >= 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
        long low = bits >= 64 ? Long.MIN_VALUE : -(1L << (bits - 1));
        // Put the comparison in the form lower < upper or lower <= upper.
        Val.Num lower = na;
        Val.Num upper = nb;
        BinOp form = op;
        if (op == BinOp.GT || op == BinOp.GE) {
            lower = nb;
            upper = na;
            form = op.swap();
        }
        if (form == BinOp.LT || form == BinOp.LE) {
            Range ru = s.rangeOf(upper.lin());
            Range rl = s.rangeOf(lower.lin());
            if (ru.lo() >= 0 && ru.hi() <= half && rl.lo() >= low) {
                State t = ints(A, s, BinOp.GE, lower.lin(), Lin.ZERO);
                return t == null ? null : ints(A, t, form, lower.lin(), upper.lin());
            }
            return s;
        }
        if ((op == BinOp.EQ || op == BinOp.NE) && ra.lo() >= low && rb.lo() >= low && ra.hi() <= half && rb.hi() <= half) {
            return assume(A, s, op, a, b);
        }
        return s;
    }

    private static State decide(State s, BinOp op, int cmp, boolean equal) {
        return switch (op) {
            case EQ -> equal ? s : null;
            case NE -> equal ? null : s;
            default -> s;
        };
    }

    private static State nullTest(State s, BinOp op, Val.Loc p) {
        if (!p.offset().isConstant() || p.offset().constant() != 0) {
            return op == BinOp.EQ ? null : s; // p + k is never NULL for an object
        }
        Sym base = p.region().base();
        return switch (op) {
            case EQ -> refinePtr(s, base, State.NULL);
            case NE, GT -> refinePtr(s, base, State.ANY_PTR & ~State.NULL);
            default -> s;
        };
    }

    static State refinePtr(State s, Sym base, int bits) {
        int cur = s.ptrStatus(base);
        int nb = cur & bits;
        if (nb == 0) return null;
        if (nb != cur) s.ptr.put(base, nb);
        return s;
    }

    /** Integer comparison of two linear expressions. */
    static State ints(FunctionAnalysis A, State s, BinOp op, Lin x, Lin y) {
        Lin d = x.sub(y);
        if (s.defs.isEmpty()) return intsOf(s, op, d);
        Map<Sym, Object> before = new java.util.HashMap<>();
        for (Sym v : d.terms().keySet()) if (s.defs.containsKey(v)) before.put(v, java.util.List.of(s.range(v), String.valueOf(s.excl.get(v))));
        State t = intsOf(s, op, d);
        if (t == null || before.isEmpty()) return t;
        for (Map.Entry<Sym, Object> e : before.entrySet()) {
            Sym v = e.getKey();
            if (e.getValue().equals(java.util.List.of(t.range(v), String.valueOf(t.excl.get(v))))) continue;
            java.util.Set<Long> ex = t.excl.get(v);
            t.marks.put(State.PRE_KEY + v.id(), new State.Pre(t.defs.get(v), t.range(v), ex == null ? java.util.Set.of() : ex));
        }
        return t;
    }

    private static State intsOf(State s, BinOp op, Lin d) {
        return switch (op) {
            case LE -> le(s, d);
            case LT -> le(s, d.addConst(1));
            case GE -> le(s, d.scale(-1));
            case GT -> le(s, d.scale(-1).addConst(1));
            case EQ -> eq(s, d);
            case NE -> ne(s, d);
            default -> s;
        };
    }

    /** The mark saying a symbol was compared with an input and another unknown (a guard ranges cannot hold). */
    static boolean related(State s, Lin l) {
        for (Sym x : l.terms().keySet()) if (s.marks.containsKey(relationKey(x))) return true;
        return false;
    }

    static String relationKey(Sym x) {
        return "rel#" + x.id();
    }

    /** d <= 0. */
    private static State le(State s, Lin d) {
        if (d.terms().size() >= 2 && d.terms().keySet().stream().anyMatch(x -> x.input() != null)) {
            // A loop counter bounded by a parameter (i < n), or two inputs compared: a relation ranges do not keep.
            for (Sym x : d.terms().keySet()) s.marks.put(relationKey(x), Boolean.TRUE);
        }
        Range r = s.rangeOf(d);
        if (r.lo() > 0 && r.lo() != Long.MIN_VALUE) return null;
        if (r.hi() <= 0) return s;
        for (Map.Entry<Sym, Long> e : d.terms().entrySet()) {
            Sym x = e.getKey();
            long k = e.getValue();
            // k*x <= -(rest), rest = d - k*x; use the smallest value the rest can take.
            Lin rest = d.sub(Lin.of(x).scale(k));
            long restLo = s.rangeOf(rest).lo();
            if (restLo == Long.MIN_VALUE) continue;
            long bound = -restLo; // k*x <= bound
            Range cur = s.range(x);
            Range next;
            if (k > 0) next = new Range(cur.lo(), Math.min(cur.hi(), Math.floorDiv(bound, k)));
            else next = new Range(Math.max(cur.lo(), ceilDiv(bound, k)), cur.hi());
            if (next.isEmpty()) return null;
            while (!next.isEmpty() && next.lo() != Long.MIN_VALUE && s.excludes(x, next.lo())) next = new Range(next.lo() + 1, next.hi());
            while (!next.isEmpty() && next.hi() != Long.MAX_VALUE && s.excludes(x, next.hi())) next = new Range(next.lo(), next.hi() - 1);
            if (next.isEmpty()) return null;
            if (!next.equals(cur)) s.ranges.put(x, next);
        }
        return s;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    /** d == 0. */
    private static State eq(State s, Lin d) {
        if (d.isConstant()) return d.constant() == 0 ? s : null;
        Range r = s.rangeOf(d);
        if (!r.contains(0)) return null;
        if (d.terms().size() == 1) {
            Map.Entry<Sym, Long> e = d.terms().entrySet().iterator().next();
            long k = e.getValue();
            long c = d.constant();
            if (c % k != 0) return null;
            long v = -c / k;
            Range cur = s.range(e.getKey());
            if (!cur.contains(v) || s.excludes(e.getKey(), v)) return null;
            s.ranges.put(e.getKey(), Range.of(v));
            return s;
        }
        State t = le(s, d);
        return t == null ? null : le(t, d.scale(-1));
    }

    /** d != 0. */
    private static State ne(State s, Lin d) {
        if (d.isConstant()) return d.constant() != 0 ? s : null;
        Range r = s.rangeOf(d);
        if (r.isConstant() && r.lo() == 0) return null;
        if (d.terms().size() == 1) {
            Map.Entry<Sym, Long> e = d.terms().entrySet().iterator().next();
            long k = e.getValue();
            long c = d.constant();
            if (c % k != 0) return s;
            long v = -c / k;
            Range cur = s.range(e.getKey());
            if (cur.lo() == v && cur.hi() == v) return null;
            if (cur.lo() == v) s.ranges.put(e.getKey(), new Range(v + 1, cur.hi()));
            else if (cur.hi() == v) s.ranges.put(e.getKey(), new Range(cur.lo(), v - 1));
            else if (cur.contains(v)) s.exclude(e.getKey(), v);
        }
        return s;
    }
}
