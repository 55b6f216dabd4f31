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

    /** What the function does with one parameter. {@code freedOn}: in how many of {@code outcomes} it is released. */
    public record Param(String name, CType type, boolean released, int freedOn, int outcomes, boolean read, boolean written,
                        boolean escapes, boolean nullChecked) {
        /** Released on every way out: the callee owns it (a Box moved in). */
        public boolean owned() {
            return released && freedOn == outcomes && outcomes > 0;
        }
    }

    /** What the function returns. */
    public record Result(CType type, boolean freshObject, String family, boolean mayBeNull, boolean mayBeError, boolean errno) {
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
            int freed = 0;
            for (Summary.Outcome o : outcomes) {
                boolean freedHere = false;
                if (o.state().effects != null) {
                    for (State.Effect e : o.state().effects.inOrder()) {
                        if (e instanceof State.Access a && a.pointer().equals(ap)) {
                            if (a.write()) written = true;
                            else read = true;
                        } else if (e instanceof State.Release r && r.pointer().equals(ap)) {
                            freedHere = true;
                        } else if (e instanceof State.Custom c && c.kind().equals("escape") && ap.equals(c.pointer())) {
                            escapes = true;
                        }
                    }
                }
                if (freedHere) freed++;
                for (java.util.Map.Entry<Sym, Integer> e : o.state().ptr.entrySet()) {
                    if (ap.equals(e.getKey().input()) && e.getValue() != State.ANY_PTR) nullChecked = true;
                }
                if (storedAway(o.state(), ap)) escapes = true;
            }
            params.add(new Param(ps.get(i).name(), ps.get(i).type(), freed > 0, freed, outcomes.size(), read, written, escapes, nullChecked));
        }
        CType rt = fn.decl().type().ret();
        boolean fresh = false;
        boolean mayNull = false;
        boolean mayErr = false;
        boolean errno = false;
        String family = null;
        for (Summary.Outcome o : outcomes) {
            Val r = o.ret();
            if (r instanceof Val.Loc l) {
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
                }
            }
        }
        return new Ownership(params, new Result(rt, fresh, family, mayNull, mayErr, errno));
    }

    /** True when the outcome stores the parameter's value into memory the caller can see. */
    private static boolean storedAway(State s, AccessPath ap) {
        for (java.util.Map.Entry<Region, Mem> e : s.mem.entrySet()) {
            Region r = e.getKey();
            boolean visible = r.kind() == Region.Kind.SYM && r.pointer().input() != null || r.isGlobal();
            if (!visible) continue;
            for (Mem.Cell c : e.getValue().cells().values()) {
                if (c.val() instanceof Val.Loc l && l.region().kind() == Region.Kind.SYM && ap.equals(l.region().pointer().input())) {
                    return true;
                }
            }
        }
        return false;
    }
}
