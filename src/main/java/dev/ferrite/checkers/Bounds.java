package dev.ferrite.checkers;

import dev.ferrite.analysis.Checker;
import dev.ferrite.analysis.Lin;
import dev.ferrite.analysis.Range;
import dev.ferrite.analysis.Region;
import dev.ferrite.analysis.Resource;
import dev.ferrite.analysis.State;
import dev.ferrite.analysis.Sym;
import dev.ferrite.ir.CType;
import dev.ferrite.ir.Field;
import dev.ferrite.report.PathEvent;
import dev.ferrite.report.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the bounds checkers share: whether an access (offset and extent) stays inside its object,
 * and which rule a violation falls under. Only violations that happen whatever the caller passes are
 * reported: the whole extent is outside, or the part outside is reached by values the function
 * itself bounds (loop counters, constants, string lengths) or by data from outside the program;
 * a bound that only comes from an input's or an unknown value's type is the caller's business.
 */
final class Bounds {
    private Bounds() {
    }

    /** A violation: which side, the offset range, the accessed extent and the object's size. */
    record Violation(boolean before, Range offset, Lin length, Lin size, boolean definite, boolean terminatorOnly) {
    }

    /** How far past a small object a value the function bounds itself may reach and still be believed. */
    private static final long SMALL_REACH = 64;

    /** Above this an integer's bound says "unbounded" (an int's type range, an unchecked size_t). */
    private static final long HUGE = 1L << 30;

    static Violation check(State s, Checker.Access a) {
        Violation v = check(s, a, true);
        return v != null ? v : check(s, a, false);
    }

    /** A violation on one side only: before the start, or past the end. */
    static Violation check(State s, Checker.Access a, boolean before) {
        Region r = a.region();
        if (r == null || a.length() == null) return null;
        if (Paths.throughUnknown(a.via())) return null;
        Range len = s.rangeOf(a.length());
        if (len.hi() <= 0) return null;
        Lin size = objectSize(s, r, a);
        if (size == null) return null;
        boolean user = a.kind() == Checker.Access.Kind.USER;
        Range off = s.rangeOf(a.offset());
        if (before) {
            if (off.hi() < 0 && off.hi() + Math.max(1, len.lo()) <= 0) {
                return new Violation(true, off, a.length(), size, true, false);
            }
            if (off.lo() < 0 && trusted(a.offset(), false, a.length(), user)) {
                return new Violation(true, off, a.length(), size, false, false);
            }
            return null;
        }
        Lin over = a.offset().add(a.length()).sub(size);
        Range ov = s.rangeOf(over);
        if (ov.lo() > 0) return new Violation(false, off, a.length(), size, true, ov.lo() == 1 && ov.hi() == 1);
        if (ov.hi() > 0 && trusted(over, true, a.length(), user)) return new Violation(false, off, a.length(), size, false, false);
        return null;
    }

    /**
     * The object's size in bytes; for string writes into a struct member array at a fixed offset, the
     * member's end (a string never legitimately runs on into the next member).
     */
    static Lin objectSize(State s, Region r, Checker.Access a) {
        CType t = r.type();
        if (t == null && r.kind() == Region.Kind.SYM && r.pointer().type() instanceof CType.Ptr p) t = p.pointee();
        if (a.kind() == Checker.Access.Kind.STRING && t instanceof CType.Struct && a.offset().isConstant()) {
            long end = memberEnd(t, a.offset().constant());
            if (end > 0) return Lin.of(end);
        }
        if (r.kind() == Region.Kind.SYM) return null;
        return s.size(r);
    }

    /** The end offset of the innermost array member containing {@code off}, or -1. */
    private static long memberEnd(CType t, long off) {
        if (!(t instanceof CType.Struct st) || st.isUnion() || !st.complete()) return -1;
        for (Field f : st.fields()) {
            long fs = f.type().size();
            if (f.bitWidth() >= 0 || fs <= 0 || off < f.offset() || off >= f.offset() + fs) continue;
            if (f.type() instanceof CType.Array) return f.offset() + fs;
            long inner = memberEnd(f.type(), off - f.offset());
            return inner < 0 ? -1 : f.offset() + inner;
        }
        return -1;
    }

    /**
     * True when the bound of {@code l} on the violating side is one the function establishes: every
     * symbol on that side is data from outside the program, a user-chosen length, or a value the
     * function bounded itself (not an input, not merely its type's range).
     */
    private static boolean trusted(Lin l, boolean upper, Lin length, boolean user) {
        for (Map.Entry<Sym, Long> e : l.terms().entrySet()) {
            Sym x = e.getKey();
            if (x.tainted()) continue;
            if (user && length.terms().containsKey(x)) continue;
            if (x.input() != null) return false;
        }
        return true;
    }

    /** Second pass on trust: a symbol's own bound on the violating side must be a real one. */
    static boolean boundsReal(State s, Lin l, boolean upper, Lin length, boolean user) {
        for (Map.Entry<Sym, Long> e : l.terms().entrySet()) {
            Sym x = e.getKey();
            if (x.tainted() || user && length.terms().containsKey(x)) continue;
            Range r = s.range(x);
            boolean useHi = upper == e.getValue() > 0;
            long b = useHi ? r.hi() : r.lo();
            if (b == Long.MIN_VALUE || Math.abs(b) >= HUGE || typeBound(b)) return false; // abs(MIN_VALUE) is negative
        }
        return true;
    }

