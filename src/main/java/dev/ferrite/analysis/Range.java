package dev.ferrite.analysis;

import java.util.Objects;

/** A closed integer interval; {@link Long#MIN_VALUE}/{@link Long#MAX_VALUE} stand for unbounded. */
public record Range(long lo, long hi) {
    // the generated equals and hashCode, written out: those of a record go through method handles that
    // the JIT does not fully inline in deep call chains (a third of the analysis time of a warm server)
    @Override
    public boolean equals(Object obj) {
        if (this == obj) return true;
        return obj instanceof Range o && lo == o.lo && hi == o.hi;
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(lo);
        h = 31 * h + Long.hashCode(hi);
        return h;
    }

    public static final Range TOP = new Range(Long.MIN_VALUE, Long.MAX_VALUE);
    public static final Range NONNEG = new Range(0, Long.MAX_VALUE);
    public static final Range NONZERO_PTR = new Range(1, Long.MAX_VALUE);

    public static Range of(long v) {
        return new Range(v, v);
    }

    public boolean isEmpty() {
        return lo > hi;
    }

    public boolean isConstant() {
        return lo == hi;
    }

    public boolean contains(long v) {
        return lo <= v && v <= hi;
    }

    public Range meet(Range o) {
        return new Range(Math.max(lo, o.lo), Math.min(hi, o.hi));
    }

    public Range hull(Range o) {
        return new Range(Math.min(lo, o.lo), Math.max(hi, o.hi));
    }

    public boolean includes(Range o) {
        return lo <= o.lo && o.hi <= hi;
    }

    /** Widening: a bound that moved goes to infinity. */
    public Range widen(Range next) {
        long l = next.lo < lo ? Long.MIN_VALUE : lo;
        long h = next.hi > hi ? Long.MAX_VALUE : hi;
        return new Range(l, h);
    }

    public static long addSat(long a, long b) {
        if (a == Long.MIN_VALUE || b == Long.MIN_VALUE) {
            if (a == Long.MAX_VALUE || b == Long.MAX_VALUE) return Long.MAX_VALUE;
            return Long.MIN_VALUE;
        }
        if (a == Long.MAX_VALUE || b == Long.MAX_VALUE) return Long.MAX_VALUE;
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) return a > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        return r;
    }

    public static long mulSat(long a, long b) {
        if (a == 0 || b == 0) return 0;
        boolean neg = (a < 0) ^ (b < 0);
        if (a == Long.MIN_VALUE || a == Long.MAX_VALUE || b == Long.MIN_VALUE || b == Long.MAX_VALUE) {
            return neg ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) return lo;
        return neg ? Long.MIN_VALUE : Long.MAX_VALUE;
    }

    public Range add(Range o) {
        return new Range(addSat(lo, o.lo), addSat(hi, o.hi));
    }

    public Range scale(long k) {
        long a = mulSat(lo, k);
        long b = mulSat(hi, k);
        return new Range(Math.min(a, b), Math.max(a, b));
    }

    public Range mul(Range o) {
        long[] c = {mulSat(lo, o.lo), mulSat(lo, o.hi), mulSat(hi, o.lo), mulSat(hi, o.hi)};
        long mn = c[0];
        long mx = c[0];
        for (long v : c) {
            mn = Math.min(mn, v);
            mx = Math.max(mx, v);
        }
        return new Range(mn, mx);
    }

    @Override
    public String toString() {
        if (lo == hi) return Long.toString(lo);
        return "[" + (lo == Long.MIN_VALUE ? "-inf" : Long.toString(lo)) + ", " + (hi == Long.MAX_VALUE ? "+inf" : Long.toString(hi)) + "]";
    }
}
