package dev.ferrite.analysis;

import dev.ferrite.frontend.SourcePos;
import dev.ferrite.ir.Attr;
import dev.ferrite.ir.Instr;
import java.util.ArrayList;
import java.util.List;

/**
 * Lock state: what the model attributes {@code lock(kind, i)}, {@code unlock(kind, i)},
 * {@code trylock(kind, i, success)} and {@code assert_held(kind, i)} do to a path's {@link LockSet},
 * and the summary effects that let callers see the locks a helper takes or drops. Without an argument
 * index the lock is the kind itself (RCU read side, interrupts off). Checkers see every operation
 * before it is applied ({@link Checker#onLock}).
 */
final class Locks {
    /** The kind of a summary effect for a lock operation on a caller-visible lock. */
    static final String EFFECT = "lock";

    /** A lock operation recorded in a summary: on the object the effect's path points to, at this offset. */
    record Op(Checker.LockOp op, String kind, long offset, String what) {
        // written out: a record's generated methods go through method handles, slow under the C1-only JIT
        // (effects are hashed and compared at every replay and fold)
        @Override
        public boolean equals(Object o) {
            if (this == o) return true;
            return o instanceof Op x && op == x.op && offset == x.offset && java.util.Objects.equals(kind, x.kind)
                    && java.util.Objects.equals(what, x.what);
        }

        @Override
        public int hashCode() {
            int h = java.util.Objects.hashCode(op);
            h = 31 * h + java.util.Objects.hashCode(kind);
            h = 31 * h + Long.hashCode(offset);
            h = 31 * h + java.util.Objects.hashCode(what);
            return h;
        }

        @Override
        public String toString() {
            return "Op[op=" + op + ", kind=" + kind + ", offset=" + offset + ", what=" + what + "]";
        }
    }

    private Locks() {
    }

    static boolean isLockModel(Models.Spec spec) {
        return spec.has("lock") || spec.has("unlock") || spec.has("trylock") || spec.has("assert_held") || spec.has("assert_not_held")
                || spec.has("unlock_if_held");
    }

    /** Applies a lock model's attributes after the call's other effects; trylock splits the path. */
    static List<State> model(FunctionAnalysis A, State s, Instr.Call c, String name, Models.Spec spec, List<Val> args) {
        for (Attr a : spec.all("unlock")) apply(A, s, Checker.LockOp.RELEASE, a.strArg(0), arg(a, args), c.pos(), List.of(), text(c, a));
        for (Attr a : spec.all("unlock_if_held")) {
            // spin_unlock_irqrestore restores what a local_irq_save of this path saved
            // (spin_trylock_irqsave); an irqsave it pairs with (spin_lock_irqsave) is part of the spinlock.
            LockSet.Held h = LockSet.of(s).get(key(null, a.strArg(0)));
            if (h != null && h.held()) apply(A, s, Checker.LockOp.RELEASE, a.strArg(0), null, c.pos(), List.of(), null);
        }
        for (Attr a : spec.all("lock")) apply(A, s, Checker.LockOp.ACQUIRE, a.strArg(0), arg(a, args), c.pos(), List.of(), text(c, a));
        for (Attr a : spec.all("assert_held")) apply(A, s, Checker.LockOp.ASSERT_HELD, a.strArg(0), arg(a, args), c.pos(), List.of(), text(c, a));
        for (Attr a : spec.all("assert_not_held")) apply(A, s, Checker.LockOp.ASSERT_NOT_HELD, a.strArg(0), arg(a, args), c.pos(), List.of(), text(c, a));
        Attr t = spec.attr("trylock");
        if (t == null) return List.of(s);
        long success = t.intArg(2, 1);
        State fail = s.copy();
        if (c.dst() != null) {
            A.calls.setResult(s, c, Val.Num.of(success));
            Val v;
            if (success == 0) {
                Sym x = A.sym(null, false);
                fail.ranges.put(x, new Range(-4095, -1));
                v = Val.Num.of(x);
            } else {
                v = Val.Num.ZERO;
            }
            A.calls.setResult(fail, c, v);
        }
        Val lock = arg(t, args);
        Val.Loc l = lock != null ? A.exec.asLoc(fail, lock) : null;
        if (lock == null || l != null) {
            String what = text(c, t);
            fail.setExt(LockSet.KEY, LockSet.of(fail).failed(key(l, t.strArg(0)), t.strArg(0), c.pos(), what != null ? what : t.strArg(0)));
        }
        apply(A, s, Checker.LockOp.TRYLOCK, t.strArg(0), lock, c.pos(), List.of(), text(c, t));
        return c.dst() != null ? List.of(s, fail) : List.of(s);
    }