    private static boolean typeBound(long b) {
        return b == 127 || b == 255 || b == 32767 || b == 65535 || b == -128 || b == -32768;
    }

    /** The first side (before the start, then past the end) whose violation the function itself makes. */
    static Violation checkTrusted(State s, Checker.Access a) {
        Violation v = checkTrusted(s, a, true);
        return v != null ? v : checkTrusted(s, a, false);
    }

    private static Violation checkTrusted(State s, Checker.Access a, boolean before) {
        Violation v = check(s, a, before);
        if (v == null) return null;
        Range size = s.rangeOf(v.size());
        if (size.hi() < 1) return null; // a size we got wrong (or a zero-length object) tells nothing
        // A size bounded above that may be negative is arithmetic we did not follow (sizes are size_t).
        if (size.lo() < 0 && size.hi() != Long.MAX_VALUE) return null;
        if (v.definite()) return v;
        boolean user = a.kind() == Checker.Access.Kind.USER;
        Lin l = v.before() ? a.offset() : a.offset().add(a.length()).sub(v.size());
        // A size only known as a range says nothing of this access unless it cancels out.
        for (Sym x : v.size().terms().keySet()) if (l.terms().containsKey(x)) return null;
        if (!boundsReal(s, l, !v.before(), a.length(), user)) return null;
        // Values the function bounds itself (not data from outside) must miss the object closely:
        // a bound far beyond it comes from arithmetic on values we do not know, not from the code.
        if (!outside(l, a.length(), user) && size.isConstant()) {
            Range r = s.rangeOf(l);
            long reach = v.before() ? -r.lo() : r.hi();
            // (A small object gets some room: a loop over ten ints in a 10-byte block overshoots by 30.)
            if (reach > Math.max(size.lo(), SMALL_REACH)) return null;
        }
        return v;
    }

    private static boolean outside(Lin l, Lin length, boolean user) {
        for (Sym x : l.terms().keySet()) if (x.tainted() || user && length.terms().containsKey(x)) return true;
        return false;
    }

    /** The rule a violation falls under, by direction, read or write, and the object's storage. */
    static Rule rule(Checker.Access a, Violation v) {
        if (v.before()) return a.write() ? Rules.UNDERWRITE : Rules.UNDERREAD;
        if (!a.write()) return Rules.OVERREAD;
        Region r = a.region();
        if (v.terminatorOnly() && a.kind() == Checker.Access.Kind.STRING && r.kind() == Region.Kind.HEAP) return Rules.ALLOC_TOO_SMALL;
        if (r.kind() == Region.Kind.HEAP || r.kind() == Region.Kind.SYM) return Rules.HEAP_OVERFLOW;
        if (r.isStack()) return Rules.STACK_OVERFLOW;
        return Rules.STATIC_OVERFLOW;
    }

    /** The message: what is accessed, where, and the object's size. */
    static String message(State s, Checker.Access a, Violation v) {
        String what = a.write() ? "write" : "read";
        String obj = Paths.name(a.region());
        String extent = a.length().isConstant() ? a.length().constant() + " byte" + (a.length().constant() == 1 ? "" : "s")
                : s.rangeOf(a.length()) + " bytes";
        String size = v.size().isConstant() ? v.size().constant() + " bytes" : "size " + s.rangeOf(v.size()) + " bytes";
        String where = v.before() ? "before the start of " : "past the end of ";
        String may = v.definite() ? "" : "may be ";
        return what + " of " + extent + " at offset " + v.offset() + " " + may + where + obj + " (" + size + ")" + Paths.via(a.via());
    }

    static List<PathEvent> path(State s, Checker.Access a, Violation v) {
        List<PathEvent> out = new ArrayList<>();
        Region r = a.region();
        Resource res = s.resource(r);
        if (res != null && res.allocPos() != null) out.add(new PathEvent(res.allocPos(), Paths.allocated(res)));
        else if (r.site() != null) out.add(new PathEvent(r.site(), "object declared here"));
        out.addAll(Paths.viaNotes(a.via(), a.pos()));
        out.add(new PathEvent(a.pos(), (a.write() ? "written" : "read") + " here: offset " + v.offset() + ", object size "
                + (v.size().isConstant() ? v.size().constant() : s.rangeOf(v.size())) + " bytes"));
        return out;
    }

    /** Reports a violation of the given rule once per source position for one checker. */
    static void report(Checker.Ctx cx, State s, Checker.Access a, Rule want, java.util.Set<Object> seen) {
        // Each side on its own: an unchecked index may run off both ends, each its own rule.
        Violation v = checkTrusted(s, a, true);
        if (v == null || rule(a, v) != want) v = checkTrusted(s, a, false);
        if (v == null || rule(a, v) != want) return;
        if (!seen.add(a.pos())) return;
        cx.report(want, a.pos(), message(s, a, v), path(s, a, v), false);
    }
}
