package dev.ferrite.analysis;

import dev.ferrite.ir.Attr;
import dev.ferrite.ir.CType;
import dev.ferrite.ir.Instr;
import dev.ferrite.ir.Operand;
import java.util.List;
import java.util.Map;

/**
 * The block and string attributes of models: {@code copy}, {@code fill}, {@code string_copy},
 * {@code string_copy_n}, {@code string_cat}, {@code string_cat_n}, {@code format_write},
 * {@code format_write_n}, {@code string_length} (each with a {@code _wide} form for wchar_t),
 * {@code user_copy_from} and {@code user_copy_to}. Each reads and writes through its pointer
 * arguments as engine accesses with their extent (so bounds, use-after-free, NULL and uninitialized
 * checks see them at the call), moves contents and keeps string lengths up to date.
 */
final class MemModels {
    private static final int WCHAR = 4;
    private final FunctionAnalysis A;
    private final Exec X;
    /** The value the last {@link #apply} computed for the call's result (string_length), or null. */
    Val result;

    MemModels(FunctionAnalysis a) {
        this.A = a;
        this.X = a.exec;
    }

    /** Applies the attributes; false when the path ends (a certain NULL dereference). */
    boolean apply(State s, Instr.Call c, String name, Models.Spec spec, List<Val> args) {
        result = null;
        for (Attr a : spec.attrs()) {
            String n = a.name();
            boolean wide = n.endsWith("_wide");
            String base = wide ? n.substring(0, n.length() - 5) : n;
            int unit = wide ? WCHAR : 1;
            boolean ok = switch (base) {
                case "copy" -> copy(s, c, name, args, arg(a, 0), arg(a, 1), arg(a, 2), unit);
                case "fill" -> fill(s, c, name, args, arg(a, 0), arg(a, 1), unit);
                case "string_copy" -> stringCopy(s, c, name, args, arg(a, 0), arg(a, 1), -1, unit, false);
                case "string_copy_n" -> stringCopy(s, c, name, args, arg(a, 0), arg(a, 1), arg(a, 2), unit, spec.has("bounded"));
                case "string_cat" -> stringCat(s, c, name, args, arg(a, 0), arg(a, 1), -1, unit);
                case "string_cat_n" -> stringCat(s, c, name, args, arg(a, 0), arg(a, 1), arg(a, 2), unit);
                case "format_write" -> format(s, c, name, args, arg(a, 0), -1, unit);
                case "format_write_n" -> format(s, c, name, args, arg(a, 0), arg(a, 1), unit);
                case "string_length" -> length(s, c, name, args, arg(a, 0), unit);
                case "format_reads" -> formatReads(s, c, name, args, arg(a, 0), unit);
                case "user_copy_from" -> userCopy(s, c, name, args, arg(a, 0), arg(a, 2), true);
                case "user_copy_to" -> userCopy(s, c, name, args, arg(a, 1), arg(a, 2), false);
                case "returns_into" -> into(s, args, arg(a, 0));
                default -> true;
            };
            if (!ok || s.dead) return false;
        }
        return true;
    }

    private static int arg(Attr a, int i) {
        return a.intArg(i, 0) - 1;
    }

    private static Val at(List<Val> args, int i) {
        return i >= 0 && i < args.size() ? args.get(i) : null;
    }

    /** A size argument as a linear expression of bytes, or null when it is not an integer. */
    private static Lin bytes(List<Val> args, int i, int unit) {
        return at(args, i) instanceof Val.Num n ? n.lin().scale(unit) : null;
    }

    private Val.Loc access(State s, Instr.Call c, String name, Val p, Lin len, Checker.Access.Kind kind, boolean write, int i) {
        if (p == null) return null;
        return X.deref(s, p, len, kind, write, c.pos(), Calls.argText(c, i), List.of(name));
    }

    /** The smaller of two lengths when the state decides which it is, else null. */
    private static Lin min(State s, Lin a, Lin b) {
        Range d = s.rangeOf(a.sub(b));
        if (d.hi() <= 0) return a;
        if (d.lo() >= 0) return b;
        return null;
    }

    // ------------------------------------------------------------ memcpy, memset

