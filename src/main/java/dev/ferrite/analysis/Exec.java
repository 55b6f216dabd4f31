package dev.ferrite.analysis;

import dev.ferrite.frontend.SourcePos;
import dev.ferrite.ir.Block;
import dev.ferrite.ir.CType;
import dev.ferrite.ir.Field;
import dev.ferrite.ir.Instr;
import dev.ferrite.ir.Operand;
import dev.ferrite.ir.Rvalue;
import dev.ferrite.ir.Rvalue.BinOp;
import dev.ferrite.ir.Terminator;
import dev.ferrite.ir.Var;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The meaning of instructions and terminators on abstract states. */
final class Exec {
    private final FunctionAnalysis A;

    Exec(FunctionAnalysis a) {
        this.A = a;
    }

    // ------------------------------------------------------------ operands

    Val eval(State s, Operand op) {
        if (op instanceof Var v) {
            if (v.inMemory()) return new Val.Loc(A.varRegion(v), Lin.ZERO);
            Val val = s.regs.get(v);
            return val != null ? val : new Val.Undef(v.name());
        }
        if (op instanceof Operand.IntConst ic) return Val.Num.of(ic.value());
        if (op instanceof Operand.StrConst sc) return new Val.Loc(A.stringRegion(sc), Lin.ZERO);
        if (op instanceof Operand.FuncRef f) return new Val.Fn(f.name());
        return A.fresh(s, op.type(), false); // floating point: not tracked
    }

    /** A pointer view of a value: locations as they are, integer symbols as unknown objects. */
    Val.Loc asLoc(State s, Val v) {
        if (v instanceof Val.Loc l) return l;
        if (v instanceof Val.Num n && !n.isConstant()) {
            // An address turned into an integer and back: find its region by the base symbol.
            for (Map.Entry<Sym, Long> e : n.lin().terms().entrySet()) {
                Region r = A.regionOfBase(e.getKey());
                if (r == null && s.symRegions.containsKey(e.getKey())) r = s.symRegions.get(e.getKey());
                if (r != null && e.getValue() == 1) return new Val.Loc(r, n.lin().sub(Lin.of(e.getKey())));
            }
            Sym sym = n.lin().asSym();
            if (sym != null) return new Val.Loc(A.symRegion(s, sym), Lin.ZERO);
        }
        return null;
    }

    // ------------------------------------------------------------ events

    void undefUse(State s, Val.Undef u, String what, SourcePos pos) {
        Checker.UndefUse e = new Checker.UndefUse(u, what, pos);
        for (Checker c : A.checkers) c.onUndefUse(A, s, e);
    }

    /**
     * Notes that a value is used: an unwritten one is reported; one read through an input pointer
     * becomes a {@link State.Use} effect, checked against what each caller wrote there.
     */
    void used(State s, Val v, SourcePos pos) {
        if (!(v instanceof Val.Num n)) return;
        Sym x = n.lin().asSym();
        if (x == null || x.input() == null || x.input().depth() == 0 || x.type() == null) return;
        for (State.Effects e = s.effects; e != null; e = e.tail()) {
            if (e.head() instanceof State.Use u && u.value().equals(x.input())) return;
        }
        s.addEffect(new State.Use(x.input(), x.type(), pos));
    }

    /** Reports never-written bytes among {@code size} bytes at {@code loc} that leave the program (size -1: the rest of the object). */
    void disclose(State s, Val.Loc loc, long size, SourcePos pos, String fn) {
        Region r = loc.region();
        if (r.kind() == Region.Kind.SYM || !loc.offset().isConstant()) return;
        Mem m = mem(s, r);
        if (m.fill() != Mem.Fill.UNDEF) return;
        long lo = loc.offset().constant();
        long hi;
        if (size >= 0) {
            hi = lo + size;
        } else {
            Lin sz = s.size(r);
            if (sz == null || !sz.isConstant()) return;
            hi = sz.constant();
        }
        if (hi <= lo || !m.hasUnwrittenByte(lo, hi)) return;
        Checker.UndefUse e = new Checker.UndefUse(new Val.Undef(r.name()), "copied out by '" + fn + "'", pos, true);
        for (Checker c : A.checkers) c.onUndefUse(A, s, e);
    }

    /**
     * Checks and performs a dereference: reports through the checkers, stops the path on a certain
     * NULL or error pointer, and learns that the pointer was valid. Returns the location, or null
     * when nothing is known of the target (the caller then uses an unknown value).
     */
    Val.Loc deref(State s, Val p, long size, boolean write, SourcePos pos, String text, List<String> via) {
        return deref(s, p, Lin.of(size), Checker.Access.Kind.PLAIN, write, pos, text, via);
    }

    /** A dereference of {@code length} bytes (a symbolic extent: memcpy, strcpy, a user copy). */
    Val.Loc deref(State s, Val p, Lin length, Checker.Access.Kind kind, boolean write, SourcePos pos, String text, List<String> via) {
        return deref(s, p, length, kind, write, pos, text, via, null);
    }