    /** The lock's address: argument i, plus the offset of a field annotations name ({@code &dev->lock}). */
    static Val arg(Attr a, List<Val> args) {
        int i = a.intArg(1, 0) - 1;
        Val v = i >= 0 && i < args.size() ? args.get(i) : null;
        long off = a.intArg(a.name().equals("trylock") ? 3 : 2, 0);
        if (off != 0 && v instanceof Val.Loc l) return new Val.Loc(l.region(), l.offset().addConst(off));
        return off != 0 ? null : v;
    }

    /** The lock's expression as written, for messages (null when it is a kind-wide lock). */
    private static String text(Instr.Call c, Attr a) {
        int i = a.intArg(1, 0) - 1;
        if (i < 0) return null;
        String t = argumentText(c.text(), i);
        // spinlock_check(&x->lock) and the like: the lock is the wrapped argument.
        while (t != null && t.matches("[A-Za-z_]\\w*\\(.*\\)") && argumentText(t, 1) == null) t = argumentText(t, 0);
        if (t == null || t.indexOf('(') >= 0) {
            String v = Calls.argText(c, i);
            return v.startsWith("argument ") ? "the lock" : v;
        }
        return t;
    }

    /** The i-th top-level argument of a call's text, or null. */
    static String argumentText(String call, int i) {
        if (call == null) return null;
        int open = call.indexOf('(');
        if (open < 0 || !call.endsWith(")")) return null;
        int depth = 0;
        int start = open + 1;
        int n = 0;
        for (int k = open + 1; k < call.length() - 1; k++) {
            char ch = call.charAt(k);
            if (ch == '(' || ch == '[' || ch == '{') depth++;
            else if (ch == ')' || ch == ']' || ch == '}') depth--;
            else if (ch == ',' && depth == 0) {
                if (n == i) return call.substring(start, k).strip();
                n++;
                start = k + 1;
            }
        }
        return n == i ? call.substring(start, call.length() - 1).strip() : null;
    }

    /** The key naming a lock on this path, or null when the pointer says nothing we can track. */
    static String key(Val.Loc l, String kind) {
        if (l == null) return "@" + family(kind);
        return "r" + l.region().id() + "+" + l.offset();
    }

    /** Kind-wide locks: all interrupt-disabling calls name one lock, all RCU read sides another. */
    private static String family(String kind) {
        return kind == null ? "?" : kind;
    }

    static void apply(FunctionAnalysis A, State s, Checker.LockOp op, String kind, Val ptr, SourcePos pos, List<String> via, String what) {
        Val.Loc l = null;
        if (ptr != null) {
            l = A.exec.asLoc(s, ptr);
            if (l == null) return; // NULL or an unknown integer: nothing to track
        }
        String key = key(l, kind);
        if (EngineStats.ON) EngineStats.LOCK_OPS.increment();
        LockSet set = LockSet.of(s);
        LockSet.Held before = set.get(key);
        // A callee's paths joined before its return list one operation once per path: at one call,
        // the same lock is taken or released only once.
        if (!via.isEmpty() && before != null && pos != null && pos.equals(before.pos())
                && (op == Checker.LockOp.RELEASE ? !before.held() : before.held())) {
            return;
        }
        boolean fresh = l != null && createdHere(s, l.region());
        String name = !via.isEmpty() && before != null ? before.what() : what != null ? what : before != null ? before.what() : kind;
        Checker.LockEvent ev = new Checker.LockEvent(op, key, kind, name, l != null ? l.region() : null, before, fresh, pos, via);
        for (Checker ch : A.checkers) ch.onLock(A, s, ev);
        switch (op) {
            case ACQUIRE, TRYLOCK -> s.setExt(LockSet.KEY, set.acquire(key, kind, pos, name));
            case RELEASE -> s.setExt(LockSet.KEY, set.release(key, kind, pos, name));
            case ASSERT_HELD -> {
                if (before == null || !before.held()) s.setExt(LockSet.KEY, set.acquire(key, kind, pos, name));
            }
            case ASSERT_NOT_HELD -> {
                // a fact for checkers only (the callee takes the lock itself)
            }
        }
        // Callers see what happened to their locks (and to kind-wide ones).
        AccessPath ap = l == null ? null : callerPath(A, l.region());
        if ((l == null || ap != null && l.offset().isConstant()) && op != Checker.LockOp.ASSERT_HELD) {
            long off = l == null ? 0 : l.offset().constant();
            s.addEffect(new State.Custom(EFFECT, ap, new Op(op, kind, off, name), pos));
        } else if (op == Checker.LockOp.RELEASE) {
            // A caller's lock released where callers cannot see it (see LockSet.Held.releasedUnnamedCallerLock).
            s.setExt(LockSet.KEY, LockSet.of(s).unnamedForCallers(key));
        }
    }