    private boolean copy(State s, Instr.Call c, String name, List<Val> args, int di, int si, int ni, int unit) {
        Lin len = bytes(args, ni, unit);
        if (len == null) len = Lin.of(unit);
        Val.Loc from = access(s, c, name, at(args, si), len, Checker.Access.Kind.BLOCK, false, si);
        if (s.dead) return false;
        Val.Loc to = access(s, c, name, at(args, di), len, Checker.Access.Kind.BLOCK, true, di);
        if (s.dead) return false;
        if (to == null) return true;
        boolean tainted = from != null && X.mem(s, from.region()).fill() == Mem.Fill.TAINTED;
        Strings.Fact srcFact = from != null && from.offset().equals(Lin.ZERO) ? Strings.get(s, from.region()) : null;
        long n = len.isConstant() ? len.constant() : -1;
        X.havoc(s, to.region(), to.offset(), n, tainted);
        if (from != null && n > 0 && n <= 512 && from.offset().isConstant() && to.offset().isConstant()) {
            long fo = from.offset().constant();
            long delta = to.offset().constant() - fo;
            Mem src = X.mem(s, from.region());
            for (Map.Entry<Long, Mem.Cell> e : src.cells().entrySet()) {
                long o = e.getKey();
                if (o >= fo && o + e.getValue().size() <= fo + n) X.write(s, to.region(), Lin.of(o + delta), e.getValue().type(), e.getValue().val());
            }
        }
        if (to.offset().equals(Lin.ZERO) && srcFact != null && len.isConstant()) {
            Range l = s.rangeOf(srcFact.len());
            long elems = len.constant() / srcFact.unit();
            if (srcFact.exact() && l.hi() < elems) Strings.set(s, to.region(), srcFact);
            else if (l.lo() >= elems) Strings.set(s, to.region(), new Strings.Fact(Lin.of(elems), false, srcFact.unit()));
        }
        return true;
    }

    private boolean fill(State s, Instr.Call c, String name, List<Val> args, int di, int ni, int unit) {
        Lin len = bytes(args, ni, unit);
        if (len == null) len = Lin.of(unit);
        Val.Loc to = access(s, c, name, at(args, di), len, Checker.Access.Kind.BLOCK, true, di);
        if (s.dead) return false;
        if (to == null) return true;
        // memset(d, c, n): the value sits between the pointer and the size; bzero(d, n) has none.
        Val v = ni == di + 2 ? at(args, di + 1) : Val.Num.ZERO;
        Strings.Fact old = to.offset().equals(Lin.ZERO) ? Strings.get(s, to.region()) : null;
        long n = len.isConstant() ? len.constant() : -1;
        boolean zero = v instanceof Val.Num z && z.isConstant() && (z.lin().constant() & 0xff) == 0;
        boolean nonZero = v instanceof Val.Num z && z.isConstant() && (z.lin().constant() & 0xff) != 0;
        if (zero && to.offset().equals(Lin.ZERO) && n > 0 && sameOrLarger(s, to.region(), n)) {
            X.escapeContents(s, X.mem(s, to.region()));
            s.mem.put(to.region(), Mem.of(Mem.Fill.ZERO));
            Strings.clear(s, to.region());
        } else {
            X.havoc(s, to.region(), to.offset(), n, false);
        }
        if (!to.offset().equals(Lin.ZERO) || n < 0) return true;
        int es = elemSize(to.region(), unit);
        if (zero) {
            Strings.set(s, to.region(), new Strings.Fact(Lin.ZERO, true, es));
        } else if (nonZero) {
            long elems = n / es;
            if (old != null && old.exact() && old.unit() == es && s.rangeOf(old.len()).lo() >= elems) Strings.set(s, to.region(), old);
            else Strings.set(s, to.region(), new Strings.Fact(Lin.of(elems), false, es));
        }
        return true;
    }

    private static boolean sameOrLarger(State s, Region r, long n) {
        Lin size = s.size(r);
        return size != null && size.isConstant() && size.constant() <= n;
    }

    /** The element size a buffer is used with: wchar_t arrays are filled byte-wise by memset too. */
    private static int elemSize(Region r, int unit) {
        CType t = r.type();
        if (t instanceof CType.Array a && a.elem().size() == WCHAR) return WCHAR;
        return unit;
    }

    // ------------------------------------------------------------ strcpy, strncpy, strcat