    /**
     * As above; {@code guards}, when not null, are the conditions on our inputs under which the access
     * happens, recorded with it in place of the state's (a callee's access replayed under its own guards).
     */
    Val.Loc deref(State s, Val p, Lin length, Checker.Access.Kind kind, boolean write, SourcePos pos, String text, List<String> via,
                  Map<Sym, Range> guards) {
        long size = length.isConstant() ? Math.max(0, length.constant()) : 1;
        if (p instanceof Val.Undef u) {
            undefUse(s, u, "dereference of '" + text + "'", pos);
            return null;
        }
        if (p instanceof Val.Num n && n.isConstant()) {
            long c = n.lin().constant();
            Checker.Access a = new Checker.Access(p, null, Lin.of(c), size, write, pos, text, via, length, kind);
            for (Checker ch : A.checkers) ch.onAccess(A, s, a);
            if (c >= -4095 && c < 4096) s.dead = true; // NULL or an error pointer: the path ends here
            return null;
        }
        Val.Loc loc = asLoc(s, p);
        if (loc == null) return null;
        Region r = loc.region();
        Checker.Access a = new Checker.Access(loc, r, loc.offset(), size, write, pos, text, via, length, kind);
        for (Checker ch : A.checkers) ch.onAccess(A, s, a);
        if (r.kind() == Region.Kind.SYM && r.pointer().input() != null) {
            // An input pointer: whether it may be NULL is the caller's business (the summary replays
            // this access in each caller), so the status learnt here is not a precondition.
            boolean unchecked = (s.ptrStatus(r.base()) & State.NULL) != 0;
            if (Assume.related(s, loc.offset()) || Assume.related(s, length)) {
                // The extent is bounded by a relation with an input (a loop to a count the caller passes):
                // replayed in callers without it, it would reach where this function never goes.
                s.addEffect(new State.Access(r.pointer().input(), write, pos, text, via, unchecked));
            } else {
                s.addAccess(r.pointer().input(), write, pos, text, via, loc.offset(), length, kind, unchecked,
                        guards != null ? guards : s.inputGuards());
            }
            return loc;
        }
        reach(s, r, loc.offset(), length, kind, write, pos, text, via);
        int st = s.ptrStatus(r.base());
        if ((st & State.VALID) == 0) {
            s.dead = true;
            return null;
        }
        if (st != State.VALID) s.ptr.put(r.base(), State.VALID);
        return loc;
    }

    /**
     * An access to one of the function's own objects whose extent depends on inputs and may leave
     * the object becomes a {@link State.OwnReach} effect, so callers check it with their values.
     */
    void reach(State s, Region r, Lin off, Lin length, Checker.Access.Kind kind, boolean write, SourcePos pos, String text, List<String> via) {
        if (r.kind() == Region.Kind.SYM || r.kind() == Region.Kind.STRING) return;
        Lin size = s.size(r);
        if (size == null) return;
        if (!mentionsInput(s, off) && !mentionsInput(s, length) && !mentionsInput(s, size)) return;
        if (related(s, off) || related(s, length)) return;
        Range lo = s.rangeOf(off);
        Range hi = s.rangeOf(off.add(length).sub(size));
        if (lo.lo() >= 0 && hi.hi() <= 0) return;
        s.addReach(r, size, write, pos, text, via, off, length, kind);
    }

    private static boolean mentionsInput(State s, Lin l) {
        for (Sym x : l.terms().keySet()) if (x.input() != null || Strings.lengthOf(s, x) != null) return true;
        return false;
    }

    /** True when a symbol of the extent was compared with an input on this path (a relation we do not keep). */
    private static boolean related(State s, Lin l) {
        return Assume.related(s, l);
    }

    // ------------------------------------------------------------ memory

    Mem mem(State s, Region r) {
        Mem m = s.mem.get(r);
        if (m != null) return m;
        m = switch (r.kind()) {
            case VAR -> r.var() != null && r.var().isGlobal() ? A.initialGlobal(s, r.var()) : Mem.of(Mem.Fill.UNDEF);
            case SYM -> Mem.of(r.pointer().input() != null ? Mem.Fill.INPUT : r.pointer().tainted() ? Mem.Fill.TAINTED : Mem.Fill.UNKNOWN);
            case HEAP, ALLOCA -> Mem.of(Mem.Fill.UNKNOWN);
            case STRING -> Mem.of(Mem.Fill.ZERO);
        };
        s.mem.put(r, m);
        return m;
    }

    static long sizeOf(CType t) {
        return Math.max(1, t.size());
    }

    /**
     * What an unwritten byte range of a region holds by its fill, without changing the state;
     * null when it is an unknown value we cannot name (the caller then treats it as unknown).
     */
    Val implicit(State s, Region r, Mem m, long off, CType t) {
        switch (m.fill()) {
            case UNDEF:
                return m.inWrittenSpan(off, sizeOf(t)) ? null : new Val.Undef(r.name());
            case ZERO:
                return Val.Num.ZERO;
            case INPUT: {
                AccessPath ap = A.inputPathOf(r);
                return ap != null ? A.input(s, ap.deref(off), t) : null;
            }
            default:
                return null;
        }
    }

    Val read(State s, Region r, Lin off, CType t) {
        if (r.kind() == Region.Kind.STRING) return readString(s, r, off, t);
        Mem m = mem(s, r);
        if (off.isConstant()) {
            long o = off.constant();
            Mem.Cell c = m.at(o);
            long size = sizeOf(t);
            if (c != null && c.size() == size) return adapt(s, c.val(), t);
            if (m.overlapsPartially(o, size)) return A.fresh(s, t, false);
            Val v;
            switch (m.fill()) {
                case UNDEF:
                    if (!m.inWrittenSpan(o, size)) return new Val.Undef(r.name());
                    v = A.fresh(s, t, false);
                    break;
                case ZERO:
                    return Val.Num.ZERO;
                case INPUT: {
                    AccessPath ap = A.inputPathOf(r);
                    v = ap != null ? A.input(s, ap.deref(o), t) : A.fresh(s, t, false);
                    break;
                }
                case TAINTED:
                    v = A.fresh(s, t, true);
                    break;
                default:
                    v = A.fresh(s, t, false);
            }
            if (!t.isAggregate()) s.mem.put(r, m.put(o, t, v));
            return v;
        }
        if (m.fill() == Mem.Fill.UNDEF) {
            long[] span = indexSpan(s, r, off, sizeOf(t));
            if (span != null ? m.hasUnwrittenByte(span[0], span[1]) : m.cells().isEmpty() && !m.hasWrittenSpan()) {
                return new Val.Undef(r.name());
            }
        }
        return A.symbolicRead(s, r, m, off, t, m.fill() == Mem.Fill.TAINTED);
    }

