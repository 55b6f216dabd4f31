package dev.ferrite.analysis;

import dev.ferrite.frontend.SourcePos;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The locks a path holds or has released, kept in {@link State#ext} under {@link #KEY}. A lock is
 * named by the object and offset of its address ({@code &dev->lock}: the object dev points to,
 * offset of lock), or by its kind for locks without an object (RCU read side, interrupts off). A
 * lock missing from the set is in the state the function found it in: unknown for the caller's
 * objects, not held for objects made on this path. Immutable. It is part of the join key, but only
 * through the state callers see ({@link #equals}): paths holding different locks stay apart, while
 * a lock taken and released again is as good as one never touched. That it was released here (or
 * failed to be taken) is kept as information merged at joins, for the checkers' messages and for
 * double unlocks, without splitting paths.
 */
public final class LockSet {
    public static final String KEY = "locks";
    public static final LockSet EMPTY = owning(new TreeMap<>());

    /** Kinds that spin or keep the CPU: sleeping while one is held is a bug. */
    private static final java.util.Set<String> ATOMIC = java.util.Set.of("spin", "spin_irq", "spin_bh", "read", "write", "rcu", "irq", "preempt");
    /** Kinds that may be taken again while held (read sides, counting, nesting). */
    private static final java.util.Set<String> NESTING = java.util.Set.of("read", "rcu", "irq", "preempt", "sem", "rwsem_read", "srcu", "bh");
    private static final int MAX_DEPTH = 3;

    /**
     * One lock's state on the path: held (with nesting depth) or released (depth 0; -1 when an attempt
     * to take it failed); where it happened and how the lock is named for messages.
     */
    public record Held(String kind, boolean held, int depth, SourcePos pos, String what) {
        public boolean atomic() {
            return held && ATOMIC.contains(kind);
        }

        /** True when the lock is free because an attempt to take it failed. */
        public boolean failedAttempt() {
            return !held && depth == -1;
        }

        /** True when paths that disagreed on this lock were folded together: nothing is known. */
        public boolean unknown() {
            return !held && depth == -2;
        }

        /** True when the lock is known to have been released on this path. */
        public boolean released() {
            return !held && depth == 0;
        }

        /**
         * True when this entry says something a caller sees: the lock is held, its state is unknown, or
         * the path released a lock it did not take (the caller's). A lock the path took and released,
         * or failed to take, is back in the state the function found it in.
         */
        boolean visible() {
            return held || depth < -1;
        }

        // Where and how it is named do not matter for joining paths.
        @Override
        public boolean equals(Object o) {
            return o instanceof Held h && h.kind.equals(kind) && h.held == held && h.depth == depth;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(kind, held, depth);
        }
    }

    private final Map<String, Held> locks;
    /** The entries callers see, computed on first need. */
    private Map<String, Held> visible;
    /** The hash of {@link #visible}, computed on first need (join keys hash the set at every merge). */
    private int hash;
    private boolean hashed;

    public LockSet(Map<String, Held> locks) {
        this.locks = Collections.unmodifiableMap(new TreeMap<>(locks));
    }

    private LockSet(TreeMap<String, Held> owned, boolean unshared) {
        this.locks = Collections.unmodifiableMap(owned);
    }

    /** A set over a map no one else holds, kept as it is (each operation below builds one copy, not two). */
    private static LockSet owning(TreeMap<String, Held> fresh) {
        return new LockSet(fresh, true);
    }

    /** Every lock the path took, released or asserted, by key. */
    public Map<String, Held> locks() {
        return locks;
    }

    @Override
    public String toString() {
        return "LockSet" + locks;
    }

    /** Equal when callers would see the same locks (see {@link Held#visible}); the rest is information. */
    @Override
    public boolean equals(Object o) {
        if (o == this) return true;
        if (!(o instanceof LockSet other)) return false;
        return hashCode() == other.hashCode() && visibleOnly().equals(other.visibleOnly());
    }

    @Override
    public int hashCode() {
        if (!hashed) {
            hash = visibleOnly().hashCode();
            hashed = true;
        }
        return hash;
    }

    private Map<String, Held> visibleOnly() {
        Map<String, Held> m = visible;
        if (m == null) {
            TreeMap<String, Held> t = new TreeMap<>();
            for (Map.Entry<String, Held> e : locks.entrySet()) if (e.getValue().visible()) t.put(e.getKey(), e.getValue());
            m = t.size() == locks.size() ? locks : Collections.unmodifiableMap(t);
            visible = m;
        }
        return m;
    }

    public static LockSet of(State s) {
        Object o = s.ext(KEY);
        return o instanceof LockSet l ? l : EMPTY;
    }

    public Held get(String key) {
        return locks.get(key);
    }

    public static boolean isAtomicKind(String kind) {
        return ATOMIC.contains(kind);
    }

    public static boolean isNestingKind(String kind) {
        return NESTING.contains(kind);
    }

    /** True when a lock that keeps the CPU (spinlock, RCU read side, interrupts off) is held. */
    public boolean atomic() {
        for (Held h : locks.values()) if (h.atomic()) return true;
        return false;
    }

    /** The first held lock that makes the context atomic, or null. */
    public Held atomicLock() {
        for (Held h : locks.values()) if (h.atomic()) return h;
        return null;
    }

    /** True when some lock is held on this path. */
    public boolean anyHeld() {
        for (Held h : locks.values()) if (h.held()) return true;
        return false;
    }

    /** The key naming the lock at this address (as lock operations on it name it). */
    public static String keyOf(Val.Loc l) {
        return Locks.key(l, null);
    }

    /** True when some lock of the set lies in this object. */
    boolean names(Region r) {
        String prefix = "r" + r.id() + "+";
        for (String k : locks.keySet()) if (k.startsWith(prefix)) return true;
        return false;
    }

    LockSet acquire(String key, String kind, SourcePos pos, String what) {
        Held h = locks.get(key);
        // A lock taken twice counts twice (nesting kinds, and the deadlock a checker reports), so
        // the unlocks that follow are not double unlocks.
        int depth = h != null && h.held() ? Math.min(h.depth() + 1, MAX_DEPTH) : 1;
        TreeMap<String, Held> m = new TreeMap<>(locks);
        m.put(key, new Held(kind, true, depth, h != null && h.held() ? h.pos() : pos, what));
        return owning(m);
    }

    /**
     * The locks both sides agree on; the others become unknown. A lock one side released (or failed to
     * take) and the other left alone stays released: some path to here released it.
     */
    LockSet join(LockSet o) {
        if (o == this || o.locks.equals(locks)) return this;
        TreeMap<String, Held> m = new TreeMap<>(locks);
        for (Map.Entry<String, Held> e : o.locks.entrySet()) {
            Held mine = locks.get(e.getKey());
            Held theirs = e.getValue();
            if (mine != null && mine.equals(theirs)) continue;
            boolean mineFree = mine == null || !mine.visible();
            if (mineFree && !theirs.visible()) {
                if (mine == null) m.put(e.getKey(), theirs);
            } else {
                m.put(e.getKey(), unknownOf(theirs));
            }
        }
        for (Map.Entry<String, Held> e : locks.entrySet()) {
            if (!o.locks.containsKey(e.getKey()) && e.getValue().visible()) m.put(e.getKey(), unknownOf(e.getValue()));
        }
        return owning(m);
    }

    private static Held unknownOf(Held h) {
        return new Held(h.kind(), false, -2, h.pos(), h.what());
    }

    /** A failed trylock: the lock is known not to be held by this path (unless it already was). */
    LockSet failed(String key, String kind, SourcePos pos, String what) {
        Held h = locks.get(key);
        if (h != null && h.held()) return this;
        TreeMap<String, Held> m = new TreeMap<>(locks);
        m.put(key, new Held(kind, false, -1, pos, what));
        return owning(m);
    }

    LockSet release(String key, String kind, SourcePos pos, String what) {
        Held h = locks.get(key);
        TreeMap<String, Held> m = new TreeMap<>(locks);
        if (h != null && h.held() && h.depth() > 1) m.put(key, new Held(h.kind(), true, h.depth() - 1, h.pos(), h.what()));
        else if (h != null && h.held()) m.put(key, new Held(h.kind(), false, 0, pos, what));
        // Released without a known acquisition on this path (a helper dropping its caller's lock, or a
        // lock we could not follow): a second release is not shown to be wrong.
        else m.put(key, new Held(h != null ? h.kind() : kind, false, -3, pos, what));
        return owning(m);
    }
}