    private boolean stringCopy(State s, Instr.Call c, String name, List<Val> args, int di, int si, int ni, int unit, boolean bounded) {
        Val.Loc src = X.asLoc(s, at(args, si));
        Lin exact = src != null ? Strings.exactAt(s, src, unit) : null;
        Lin least = src != null ? Strings.atLeast(s, src, unit) : Lin.ZERO;
        Lin strLen = exact != null ? exact : least;
        Lin n = ni >= 0 ? (at(args, ni) instanceof Val.Num nn ? nn.lin() : null) : null;
        Lin read = strLen.addConst(1);
        Lin write = read;
        if (ni >= 0) {
            if (n == null) return unknownExtent(s, c, name, args, di, si);
            Lin m = min(s, read, n);
            read = m != null ? m : Lin.of(1);
            // strncpy pads to n; strscpy and strlcpy stop at the terminator or n.
            write = bounded ? read : n;
        }
        access(s, c, name, at(args, si), read.scale(unit), Checker.Access.Kind.STRING, false, si);
        if (s.dead) return false;
        Val.Loc to = access(s, c, name, at(args, di), write.scale(unit), Checker.Access.Kind.STRING, true, di);
        if (s.dead) return false;
        if (to == null) return true;
        boolean tainted = src != null && X.mem(s, src.region()).fill() == Mem.Fill.TAINTED;
        X.havoc(s, to.region(), to.offset(), write.isConstant() ? write.constant() * unit : -1, tainted);
        if (!to.offset().equals(Lin.ZERO)) return true;
        if (ni < 0) {
            Strings.set(s, to.region(), new Strings.Fact(strLen, exact != null, unit));
        } else if (bounded) {
            Lin m = min(s, strLen, n.addConst(-1));
            if (m != null) Strings.set(s, to.region(), new Strings.Fact(m, exact != null || m.equals(n.addConst(-1)), unit));
        } else if (exact != null && s.rangeOf(exact.sub(n)).hi() < 0) {
            Strings.set(s, to.region(), new Strings.Fact(exact, true, unit));
        } else if (s.rangeOf(strLen.sub(n)).lo() >= 0 && n.isConstant()) {
            Strings.set(s, to.region(), new Strings.Fact(n, false, unit)); // not terminated
        }
        return true;
    }

    private boolean stringCat(State s, Instr.Call c, String name, List<Val> args, int di, int si, int ni, int unit) {
        Val.Loc dst = X.asLoc(s, at(args, di));
        Val.Loc src = X.asLoc(s, at(args, si));
        Lin dExact = dst != null ? Strings.exactAt(s, dst, unit) : null;
        Lin dLen = dExact != null ? dExact : dst != null ? Strings.atLeast(s, dst, unit) : Lin.ZERO;
        Lin sExact = src != null ? Strings.exactAt(s, src, unit) : null;
        Lin sLen = sExact != null ? sExact : src != null ? Strings.atLeast(s, src, unit) : Lin.ZERO;
        Lin appended = sLen;
        if (ni >= 0) {
            if (!(at(args, ni) instanceof Val.Num nn)) return unknownExtent(s, c, name, args, di, si);
            Lin m = min(s, sLen, nn.lin());
            appended = m != null ? m : Lin.ZERO;
        }
        access(s, c, name, at(args, si), appended.addConst(ni >= 0 ? 0 : 1).scale(unit), Checker.Access.Kind.STRING, false, si);
        if (s.dead) return false;
        access(s, c, name, at(args, di), dLen.addConst(1).scale(unit), Checker.Access.Kind.STRING, false, di);
        if (s.dead || dst == null) return !s.dead;
        Val.Loc end = new Val.Loc(dst.region(), dst.offset().add(dLen.scale(unit)));
        Val.Loc to = access(s, c, name, end, appended.addConst(1).scale(unit), Checker.Access.Kind.STRING, true, di);
        if (s.dead) return false;
        if (to == null) return true;
        X.havoc(s, dst.region(), end.offset(), -1, src != null && X.mem(s, src.region()).fill() == Mem.Fill.TAINTED);
        if (dst.offset().equals(Lin.ZERO) && dExact != null && (sExact != null || ni >= 0 && !appended.equals(Lin.ZERO))) {
            Strings.set(s, dst.region(), new Strings.Fact(dExact.add(appended), true, unit));
        }
        return true;
    }

    /** A copy whose size is not a number: the objects are read and written, the extent unknown. */
    private boolean unknownExtent(State s, Instr.Call c, String name, List<Val> args, int di, int si) {
        access(s, c, name, at(args, si), Lin.of(1), Checker.Access.Kind.PLAIN, false, si);
        if (s.dead) return false;
        Val.Loc to = access(s, c, name, at(args, di), Lin.of(1), Checker.Access.Kind.PLAIN, true, di);
        if (s.dead) return false;
        if (to != null) X.havoc(s, to.region(), Lin.ZERO, -1, false);
        return true;
    }