    /**
     * The bytes an access of {@code size} at a symbolic offset may touch, {@code [lo, hi)}, clipped to
     * the object; null when the offset's range is not bounded.
     */
    private long[] indexSpan(State s, Region r, Lin off, long size) {
        Range rg = s.rangeOf(off);
        long lo = rg.lo();
        long hi = rg.hi();
        Lin objSize = s.size(r);
        if (objSize != null && objSize.isConstant()) {
            lo = Math.max(lo, 0);
            if (hi == Long.MAX_VALUE || hi > objSize.constant() - size) hi = objSize.constant() - size;
        }
        if (lo == Long.MIN_VALUE || hi == Long.MAX_VALUE || hi < lo || hi - lo > (1L << 24)) return null;
        return new long[] {lo, hi + size};
    }

    private Val readString(State s, Region r, Lin off, CType t) {
        String lit = r.name();
        if (off.isConstant() && lit.length() >= 2 && r.type() instanceof CType.Array a) {
            long o = off.constant() / Math.max(1, a.elem().size());
            String body = lit.substring(1, lit.length() - 1);
            if (!body.endsWith("...")) {
                if (o == body.length()) return Val.Num.ZERO;
                if (o >= 0 && o < body.length()) return Val.Num.of(body.charAt((int) o));
            }
        }
        return A.fresh(s, t, false);
    }

    private Val adapt(State s, Val v, CType t) {
        if (t instanceof CType.Ptr && v instanceof Val.Num n && !n.isConstant()) {
            Val.Loc l = asLoc(s, v);
            return l != null ? l : v;
        }
        return v;
    }

    /** A write at a constant offset, for {@link #writeAll}. */
    record CellWrite(long off, CType type, Val val) {
    }

    /**
     * The writes {@link #write} would do one by one at constant offsets of one object, with one copy of its
     * cells instead of one per write (a callee that fills a 100,000-element table must not cost 100,000 copies).
     */
    void writeAll(State s, Region r, List<CellWrite> writes) {
        if (r.kind() == Region.Kind.STRING || writes.isEmpty()) return;
        boolean escapes = r.kind() == Region.Kind.SYM && r.pointer().input() == null;
        Mem.Builder b = new Mem.Builder(mem(s, r));
        for (CellWrite w : writes) {
            if (escapes) escapeValue(s, w.val());
            b.put(w.off(), w.type(), w.val());
        }
        s.mem.put(r, b.build());
        for (CellWrite w : writes) Strings.onFirstStore(s, r, Lin.of(w.off()), w.type(), w.val());
    }

    void write(State s, Region r, Lin off, CType t, Val v) {
        if (r.kind() == Region.Kind.STRING) return;
        // An object of unknown origin (a result of code we cannot see, a pointer a loop widened)
        // may be anyone's: what is stored there is no longer ours alone to release.
        if (r.kind() == Region.Kind.SYM && r.pointer().input() == null) escapeValue(s, v);
        Mem m = mem(s, r);
        if (off.isConstant()) {
            s.mem.put(r, m.put(off.constant(), t, v));
            Strings.onFirstStore(s, r, off, t, v);
            return;
        }
        Strings.clear(s, r);
        if (m.fill() == Mem.Fill.UNDEF) {
            // Part of a never-written object: only the span the index can reach is now written.
            long[] span = indexSpan(s, r, off, sizeOf(t));
            if (span != null) {
                for (Map.Entry<Long, Mem.Cell> c : m.cells().entrySet()) {
                    if (c.getKey() < span[1] && c.getKey() + c.getValue().size() > span[0]) escapeValue(s, c.getValue().val());
                }
                escapeValue(s, v);
                s.mem.put(r, m.withWrittenSpan(span[0], span[1]));
                return;
            }
        }
        // A write at an index we cannot pin down: the whole object now holds unknown values.
        escapeContents(s, m);
        escapeValue(s, v);
        s.mem.put(r, Mem.of(m.fill() == Mem.Fill.TAINTED || v instanceof Val.Num n && tainted(n) ? Mem.Fill.TAINTED : Mem.Fill.UNKNOWN));
    }

    private static boolean tainted(Val.Num n) {
        for (Sym x : n.lin().terms().keySet()) if (x.tainted()) return true;
        return false;
    }

    /** Objects whose only reference is forgotten are no longer tracked (no leak can be shown for them). */
    void escapeContents(State s, Mem m) {
        for (Mem.Cell c : m.cells().values()) escapeValue(s, c.val());
    }

    void escapeValue(State s, Val v) {
        if (v instanceof Val.Loc l) {
            Resource res = s.res.get(l.region());
            if (res != null && res.status() == Resource.Status.ALLOCATED) {
                s.res.put(l.region(), res.withStatus(Resource.Status.ESCAPED, null, null));
            }
        }
    }

