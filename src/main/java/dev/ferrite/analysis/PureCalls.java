package dev.ferrite.analysis;

import dev.ferrite.ir.Instr;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls without side effects (a test or a lookup: the summary writes, frees and creates nothing the
 * caller sees) called again with the same arguments, with no write in between, return what the
 * first call returned on this path: {@code if (F(x)) G(F(x))} never takes F's other outcome the
 * second time. The first result is kept as a path mark (dropped at every write and at every other
 * call; joins keep it only when both paths have the same).
 */
final class PureCalls {
    private static final String KEY = "pure#";

    private final FunctionAnalysis A;
    private final Map<Summary, Boolean> pure = new IdentityHashMap<>();

    PureCalls(FunctionAnalysis a) {
        this.A = a;
    }

    /** Forgets the results of earlier calls (memory may have changed). */
    static void forget(State s) {
        if (s.marks.isEmpty()) return;
        boolean any = false;
        for (String k : s.marks.keySet()) {
            if (k.startsWith(KEY)) {
                any = true;
                break;
            }
        }
        if (any) s.marks.keySet().removeIf(k -> k.startsWith(KEY));
    }

    boolean pure(Summary sum) {
        return pure.computeIfAbsent(sum, PureCalls::computePure);
    }

    /** The states of a pure call, restricted to the result an earlier identical call had, which they remember. */
    List<State> same(List<State> out, Instr.Call c, String name, List<Val> args) {
        if (c.dst() == null || c.dst().inMemory()) return out;
        String key = KEY + name + args;
        List<State> kept = new ArrayList<>();
        for (State r : out) {
            Val now = r.regs.get(c.dst());
            Object before = r.marks.get(key);
            if (before instanceof Val prev && now != null) {
                State t = Assume.assume(A, r, dev.ferrite.ir.Rvalue.BinOp.EQ, now, prev);
                if (t == null) continue;
                r = t;
                // The very value the first call returned, so branches on either decide both.
                if (!now.equals(prev)) A.exec.setReg(r, c.dst(), prev, c.pos());
            } else if (now != null && !(now instanceof Val.Undef)) {
                r.marks.put(key, now);
            }
            kept.add(r);
        }
        return kept.isEmpty() ? out : kept;
    }

    private static boolean computePure(Summary sum) {
        for (Summary.Outcome o : sum.outcomes()) {
            State f = o.state();
            if (f.effects != null) {
                for (State.Effect e : f.effects.inOrder()) {
                    boolean read = e instanceof State.Access a && !a.write() || e instanceof State.Use
                            || e instanceof State.OwnReach r && !r.write();
                    if (!read) return false;
                }
            }
            if (!f.ext.isEmpty()) return false;
            for (Map.Entry<Region, Resource> e : f.res.entrySet()) {
                if (e.getKey().kind() != Region.Kind.SYM || e.getValue().status() == Resource.Status.FREED) return false;
            }
            for (Map.Entry<Region, Mem> e : f.mem.entrySet()) {
                Region r = e.getKey();
                Mem m = e.getValue();
                if (r.kind() == Region.Kind.SYM && r.pointer().input() != null) {
                    if (m.fill() != Mem.Fill.INPUT || m.hasWrittenSpan()) return false;
                    AccessPath base = r.pointer().input();
                    for (Map.Entry<Long, Mem.Cell> cell : m.cells().entrySet()) {
                        if (!isInput(cell.getValue().val(), base.deref(cell.getKey()))) return false;
                    }
                } else if (r.isGlobal()) {
                    for (Mem.Cell cell : m.cells().values()) {
                        if (!isInput(cell.val(), null)) return false;
                    }
                } else if (r.kind() != Region.Kind.STRING) {
                    return false;
                }
            }
        }
        return true;
    }

    /** True when the value is the input it was read as (at {@code expected}, or any input when null). */
    private static boolean isInput(Val v, AccessPath expected) {
        Sym x = v instanceof Val.Num n ? n.lin().asSym()
                : v instanceof Val.Loc l && l.offset().equals(Lin.ZERO) && l.region().kind() == Region.Kind.SYM ? l.region().pointer() : null;
        return x != null && x.input() != null && (expected == null || expected.equals(x.input()));
    }
}
