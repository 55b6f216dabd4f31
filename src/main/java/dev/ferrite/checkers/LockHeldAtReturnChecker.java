package dev.ferrite.checkers;

import dev.ferrite.analysis.Checker;
import dev.ferrite.analysis.LockSet;
import dev.ferrite.analysis.Mem;
import dev.ferrite.analysis.Range;
import dev.ferrite.analysis.Region;
import dev.ferrite.analysis.State;
import dev.ferrite.analysis.Val;
import dev.ferrite.frontend.SourcePos;
import dev.ferrite.report.PathEvent;
import dev.ferrite.report.Rule;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CWE-667: a function returns holding a lock it took, where that cannot be its contract: the same
 * lock is released before another return and this return is an error return (or returns the same
 * value, or nothing); or no caller can reach the lock's object any more. Helpers that return with
 * a lock held on every path (lock wrappers), or only on success (trylock wrappers), are fine.
 */
public final class LockHeldAtReturnChecker implements Checker {

    public static final class Factory implements Checker.Factory {
        @Override
        public List<Rule> rules() {
            return List.of(LockRules.HELD_AT_RETURN);
        }

        @Override
        public Checker create() {
            return new LockHeldAtReturnChecker();
        }
    }

    /** One return: its lock set, what it returns (classified), and locks whose object the caller cannot reach. */
    private record ExitInfo(LockSet locks, SourcePos pos, String retClass, Set<String> unreachable, List<PathEvent> trail) {
    }

    private final List<ExitInfo> exits = new ArrayList<>();
    private final Map<String, Region> regions = new HashMap<>();

    @Override
    public void onLock(Ctx cx, State s, LockEvent e) {
        if (e.region() != null) regions.putIfAbsent(e.key(), e.region());
    }

    @Override
    public void onExit(Ctx cx, State s, Exit e) {
        LockSet ls = LockSet.of(s);
        if (ls.locks().isEmpty() || exits.size() > 64) return;
        Set<String> unreachable = new HashSet<>();
        Set<Region> visible = null;
        for (Map.Entry<String, LockSet.Held> h : ls.locks().entrySet()) {
            if (!h.getValue().held()) continue;
            Region r = regions.get(h.getKey());
            if (r == null || !ownObject(s, r)) continue;
            if (visible == null) visible = visible(cx, s, e.ret());
            if (!visible.contains(r)) unreachable.add(h.getKey());
        }
        exits.add(new ExitInfo(ls, e.pos(), retClass(s, e.ret()), unreachable, List.of()));
    }

    @Override
    public void onFunctionEnd(Ctx cx) {
        Set<String> reported = new HashSet<>();
        for (ExitInfo e : exits) {
            for (Map.Entry<String, LockSet.Held> en : e.locks().locks().entrySet()) {
                LockSet.Held h = en.getValue();
                String key = en.getKey();
                if (!h.held() || reported.contains(key + "@" + e.pos())) continue;
                String why = null;
                if (e.unreachable().contains(key)) {
                    why = "no caller can release it";
                } else {
                    for (ExitInfo o : exits) {
                        LockSet.Held oh = o.locks().get(key);
                        if (o == e || oh == null || !oh.released()) continue;
                        if (contradicts(e.retClass(), o.retClass())) {
                            why = "it is released before another return";
                            break;
                        }
                    }
                }
                if (why == null) continue;
                reported.add(key + "@" + e.pos());
                List<PathEvent> path = new ArrayList<>();
                if (h.pos() != null) path.add(new PathEvent(h.pos(), "'" + h.what() + "' acquired here"));
                path.add(new PathEvent(e.pos(), "returns here with the lock held"));
                cx.report(LockRules.HELD_AT_RETURN, e.pos(), "lock '" + h.what() + "' is still held at this return; " + why, path, false);
            }
        }
    }

    /**
     * True when holding the lock at a return of class {@code held} but not at one of class
     * {@code released} cannot be a conditional-lock contract: an error return keeps it while a
     * success return does not, or both returns look the same to the caller.
     */
    private static boolean contradicts(String held, String released) {
        if (held.equals("error")) return !released.equals("error");
        if (held.equals("void")) return released.equals("void");
        return held.startsWith("=") && held.equals(released);
    }

    /** "void", "error" (negative errno, NULL, ERR_PTR), "=N" for other constants, else "?". */
    private static String retClass(State s, Val ret) {
        if (ret == null) return "void";
        if (ret instanceof Val.Num n) {
            Range r = s.rangeOf(n.lin());
            if (r.hi() < 0 && r.lo() >= -4095) return "error";
            if (n.isConstant()) return "=" + n.lin().constant();
            return "?";
        }
        if (ret instanceof Val.Loc l && l.offset().isConstant() && l.offset().constant() == 0) {
            int st = s.ptrStatus(l.region().base());
            if ((st & State.VALID) == 0) return "error";
        }
        return "?";
    }

    /** Objects whose locks this function's caller cannot have taken: made here, or our own stack. */
    private static boolean ownObject(State s, Region r) {
        return r.kind() == Region.Kind.HEAP && s.resource(r) != null || r.isStack();
    }

    /**
     * What the caller can reach after the return: the returned value, its inputs and globals (but not
     * the function's own static locals, which only this function names).
     */
    private static Set<Region> visible(Ctx cx, State s, Val ret) {
        Set<Region> seen = new HashSet<>();
        ArrayDeque<Region> work = new ArrayDeque<>();
        if (ret instanceof Val.Loc l && seen.add(l.region())) work.add(l.region());
        for (Map.Entry<Region, Mem> e : s.memories().entrySet()) {
            Region r = e.getKey();
            boolean root = r.kind() == Region.Kind.SYM && cx.isInput(r)
                    || r.isGlobal() && !cx.function().staticLocals().containsKey(r.var());
            if (root && seen.add(r)) work.add(r);
        }
        while (!work.isEmpty()) {
            Mem m = s.memory(work.poll());
            if (m == null) continue;
            for (Mem.Cell c : m.cells().values()) {
                if (c.val() instanceof Val.Loc l && seen.add(l.region())) work.add(l.region());
            }
        }
        return seen;
    }
}