    /** Replaces the contents of {@code [off, off+size)} with unknown values (a write we do not model in detail). */
    void havoc(State s, Region r, Lin off, long size, boolean tainted) {
        if (r.kind() == Region.Kind.STRING) return;
        Strings.clear(s, r);
        Mem m = mem(s, r);
        Mem.Fill f = tainted ? Mem.Fill.TAINTED : Mem.Fill.UNKNOWN;
        if (off.isConstant() && off.constant() == 0 && (size < 0 || sameSize(s, r, size))) {
            escapeContents(s, m);
            s.mem.put(r, keepLockPointers(s, m, Mem.of(f)));
            return;
        }
        if (off.isConstant() && size > 0) {
            s.mem.put(r, m.clearRange(off.constant(), size).withFill(m.fill() == Mem.Fill.UNDEF ? Mem.Fill.UNDEF : m.fill()));
            // The written span now holds unknown (initialized) bytes.
            Mem cleared = s.mem.get(r);
            long end = off.constant() + Math.min(size, 4096);
            for (long o = off.constant(); o < end; ) {
                long chunk = Math.min(8, end - o);
                CType ct = chunk == 8 ? CType.LONG : chunk >= 4 ? CType.INT : chunk >= 2 ? CType.SHORT : CType.CHAR;
                cleared = cleared.put(o, ct, A.fresh(s, ct, tainted));
                o += ct.size();
            }
            s.mem.put(r, cleared);
            return;
        }
        escapeContents(s, m);
        s.mem.put(r, keepLockPointers(s, m, Mem.of(f)));
    }

    /**
     * Code we do not see (or a callee's summary that lost track) does not repoint the pointers to the
     * locks this path takes and releases: {@code mutex_lock(h->m); helper(u); mutex_unlock(h->m)} names
     * one lock. Only a write the path makes itself changes such a cell.
     */
    private static Mem keepLockPointers(State s, Mem old, Mem fresh) {
        LockSet ls = LockSet.of(s);
        if (ls.locks().isEmpty() || old.cells().isEmpty()) return fresh;
        Mem out = fresh;
        for (Map.Entry<Long, Mem.Cell> c : old.cells().entrySet()) {
            if (c.getValue().val() instanceof Val.Loc l && ls.names(l.region())) out = out.put(c.getKey(), c.getValue().type(), l);
        }
        return out;
    }

    private boolean sameSize(State s, Region r, long size) {
        Lin sz = s.size(r);
        return sz == null || sz.isConstant() && sz.constant() <= size;
    }

    /** Scalar pieces of a type with their offsets (structs flattened; at most {@code max}). */
    static List<Map.Entry<Long, CType>> leaves(CType t, int max) {
        List<Map.Entry<Long, CType>> out = new ArrayList<>();
        collect(t, 0, out, max);
        return out;
    }

    private static void collect(CType t, long base, List<Map.Entry<Long, CType>> out, int max) {
        if (out.size() > max) return;
        if (t instanceof CType.Struct st) {
            if (st.isUnion()) {
                CType widest = null;
                for (Field f : st.fields()) if (widest == null || f.type().size() > widest.size()) widest = f.type();
                if (widest != null) collect(widest, base, out, max);
                return;
            }
            for (Field f : st.fields()) {
                if (f.bitWidth() >= 0) {
                    if (out.isEmpty() || out.get(out.size() - 1).getKey() != base + f.offset()) {
                        out.add(new AbstractMap.SimpleImmutableEntry<>(base + f.offset(), f.type()));
                    }
                    continue;
                }
                collect(f.type(), base + f.offset(), out, max);
            }
        } else if (t instanceof CType.Array a) {
            long n = a.length();
            long es = a.elem().size();
            if (n < 0 || es <= 0) return;
            for (long i = 0; i < n && out.size() <= max; i++) collect(a.elem(), base + i * es, out, max);
        } else {
            out.add(new AbstractMap.SimpleImmutableEntry<>(base, t));
        }
    }

    // ------------------------------------------------------------ instructions