    /**
     * Facts a function's own annotations state at its entry: the locks it must be called with
     * ({@code __must_hold}, {@code requires_capability}) or that it releases ({@code __releases}) are held.
     */
    static void atEntry(FunctionAnalysis A, State s, Models.Spec own, List<Val> params, SourcePos pos) {
        if (own == null || !A.tracksLocks) return;
        List<Attr> held = new ArrayList<>(own.all("assert_held"));
        held.addAll(own.all("unlock"));
        for (Attr a : held) {
            Val v = arg(a, params);
            Val.Loc l = v != null ? A.exec.asLoc(s, v) : null;
            if (l == null) continue;
            s.setExt(LockSet.KEY, LockSet.of(s).acquire(key(l, a.strArg(0)), a.strArg(0), pos, "the lock the function is called with"));
        }
    }

    /**
     * The locks the callers of a callback hold by the contract of the structure it is stored in
     * ({@code called_holding}): held at entry, of the contract's kind (a spinlock makes the context atomic).
     */
    static void heldByCallers(FunctionAnalysis A, State s, List<CallbackContracts.HeldAtEntry> held, List<Val> params, SourcePos pos) {
        if (!A.tracksLocks) return;
        for (CallbackContracts.HeldAtEntry h : held) {
            Val v = h.param() < params.size() ? params.get(h.param()) : null;
            Val.Loc l = v != null ? A.exec.asLoc(s, v) : null;
            if (l == null) continue;
            l = new Val.Loc(l.region(), l.offset().addConst(h.offset()));
            s.setExt(LockSet.KEY, LockSet.of(s).acquire(key(l, h.kind()), h.kind(), pos, h.what()));
        }
    }

    /** True for objects made on this path (heap objects we allocated, our own stack): their locks start free. */
    private static boolean createdHere(State s, Region r) {
        if (r.kind() == Region.Kind.HEAP) return s.resource(r) != null;
        return r.isStack();
    }

    /** The path a caller names this object by, for objects it can see (its inputs, globals). */
    private static AccessPath callerPath(FunctionAnalysis A, Region r) {
        if (r.kind() == Region.Kind.SYM) return r.pointer().input();
        if (r.isGlobal()) return AccessPath.global(r.var().name());
        return null;
    }

    /** Replays a callee's lock operation on the caller's object. */
    static void replay(FunctionAnalysis A, State t, State.Custom cu, Val target, SourcePos pos, String callee, Summary sum) {
        if (!(cu.data() instanceof Op op)) return;
        Val ptr = null;
        if (cu.pointer() != null) {
            Val.Loc l = target != null ? A.exec.asLoc(t, target) : null;
            if (l == null) return;
            ptr = new Val.Loc(l.region(), l.offset().addConst(op.offset()));
        }
        if (op.op() == Checker.LockOp.RELEASE && sum != null && releasedHere(A, t, ptr, op.kind()) && takes(A, sum, cu)) {
            // The callee releases, on this path, a lock it takes itself on its other paths: not an unlock
            // helper's contract but a path of its own we cannot judge (it got the lock under another
            // name, or the path cannot happen). The lock is already free here; nothing to replay.
            return;
        }
        List<String> via = new ArrayList<>();
        via.add(callee + ":" + (cu.pos() != null ? cu.pos().line() + ":" + cu.pos().column() : "0:0"));
        apply(A, t, op.op(), op.kind(), ptr, pos, via, op.what());
    }

    /** True when the lock at {@code ptr} is known free on this path (released, or taking it failed). */
    private static boolean releasedHere(FunctionAnalysis A, State t, Val ptr, String kind) {
        Val.Loc l = ptr != null ? A.exec.asLoc(t, ptr) : null;
        if (ptr != null && l == null) return false;
        LockSet.Held h = LockSet.of(t).get(key(l, kind));
        return h != null && (h.released() || h.failedAttempt());
    }

    /** True when some outcome of the summary takes the lock this effect names (same input path and offset). */
    private static boolean takes(FunctionAnalysis A, Summary sum, State.Custom release) {
        java.util.Set<List<Object>> taken = A.locksTaken.computeIfAbsent(sum, Locks::taken);
        Op op = (Op) release.data();
        return taken.contains(java.util.Arrays.asList(release.pointer(), op.offset()));
    }

    private static java.util.Set<List<Object>> taken(Summary sum) {
        java.util.Set<List<Object>> out = new java.util.HashSet<>();
        for (Summary.Outcome o : sum.outcomes()) {
            if (o.state().effects == null) continue;
            for (State.Effect e : o.state().effects.inOrder()) {
                if (e instanceof State.Custom cu && cu.kind().equals(EFFECT) && cu.data() instanceof Op op
                        && (op.op() == Checker.LockOp.ACQUIRE || op.op() == Checker.LockOp.TRYLOCK)) {
                    out.add(java.util.Arrays.asList(cu.pointer(), op.offset()));
                }
            }
        }
        return out;
    }
}
