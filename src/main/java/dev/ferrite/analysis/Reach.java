package dev.ferrite.analysis;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Which objects the caller can still reach when a function returns. */
public final class Reach {
    private Reach() {
    }

    /**
     * Objects reachable from the returned value, from globals, and from objects the caller passed in
     * (through any chain of pointers stored in memory).
     */
    public static Set<Region> fromExit(State s, Val ret) {
        Set<Region> seen = new HashSet<>();
        Deque<Region> work = new ArrayDeque<>();
        if (ret != null) add(s, ret, seen, work);
        for (Map.Entry<Region, Mem> e : s.mem.entrySet()) {
            Region r = e.getKey();
            boolean root = r.isGlobal() || r.kind() == Region.Kind.SYM && r.pointer().input() != null
                    || r.kind() == Region.Kind.VAR && r.var() != null && r.var().kind() == dev.ferrite.ir.Var.Kind.PARAM && r.var().type().isAggregate();
            if (root && seen.add(r)) work.add(r);
        }
        while (!work.isEmpty()) {
            Region r = work.poll();
            Mem m = s.mem.get(r);
            if (m == null) continue;
            for (Mem.Cell c : m.cells().values()) add(s, c.val(), seen, work);
        }
        return seen;
    }

    private static void add(State s, Val v, Set<Region> seen, Deque<Region> work) {
        if (v instanceof Val.Loc l && seen.add(l.region())) work.add(l.region());
        if (v instanceof Val.Num n) {
            // A handle (file descriptor) kept as an integer.
            for (Sym x : n.lin().terms().keySet()) {
                Region h = s.handles.get(x);
                if (h != null && seen.add(h)) work.add(h);
            }
        }
    }

    /** False when the object's address is known to be NULL (its allocation failed) or its handle invalid. */
    public static boolean mayBeValid(State s, Region r) {
        if ((s.ptrStatus(r.base()) & State.VALID) == 0) return false;
        if (s.handles.containsKey(r.base())) return s.range(r.base()).hi() >= 0;
        return true;
    }
}