    List<State> instr(State s, Instr i) {
        if (i instanceof Instr.Store || i instanceof Instr.Copy || i instanceof Instr.ZeroFill || i instanceof Instr.InitString
                || i instanceof Instr.Asm) {
            PureCalls.forget(s);
        }
        if (i instanceof Instr.Assign a) {
                Val v = rvalue(s, a.rv(), a.pos());
                if (s.dead) return List.of();
                setReg(s, a.dst(), v, a.pos());
                return List.of(s);
            } else if (i instanceof Instr.Load l) {
                Val p = eval(s, l.addr());
                Val.Loc loc = deref(s, p, sizeOf(l.type()), false, l.pos(), l.text(), List.of());
                if (s.dead) return List.of();
                Val v = loc != null ? read(s, loc.region(), loc.offset(), l.type()) : A.fresh(s, l.type(), false);
                setReg(s, l.dst(), v, l.pos());
                return List.of(s);
            } else if (i instanceof Instr.Store st) {
                Val p = eval(s, st.addr());
                Val v = eval(s, st.value());
                Val.Loc loc = deref(s, p, sizeOf(st.type()), true, st.pos(), st.text(), List.of());
                if (s.dead) return List.of();
                if (loc != null) write(s, loc.region(), loc.offset(), st.type(), v);
                else escapeValue(s, v);
                return List.of(s);
            } else if (i instanceof Instr.Copy c) {
                copy(s, eval(s, c.dst()), eval(s, c.src()), c.type(), c.pos(), c.text());
                return s.dead ? List.of() : List.of(s);
            } else if (i instanceof Instr.Call c) {
                return A.calls.call(s, c);
            } else if (i instanceof Instr.Decl d) {
                Var v = d.var();
                if (v.inMemory()) {
                    Region r = A.varRegion(v);
                    s.mem.put(r, Mem.of(Mem.Fill.UNDEF));
                    Strings.clear(s, r);
                    if (d.vlaLength() != null && v.type() instanceof CType.Array a) {
                        Val n = eval(s, d.vlaLength());
                        if (n instanceof Val.Num num) s.sizes.put(r, num.lin().scale(Math.max(1, a.elem().size())));
                    }
                } else {
                    setReg(s, v, new Val.Undef(v.name()), d.pos());
                }
                return List.of(s);
            } else if (i instanceof Instr.ZeroFill z) {
                Val.Loc loc = asLoc(s, eval(s, z.addr()));
                if (loc != null) {
                    Region r = loc.region();
                    if (loc.offset().equals(Lin.ZERO) && (r.type() == null || r.type().size() <= z.type().size())) {
                        escapeContents(s, mem(s, r));
                        s.mem.put(r, Mem.of(Mem.Fill.ZERO));
                        if (r.type() instanceof CType.Array a && (a.elem().size() == 1 || a.elem().size() == 4)) {
                            Strings.set(s, r, new Strings.Fact(Lin.ZERO, true, (int) a.elem().size()));
                        }
                    } else {
                        for (Map.Entry<Long, CType> e : leaves(z.type(), 256)) {
                            write(s, r, loc.offset().addConst(e.getKey()), e.getValue(), Val.Num.ZERO);
                        }
                    }
                }
                return List.of(s);
            } else if (i instanceof Instr.InitString is) {
                Val.Loc loc = asLoc(s, eval(s, is.addr()));
                if (loc != null && loc.offset().isConstant()) {
                    Region r = loc.region();
                    String v = is.value().value();
                    long es = is.value().wide() ? 4 : 1;
                    CType ct = is.value().wide() ? CType.INT : CType.CHAR;
                    if (loc.offset().constant() == 0) s.mem.put(r, Mem.of(Mem.Fill.ZERO));
                    long o = loc.offset().constant();
                    int n = Math.min(v.length(), 512);
                    for (int k = 0; k < n; k++) write(s, r, Lin.of(o + k * es), ct, Val.Num.of(v.charAt(k)));
                    write(s, r, Lin.of(o + n * es), ct, Val.Num.ZERO);
                    if (o == 0 && v.indexOf('\0') < 0) Strings.set(s, r, new Strings.Fact(Lin.of(n), n == v.length(), (int) es));
                }
                return List.of(s);
            } else if (i instanceof Instr.Asm as) {
                // An asm that calls a routine reading user space (get_user): its outputs are the user's data.
                Models.Spec callee = as.calls() != null ? A.models.get(as.calls()) : null;
                boolean user = callee != null && callee.has("asm_tainted_outputs");
                for (Operand out : as.outputs()) {
                    Val.Loc loc = asLoc(s, eval(s, out));
                    if (loc != null) havoc(s, loc.region(), loc.offset(), out.type() instanceof CType.Ptr p ? p.pointee().size() : -1, user);
                }
                return List.of(s);
            }
        throw new IllegalStateException("unknown instruction " + i);
    }

    void setReg(State s, Var v, Val val, SourcePos pos) {
        if (v.inMemory()) {
            write(s, A.varRegion(v), Lin.ZERO, v.type(), val);
            return;
        }
        if (val instanceof Val.Loc l && !v.isTemp() && l.offset().equals(Lin.ZERO)) l.region().nameAfter(v.name());
        Val old = s.regs.put(v, val);
        if (old != null && !old.equals(val)) {
            for (Checker c : A.checkers) c.onOverwrite(A, s, v, old, pos);
        }
    }

    private void copy(State s, Val dst, Val src, CType t, SourcePos pos, String text) {
        long size = t.size();
        Val.Loc from = deref(s, src, Math.max(size, 1), false, pos, text, List.of());
        if (s.dead) return;
        Val.Loc to = deref(s, dst, Math.max(size, 1), true, pos, text, List.of());
        if (s.dead || to == null) return;
        if (from != null && from.offset().equals(Lin.ZERO) && to.offset().equals(Lin.ZERO) && size > 0) {
            Mem whole = mem(s, from.region());
            Lin dsz = s.size(to.region());
            boolean all = dsz == null || dsz.isConstant() && dsz.constant() == size;
            if (all && whole.fill() != Mem.Fill.INPUT && from.region().kind() != Region.Kind.STRING) {
                escapeContents(s, mem(s, to.region()));
                s.mem.put(to.region(), whole); // an exact copy: cells, unions and what is unwritten
                return;
            }
        }
        List<Map.Entry<Long, CType>> ls = leaves(t, 128);
        if (from == null || ls.size() > 128) {
            havoc(s, to.region(), to.offset(), size, false);
            return;
        }
        for (Map.Entry<Long, CType> e : ls) {
            Val v = read(s, from.region(), from.offset().addConst(e.getKey()), e.getValue());
            write(s, to.region(), to.offset().addConst(e.getKey()), e.getValue(), v);
        }
    }

    // ------------------------------------------------------------ rvalues

