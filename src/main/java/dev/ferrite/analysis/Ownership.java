package dev.ferrite.analysis;

import dev.ferrite.ir.CType;
import dev.ferrite.ir.Function;
import dev.ferrite.ir.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * The ownership a function's behaviour implies, read off its summary: for each parameter whether the
 * function releases it (takes ownership), keeps it somewhere (escapes), reads or writes through it
 * (borrows), or tests it for NULL; for the result whether it is a new object the caller owns, and
 * whether it may be NULL or an error pointer. This is what a Rust signature states.
 */
public record Ownership(List<Param> params, Result result) {

    /**
     * What the function does with one parameter. {@code freedOn}: in how many of {@code outcomes} it is
     * released; {@code writtenOn}: in how many it writes through it; {@code readFirst}: some outcome
     * reads through it before writing; {@code storedInGlobal}: kept in a global; {@code unknownCode}:
     * handed to code we cannot see.
     */
    public record Param(String name, CType type, boolean released, int freedOn, int outcomes, boolean read, boolean written,
                        boolean escapes, boolean nullChecked, int writtenOn, boolean readFirst, boolean storedInGlobal,
                        boolean unknownCode, String family) {
        /** Released on every way out: the callee owns it (a Box moved in). */
        public boolean owned() {
            return released && freedOn == outcomes && outcomes > 0;
        }

        /** Written on every way out and never read first: an out-parameter (part of the result). */
        public boolean outParam() {
            return written && writtenOn == outcomes && outcomes > 0 && !readFirst && !released && !escapes;
        }
    }

    /**
     * What the function returns. {@code successValue}: some outcome returns a value other than 0 that
     * is not an error code; {@code borrowedFrom}: the parameter whose object a returned pointer points
     * into (-1 when none), {@code global}: it points into a global.
     */
    public record Result(CType type, boolean freshObject, String family, boolean mayBeNull, boolean mayBeError, boolean errno,
                         boolean successValue, int borrowedFrom, boolean global) {
    }

    static Ownership of(Function fn, List<Summary.Outcome> outcomes) {
        List<Param> params = new ArrayList<>();
        List<Var> ps = fn.params();
        for (int i = 0; i < ps.size(); i++) {
            AccessPath ap = AccessPath.param(i);
            boolean read = false;
            boolean written = false;
            boolean escapes = false;
            boolean nullChecked = false;
            boolean readFirst = false;
            boolean inGlobal = false;
            boolean unknown = false;
            String family = null;
            int freed = 0;
            int writtenOn = 0;
            for (Summary.Outcome o : outcomes) {
                boolean freedHere = false;
                boolean writtenHere = false;
                if (o.state().effects != null) {
                    for (State.Effect e : o.state().effects.inOrder()) {
                        if (e instanceof State.Access a && a.pointer().equals(ap)) {
                            if (a.write()) {
                                written = true;
                                writtenHere = true;
                            } else {
                                read = true;
                                if (!writtenHere) readFirst = true;
                            }
                        } else if (e instanceof State.Release r && r.pointer().equals(ap)) {
                            freedHere = true;
                            if (r.family() != null) family = r.family();
                        } else if (e instanceof State.Custom c && c.kind().equals("escape") && ap.equals(c.pointer())) {
                            escapes = true;
                            unknown = true;
                        }
                    }
                }
                if (freedHere) freed++;
                if (writtenHere) writtenOn++;
                for (java.util.Map.Entry<Sym, Integer> e : o.state().ptr.entrySet()) {
                    if (ap.equals(e.getKey().input()) && e.getValue() != State.ANY_PTR) nullChecked = true;
                }
                int where = storedAway(o.state(), ap);
                if (where != 0) escapes = true;
                if (where == 2) inGlobal = true;
            }
            params.add(new Param(ps.get(i).name(), ps.get(i).type(), freed > 0, freed, outcomes.size(), read, written, escapes, nullChecked,
                    writtenOn, readFirst, inGlobal, unknown, family));
        }
        CType rt = fn.decl().type().ret();
        boolean fresh = false;
        boolean mayNull = false;
        boolean mayErr = false;
        boolean errno = false;
        String family = null;
        boolean success = false;
        int borrowed = -1;
        boolean global = false;
        for (Summary.Outcome o : outcomes) {
            Val r = o.ret();
            if (r instanceof Val.Loc l) {
                Region reg = l.region();
                if (reg.kind() == Region.Kind.SYM && reg.pointer().input() != null && reg.pointer().input().root() == AccessPath.Root.PARAM) {
                    borrowed = reg.pointer().input().index();
                } else if (reg.isGlobal() || reg.kind() == Region.Kind.SYM && reg.pointer().input() != null) {
                    global = true;
                }
                Resource res = o.state().res.get(l.region());
                if (res != null && (res.status() == Resource.Status.ALLOCATED)) {
                    fresh = true;
                    family = res.family();
                }
                int st = o.state().ptrStatus(l.region().base());
                if ((st & State.NULL) != 0 && l.region().kind() == Region.Kind.HEAP) mayNull = true;
                if ((st & State.ERR) != 0 && l.region().kind() == Region.Kind.HEAP) mayErr = true;
            } else if (r instanceof Val.Num n) {
                Range rg = o.state().rangeOf(n.lin());
                if (rt instanceof CType.Ptr) {
                    if (rg.isConstant() && rg.lo() == 0) mayNull = true;
                    else if (rg.hi() < 0 && rg.lo() >= -4095) mayErr = true;
                } else if (rt instanceof CType.Int && rg.hi() < 0) {
                    errno = true;
                } else if (rt instanceof CType.Int && !(rg.isConstant() && rg.lo() == 0)) {
                    success = true;
                }
            }
        }
        return new Ownership(params, new Result(rt, fresh, family, mayNull, mayErr, errno, success, borrowed, global));
    }

    /** 0: not stored; 1: stored into an object the caller passed; 2: stored into a global. */
    private static int storedAway(State s, AccessPath ap) {
        for (java.util.Map.Entry<Region, Mem> e : s.mem.entrySet()) {
            Region r = e.getKey();
            boolean visible = r.kind() == Region.Kind.SYM && r.pointer().input() != null || r.isGlobal();
            if (!visible) continue;
            for (Mem.Cell c : e.getValue().cells().values()) {
                if (c.val() instanceof Val.Loc l && l.region().kind() == Region.Kind.SYM && ap.equals(l.region().pointer().input())) {
                    return r.isGlobal() ? 2 : 1;
                }
            }
        }
        return 0;
    }
}