    // ------------------------------------------------------------ sprintf, snprintf

    private boolean format(State s, Instr.Call c, String name, List<Val> args, int di, int ni, int unit) {
        int fi = (ni >= 0 ? ni : di) + 1;
        Lin out = null; // a lower bound of the characters produced, when the format is a literal
        if (fi < c.args().size() && c.args().get(fi) instanceof Operand.StrConst f) out = formatLength(s, f.value(), args, fi + 1, unit);
        Lin write;
        if (ni >= 0) {
            if (!(at(args, ni) instanceof Val.Num nn)) return unknownExtent(s, c, name, args, di, di);
            Lin n = nn.lin();
            Lin m = out != null ? min(s, out.addConst(1), n) : null;
            write = m != null ? m : n;
        } else {
            write = out != null ? out.addConst(1) : Lin.of(1);
        }
        Val.Loc to = access(s, c, name, at(args, di), write.scale(unit), Checker.Access.Kind.STRING, true, di);
        if (s.dead) return false;
        // What is written is only known at least: up to the bound (snprintf) or an unknown end (sprintf) may change.
        Lin most = ni >= 0 && at(args, ni) instanceof Val.Num nn ? nn.lin() : null;
        if (to != null) X.havoc(s, to.region(), to.offset(), most != null && most.isConstant() ? most.constant() * unit : -1, false);
        return true;
    }

    /** Characters a format produces at least: its text, the known lengths of %s arguments, one per other conversion. */
    private Lin formatLength(State s, String fmt, List<Val> args, int first, int unit) {
        FormatString f = FormatString.parse(fmt, first);
        Lin n = Lin.ZERO.addConst(f.literalChars());
        for (FormatString.Conversion cv : f.conversions()) {
            char conv = cv.conv();
            Val v = at(args, cv.arg());
            if ((conv == 's' || conv == 'S') && !cv.flags().contains(".") && v instanceof Val.Loc l) {
                boolean wideArg = conv == 'S' || cv.flags().contains("l") || unit == WCHAR;
                n = n.add(Strings.atLeast(s, l, wideArg ? WCHAR : 1));
            } else if ("diuxXcop".indexOf(conv) >= 0) {
                n = n.addConst(1);
            }
        }
        return n;
    }