    private Val rvalue(State s, Rvalue rv, SourcePos pos) {
        if (rv instanceof Rvalue.Use u) {
                return eval(s, u.op());
            } else if (rv instanceof Rvalue.Unary u) {
                Val a = eval(s, u.arg());
                if (a instanceof Val.Undef un) {
                    undefUse(s, un, "operand", pos);
                    return A.fresh(s, u.arg().type(), false);
                }
                if (a instanceof Val.Num n) {
                    if (u.op() == Rvalue.UnOp.NEG) return new Val.Num(n.lin().scale(-1));
                    if (u.op() == Rvalue.UnOp.BITNOT && n.isConstant()) return Val.Num.of(~n.lin().constant());
                }
                return A.fresh(s, u.arg().type(), taintedVal(a));
            } else if (rv instanceof Rvalue.Binary b) {
                return binary(s, b, pos);
            } else if (rv instanceof Rvalue.Cast c) {
                return cast(s, c.to(), eval(s, c.arg()));
            } else if (rv instanceof Rvalue.AddrOf a) {
                return new Val.Loc(A.varRegion(a.var()), Lin.ZERO);
            } else if (rv instanceof Rvalue.FieldAddr f) {
                return offset(s, eval(s, f.base()), Lin.of(f.field().offset()), pos);
            } else if (rv instanceof Rvalue.IndexAddr x) {
                Val i = eval(s, x.index());
                if (i instanceof Val.Undef un) {
                    undefUse(s, un, "array index", pos);
                    i = A.fresh(s, CType.LONG, false);
                }
                long es = Math.max(1, x.elem().size());
                Lin off = i instanceof Val.Num n ? n.lin().scale(es) : Lin.of(0);
                if (!(i instanceof Val.Num)) return A.fresh(s, CType.VOID_PTR, false);
                return offset(s, eval(s, x.base()), off, pos);
            } else if (rv instanceof Rvalue.PtrDiff d) {
                Val a = eval(s, d.left());
                Val b = eval(s, d.right());
                for (Checker c : A.checkers) c.onPtrDiff(A, s, a, b, pos);
                Val.Loc la = asLoc(s, a);
                Val.Loc lb = asLoc(s, b);
                long es = Math.max(1, d.elem().size());
                if (la != null && lb != null && la.region().equals(lb.region())) {
                    Lin diff = la.offset().sub(lb.offset());
                    if (diff.isConstant()) return Val.Num.of(diff.constant() / es);
                    if (es == 1) return new Val.Num(diff);
                }
                return A.fresh(s, CType.LONG, false);
            } else if (rv instanceof Rvalue.Unknown u) {
                return A.fresh(s, u.type(), false);
            }
        throw new IllegalStateException("unknown rvalue " + rv);
    }

    private static boolean taintedVal(Val v) {
        return v instanceof Val.Num n && tainted(n);
    }

    private Val offset(State s, Val base, Lin off, SourcePos pos) {
        if (base instanceof Val.Undef un) {
            undefUse(s, un, "pointer arithmetic", pos);
            return A.fresh(s, CType.VOID_PTR, false);
        }
        if (base instanceof Val.Loc l) return new Val.Loc(l.region(), l.offset().add(off));
        if (base instanceof Val.Num n && n.isConstant()) return new Val.Num(n.lin().add(off));
        Val.Loc l = asLoc(s, base);
        if (l != null) return new Val.Loc(l.region(), l.offset().add(off));
        return A.fresh(s, CType.VOID_PTR, false);
    }

    private Val cast(State s, CType to, Val v) {
        if (v instanceof Val.Undef) return v;
        if (to instanceof CType.Ptr) {
            if (v instanceof Val.Num n && !n.isConstant()) {
                Val.Loc l = asLoc(s, v);
                return l != null ? l : v;
            }
            return v;
        }
        if (to instanceof CType.Int it) {
            if (v instanceof Val.Loc l) return new Val.Num(Lin.of(l.region().base()).add(l.offset()));
            if (v instanceof Val.Fn) return A.fresh(s, to, false);
            if (v instanceof Val.Num n) {
                if (n.isConstant()) return Val.Num.of(truncate(n.lin().constant(), it));
                Range r = s.rangeOf(n.lin());
                if (r.lo() >= it.min() && r.hi() <= it.max()) return v;
                if (it.bytes() >= 8) return v;
                Sym x = A.sym(null, tainted(n));
                s.ranges.put(x, new Range(it.min(), it.max()));
                return Val.Num.of(x);
            }
        }
        if (to instanceof CType.Float) return A.fresh(s, CType.LONG, taintedVal(v));
        return v;
    }

    static long truncate(long v, CType.Int it) {
        if (it.bytes() >= 8) return v;
        int bits = it.bytes() * 8;
        long mask = (1L << bits) - 1;
        long u = v & mask;
        if (it.signed() && (u & (1L << (bits - 1))) != 0) u |= ~mask;
        return u;
    }

    private Val binary(State s, Rvalue.Binary b, SourcePos pos) {
        Val l = eval(s, b.left());
        Val r = eval(s, b.right());
        if (l instanceof Val.Undef u) {
            undefUse(s, u, "operand of '" + b.op().symbol() + "'", pos);
            return A.fresh(s, b.type(), false);
        }
        if (r instanceof Val.Undef u) {
            undefUse(s, u, "operand of '" + b.op().symbol() + "'", pos);
            return A.fresh(s, b.type(), false);
        }
        if (b.op().isComparison()) return compare(s, b.op(), l, r, Assume.unsignedBits(b.left().type(), b.right().type()));
        return arith(s, b.op(), l, r, b.type());
    }

    /** {@code l op r} for an arithmetic operator, on values that were written. */
    Val arith(State s, BinOp op, Val l, Val r, CType type) {
        if (l instanceof Val.Loc ll && r instanceof Val.Num && (op == BinOp.ADD || op == BinOp.SUB)) {
            Lin off = ((Val.Num) r).lin();
            return new Val.Loc(ll.region(), op == BinOp.ADD ? ll.offset().add(off) : ll.offset().sub(off));
        }
        Val.Num a = l instanceof Val.Num n ? n : l instanceof Val.Loc loc ? new Val.Num(Lin.of(loc.region().base()).add(loc.offset())) : null;
        Val.Num c = r instanceof Val.Num n ? n : r instanceof Val.Loc loc ? new Val.Num(Lin.of(loc.region().base()).add(loc.offset())) : null;
        boolean taint = taintedVal(l) || taintedVal(r);
        if (a == null || c == null) return A.fresh(s, type, taint);
        CType.Int it = type instanceof CType.Int i ? i : CType.LONG;
        Lin x = a.lin();
        Lin y = c.lin();
        switch (op) {
            case ADD:
                return wrap(s, x.add(y), it, taint);
            case SUB:
                return wrap(s, x.sub(y), it, taint);
            case MUL:
                if (y.isConstant()) return wrap(s, x.scale(y.constant()), it, taint);
                if (x.isConstant()) return wrap(s, y.scale(x.constant()), it, taint);
                return ranged(s, s.rangeOf(x).mul(s.rangeOf(y)), it, taint);
            default:
                break;
        }
        if (x.isConstant() && y.isConstant()) {
            Long v = fold(op, x.constant(), y.constant(), it);
            if (v != null) return Val.Num.of(v);
        }
        Range rx = s.rangeOf(x);
        Range ry = s.rangeOf(y);
        Range out = null;
        switch (op) {
            case AND:
                if (ry.isConstant() && ry.lo() >= 0) out = new Range(0, ry.lo());
                else if (rx.isConstant() && rx.lo() >= 0) out = new Range(0, rx.lo());
                else if (rx.lo() >= 0 && ry.lo() >= 0) out = new Range(0, Math.min(rx.hi(), ry.hi()));
                break;
            case MOD:
                if (ry.isConstant() && ry.lo() > 0) {
                    long k = ry.lo();
                    out = rx.lo() >= 0 || !it.signed() ? new Range(0, k - 1) : new Range(-(k - 1), k - 1);
                }
                break;
            case DIV:
                if (ry.isConstant() && ry.lo() > 0) {
                    long k = ry.lo();
                    out = new Range(rx.lo() == Long.MIN_VALUE ? Long.MIN_VALUE : rx.lo() / k, rx.hi() == Long.MAX_VALUE ? Long.MAX_VALUE : rx.hi() / k);
                }
                break;
            case SHR:
                if (ry.isConstant() && ry.lo() >= 0 && ry.lo() < 64 && rx.lo() >= 0) {
                    out = new Range(rx.lo() >> ry.lo(), rx.hi() == Long.MAX_VALUE ? Long.MAX_VALUE >> ry.lo() : rx.hi() >> ry.lo());
                }
                break;
            case SHL:
                if (ry.isConstant() && ry.lo() >= 0 && ry.lo() < 32) out = rx.scale(1L << ry.lo());
                break;
            case OR:
            case XOR:
                if (rx.lo() >= 0 && ry.lo() >= 0) {
                    long hi = Math.max(rx.hi(), ry.hi());
                    long p = hi == Long.MAX_VALUE ? Long.MAX_VALUE : Long.highestOneBit(Math.max(hi, 1)) * 2 - 1;
                    out = new Range(0, p < 0 ? Long.MAX_VALUE : p);
                }
                break;
            default:
                break;
        }
        Val v = ranged(s, out == null ? Range.TOP : out, it, taint);
        // What an input-derived value is made of: a branch on it is a condition on the inputs that
        // callers can evaluate with their own values (an alignment test of an offset they pass).
        if (mentionsInput(x) || mentionsInput(y)) s.defs.put(((Val.Num) v).lin().asSym(), new State.Def(op, x, y, it));
        return v;
    }

    private static boolean mentionsInput(Lin l) {
        for (Sym x : l.terms().keySet()) if (x.input() != null) return true;
        return false;
    }

    /** A sum or product as a linear expression, unless it may overflow a narrow type (then a fresh value). */
    private Val wrap(State s, Lin v, CType.Int it, boolean taint) {
        if (v.isConstant()) return Val.Num.of(truncate(v.constant(), it));
        if (it.bytes() >= 4) return new Val.Num(v);
        Range r = s.rangeOf(v);
        if (r.lo() >= it.min() && r.hi() <= it.max()) return new Val.Num(v);
        return ranged(s, new Range(it.min(), it.max()), it, taint);
    }

    private Val ranged(State s, Range r, CType.Int it, boolean taint) {
        Sym x = A.sym(null, taint);
        Range typeRange = new Range(it.min(), it.max());
        Range m = r.meet(typeRange);
        if (m.isEmpty()) m = typeRange;
        if (m.lo() != Long.MIN_VALUE || m.hi() != Long.MAX_VALUE) s.ranges.put(x, m);
        return Val.Num.of(x);
    }

    private static Long fold(BinOp op, long a, long b, CType.Int t) {
        Long v = switch (op) {
            case DIV -> b == 0 ? null : t.signed() ? a / b : Long.divideUnsigned(a, b);
            case MOD -> b == 0 ? null : t.signed() ? a % b : Long.remainderUnsigned(a, b);
            case SHL -> b < 0 || b > 63 ? null : a << b;
            case SHR -> b < 0 || b > 63 ? null : t.signed() ? a >> b : a >>> b;
            case AND -> a & b;
            case OR -> a | b;
            case XOR -> a ^ b;
            default -> null;
        };
        return v == null ? null : truncate(v, t);
    }