    /** printf and friends: each %s argument of a literal format is read as a string up to its terminator. */
    private boolean formatReads(State s, Instr.Call c, String name, List<Val> args, int fi, int unit) {
        if (fi < 0 || fi >= c.args().size() || !(c.args().get(fi) instanceof Operand.StrConst f)) return true;
        for (FormatString.Conversion cv : FormatString.parse(f.value(), fi + 1).conversions()) {
            char conv = cv.conv();
            int argIndex = cv.arg();
            // A precision bounds the read: not a scan to the terminator.
            if ((conv == 's' || conv == 'S') && !cv.flags().contains(".") && at(args, argIndex) instanceof Val.Loc) {
                boolean wideArg = conv == 'S' || cv.flags().contains("l");
                scan(s, c, name, at(args, argIndex), wideArg ? WCHAR : 1, argIndex);
                if (s.dead) return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------ strlen

    /**
     * The bytes reading the string at {@code loc} touches: its length and terminator when known; past
     * the object's end when the object holds no terminator (all of it non-NUL, or its last element never
     * written and no NUL written anywhere: a copy that left it unterminated); else what is certainly
     * non-NUL plus the terminator.
     */
    static Lin scanExtent(State s, Val.Loc loc, int unit) {
        Lin exact = Strings.exactAt(s, loc, unit);
        if (exact != null) return exact.addConst(1).scale(unit);
        Lin read = Strings.atLeast(s, loc, unit).addConst(1).scale(unit);
        Region r = loc.region();
        if (!loc.offset().equals(Lin.ZERO) || r.kind() == Region.Kind.SYM || r.kind() == Region.Kind.STRING) return read;
        Lin size = s.size(r);
        if (size == null || !size.isConstant() || size.constant() < unit) return read;
        long sz = size.constant();
        Long prefix = Strings.nonZeroPrefix(s, r, unit);
        if (prefix != null && prefix * unit >= sz) return Lin.of(prefix * unit + unit);
        return unterminated(s, r, sz, unit) ? Lin.of(sz + unit) : read;
    }

    /** True when the object was written but never got a NUL: its last element was never written and no written element is known to be 0. */
    private static boolean unterminated(State s, Region r, long size, int unit) {
        if (!(r.type() instanceof CType.Array) && r.kind() != Region.Kind.HEAP && r.kind() != Region.Kind.ALLOCA) return false;
        Mem m = s.mem.get(r);
        if (m == null || !m.neverWritten(size - unit, size)) return false;
        if (m.cells().isEmpty() && !m.hasWrittenSpan()) return false; // never written at all: an uninitialized read
        for (Mem.Cell cell : m.cells().values()) {
            if (!(cell.val() instanceof Val.Num n) || n.isConstant() && n.lin().constant() == 0) return false;
        }
        return true;
    }

    /** A string read (strlen, %s): measured here when we know the object, else by each caller (a scan of an input). */
    private void scan(State s, Instr.Call c, String name, Val p, int unit, int argIndex) {
        Val.Loc loc = X.asLoc(s, p);
        Lin read = loc != null ? scanExtent(s, loc, unit) : Lin.of(unit);
        boolean input = loc != null && loc.region().kind() == Region.Kind.SYM && loc.region().pointer().input() != null
                && Strings.exactAt(s, loc, unit) == null;
        Checker.Access.Kind kind = !input ? Checker.Access.Kind.STRING : unit == WCHAR ? Checker.Access.Kind.SCAN_WIDE : Checker.Access.Kind.SCAN;
        access(s, c, name, p, read, kind, false, argIndex);
    }

    private boolean length(State s, Instr.Call c, String name, List<Val> args, int pi, int unit) {
        Val p = at(args, pi);
        Val.Loc loc = X.asLoc(s, p);
        Lin exact = loc != null ? Strings.exactAt(s, loc, unit) : null;
        Lin least = loc != null ? Strings.atLeast(s, loc, unit) : Lin.ZERO;
        scan(s, c, name, p, unit, pi);
        if (s.dead) return false;
        if (c.dst() == null) return true;
        if (exact != null) {
            result = new Val.Num(exact);
            return true;
        }
        Sym x = A.sym(null, false, CType.ULONG);
        long lo = s.rangeOf(least).lo();
        long hi = Long.MAX_VALUE;
        Lin size = loc != null ? s.size(loc.region()) : null;
        if (size != null && size.isConstant() && loc.offset().isConstant()) hi = Math.max(lo, (size.constant() - loc.offset().constant()) / unit - 1);
        s.ranges.put(x, new Range(Math.max(0, lo), hi));
        result = Val.Num.of(x);
        // From now on the string's length is that value (until the object is written).
        if (loc != null && loc.offset().equals(Lin.ZERO) && loc.region().kind() != Region.Kind.STRING) {
            Strings.set(s, loc.region(), new Strings.Fact(Lin.of(x), true, unit));
            if (loc.region().kind() == Region.Kind.SYM && loc.region().pointer().input() != null) {
                Strings.noteLength(s, x, loc.region().pointer().input(), unit);
            }
        }
        return true;
    }

    // ------------------------------------------------------------ strchr and friends

    /** The result points into the argument's object, at or after the argument, within the object. */
    private boolean into(State s, List<Val> args, int pi) {
        Val.Loc loc = X.asLoc(s, at(args, pi));
        if (loc == null) return true;
        Sym x = A.sym(null, false, CType.LONG);
        long hi = Long.MAX_VALUE;
        Lin size = s.size(loc.region());
        if (size != null && size.isConstant() && loc.offset().isConstant()) hi = Math.max(0, size.constant() - loc.offset().constant() - 1);
        s.ranges.put(x, new Range(0, hi));
        result = new Val.Loc(loc.region(), loc.offset().add(Lin.of(x)));
        return true;
    }

    // ------------------------------------------------------------ copy_from_user, copy_to_user

    private boolean userCopy(State s, Instr.Call c, String name, List<Val> args, int ki, int ni, boolean into) {
        Lin len = bytes(args, ni, 1);
        if (len == null) return true;
        // A length from user space is unbounded until checked: the access says so.
        Val.Loc k = access(s, c, name, at(args, ki), len, Checker.Access.Kind.USER, into, ki);
        if (s.dead) return false;
        if (k != null && into) X.havoc(s, k.region(), k.offset(), len.isConstant() ? len.constant() : -1, true);
        return true;
    }
}