    /** The value of a comparison: 0 or 1 when the state decides it, else a symbol that remembers it. */
    private Val compare(State s, BinOp op, Val l, Val r, int ubits) {
        boolean t = cond(s.copy(), op, l, r, ubits) != null;
        boolean f = cond(s.copy(), op.negate(), l, r, ubits) != null;
        if (t && !f) return Val.Num.of(1);
        if (f && !t) return Val.Num.ZERO;
        Sym x = A.sym(null, taintedVal(l) || taintedVal(r));
        s.ranges.put(x, new Range(0, 1));
        s.cmps.put(x, new State.Cmp(op, l, r, ubits));
        return Val.Num.of(x);
    }

    // ------------------------------------------------------------ terminators

    List<Map.Entry<Block, State>> terminator(State s, Terminator t) {
        List<Map.Entry<Block, State>> out = new ArrayList<>();
        if (t instanceof Terminator.Jump j) {
                out.add(edge(j.target(), s));
            } else if (t instanceof Terminator.Branch b) {
                Val l = eval(s, b.left());
                Val r = eval(s, b.right());
                used(s, l, b.pos());
                used(s, r, b.pos());
                if (l instanceof Val.Undef u) {
                    undefUse(s, u, "condition", b.pos());
                    l = A.fresh(s, b.left().type(), false);
                }
                if (r instanceof Val.Undef u) {
                    undefUse(s, u, "condition", b.pos());
                    r = A.fresh(s, b.right().type(), false);
                }
                if ((b.op() == BinOp.EQ || b.op() == BinOp.NE) && (isNull(r) && pointerLike(b.left(), l) || isNull(l) && pointerLike(b.right(), r))) {
                    Val p = isNull(r) ? l : r;
                    Operand po = isNull(r) ? b.left() : b.right();
                    String var = po instanceof Var v && !v.isTemp() ? v.name() : null;
                    Checker.NullCheck e = new Checker.NullCheck(p, var, b.pos());
                    for (Checker c : A.checkers) c.onNullCheck(A, s, e);
                }
                int ubits = Assume.unsignedBits(b.left().type(), b.right().type());
                State st = ubits > 0 ? Assume.assumeUnsigned(A, s.copy(), b.op(), l, r, ubits, b.left().type(), b.right().type())
                        : Assume.assume(A, s.copy(), b.op(), l, r);
                State sf = ubits > 0 ? Assume.assumeUnsigned(A, s, b.op().negate(), l, r, ubits, b.left().type(), b.right().type())
                        : Assume.assume(A, s, b.op().negate(), l, r);
                if (st != null) out.add(edge(b.ifTrue(), st));
                if (sf != null) out.add(edge(b.ifFalse(), sf));
            } else if (t instanceof Terminator.Switch sw) {
                Val v = eval(s, sw.value());
                if (v instanceof Val.Undef u) {
                    undefUse(s, u, "switch value", sw.pos());
                    v = A.fresh(s, sw.value().type(), false);
                }
                boolean defaultFeasible = true;
                for (Terminator.Case c : sw.cases()) {
                    State cs = Assume.assume(A, s.copy(), BinOp.GE, v, Val.Num.of(c.lo()));
                    if (cs != null) cs = Assume.assume(A, cs, BinOp.LE, v, Val.Num.of(c.hi()));
                    if (cs != null) out.add(edge(c.target(), cs));
                    if (v instanceof Val.Num n && n.isConstant() && c.lo() <= n.lin().constant() && n.lin().constant() <= c.hi()) {
                        defaultFeasible = false;
                    }
                }
                if (defaultFeasible) {
                    State ds = s;
                    for (Terminator.Case c : sw.cases()) {
                        if (c.lo() == c.hi() && ds != null) {
                            State d2 = Assume.assume(A, ds.copy(), BinOp.NE, v, Val.Num.of(c.lo()));
                            if (d2 == null) {
                                ds = null;
                                break;
                            }
                            ds = d2;
                        }
                    }
                    if (ds != null) out.add(edge(sw.defaultTarget(), ds));
                }
            } else if (t instanceof Terminator.Choice c) {
                for (int i = 0; i < c.targets().size(); i++) out.add(edge(c.targets().get(i), i == 0 ? s : s.copy()));
            } else if (t instanceof Terminator.Return r) {
                Val ret = null;
                if (r.value() != null) {
                    ret = eval(s, r.value());
                    if (ret instanceof Val.Undef u) {
                        undefUse(s, u, "returned value", r.pos());
                        ret = A.fresh(s, r.value().type(), false);
                    }
                }
                Checker.Exit e = new Checker.Exit(ret, r.pos());
                for (Checker c : A.checkers) c.onExit(A, s, e);
                A.addOutcome(s, ret);
            } else if (t instanceof Terminator.Unreachable u) {
            }
        return out;
    }

    /** A branch condition, compared as unsigned when C's conversions make it so. */
    private State cond(State s, BinOp op, Val l, Val r, int ubits) {
        return ubits > 0 ? Assume.assumeUnsigned(A, s, op, l, r, ubits) : Assume.assume(A, s, op, l, r);
    }

    private static boolean isNull(Val v) {
        return v instanceof Val.Num n && n.isConstant() && n.lin().constant() == 0;
    }

    private static boolean pointerLike(Operand op, Val v) {
        return op.type() instanceof CType.Ptr || v instanceof Val.Loc;
    }

    private static Map.Entry<Block, State> edge(Block b, State s) {
        return new AbstractMap.SimpleImmutableEntry<>(b, s);
    }
}
