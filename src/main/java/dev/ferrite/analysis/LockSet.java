package dev.ferrite.analysis;

import dev.ferrite.frontend.SourcePos;
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
    public static final LockSet EMPTY = new LockSet(new String[0], new Held[0]);

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

        /**
         * True when the path released a lock it did not take (its caller's) and callers cannot be told
         * which: the lock was reached through something a caller has no name for (an element of a table
         * at an unknown index). {@link Locks} marks such a release.
         */
        public boolean releasedUnnamedCallerLock() {
            return !held && depth == UNNAMED_CALLER_RELEASE;
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

    /** The locks by key, sorted (keys are few: a sorted array is searched and copied faster than a tree map). */
    private final String[] keys;
    private final Held[] vals;
    /** The region id each key names ({@code r<id>+...}), or -1 (kind-wide locks). */
    private final long[] regionIds;
    /** A read-only map view of the arrays, made on first need. */
    private Map<String, Held> view;
    /** The hash of the visible entries, computed on first need (join keys hash the set at every merge). */
    private int hash;
    private boolean hashed;

    public LockSet(Map<String, Held> locks) {
        this(sorted(locks));
    }

    private LockSet(Map.Entry<String[], Held[]> kv) {
        this(kv.getKey(), kv.getValue());
    }

    /** A set over arrays no one else holds, sorted by key. */
    private LockSet(String[] keys, Held[] vals) {
        this(keys, vals, regionIds(keys));
    }

    private LockSet(String[] keys, Held[] vals, long[] regionIds) {
        this.keys = keys;
        this.vals = vals;
        this.regionIds = regionIds;
    }

    private static long[] regionIds(String[] keys) {
        long[] r = new long[keys.length];
        for (int i = 0; i < keys.length; i++) r[i] = regionOf(keys[i]);
        return r;
    }

    private static Map.Entry<String[], Held[]> sorted(Map<String, Held> locks) {
        TreeMap<String, Held> t = new TreeMap<>(locks);
        return Map.entry(t.keySet().toArray(new String[0]), t.values().toArray(new Held[0]));
    }

    /** The region id of a key {@code r<id>+<offset>}, or -1. */
    private static long regionOf(String key) {
        if (key.isEmpty() || key.charAt(0) != 'r') return -1;
        int plus = key.indexOf('+');
        if (plus < 0) return -1;
        try {
            return Long.parseLong(key, 1, plus, 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Every lock the path took, released or asserted, by key (sorted). */
    public Map<String, Held> locks() {
        Map<String, Held> m = view;
        if (m == null) {
            m = new View();
            view = m;
        }
        return m;
    }

    /** A read-only, key-sorted map over the arrays. */
    private final class View extends ArrayMapView<String, Held> {
        @Override
        int length() {
            return keys.length;
        }

        @Override
        String keyAt(int i) {
            return keys[i];
        }

        @Override
        Held valueAt(int i) {
            return vals[i];
        }

        @Override
        int indexOf(Object key) {
            return key instanceof String k ? LockSet.this.indexOf(k) : -1;
        }
    }

    @Override
    public String toString() {
        return "LockSet" + new TreeMap<>(locks());
    }

    /** Equal when callers would see the same locks (see {@link Held#visible}); the rest is information. */
    @Override
    public boolean equals(Object o) {
        if (o == this) return true;
        if (!(o instanceof LockSet other)) return false;
        if (hashCode() != other.hashCode()) return false;
        int i = 0;
        int j = 0;
        while (true) {
            while (i < keys.length && !vals[i].visible()) i++;
            while (j < other.keys.length && !other.vals[j].visible()) j++;
            if (i == keys.length || j == other.keys.length) return i == keys.length && j == other.keys.length;
            if (!keys[i].equals(other.keys[j]) || !vals[i].equals(other.vals[j])) return false;
            i++;
            j++;
        }
    }

    @Override
    public int hashCode() {
        if (!hashed) {
            int h = 0;
            for (int i = 0; i < keys.length; i++) if (vals[i].visible()) h = 31 * h + (keys[i].hashCode() ^ vals[i].hashCode());
            hash = h;
            hashed = true;
        }
        return hash;
    }

    private int indexOf(String key) {
        return java.util.Arrays.binarySearch(keys, key);
    }

    public static LockSet of(State s) {
        Object o = s.ext(KEY);
        return o instanceof LockSet l ? l : EMPTY;
    }

    public Held get(String key) {
        int i = indexOf(key);
        return i >= 0 ? vals[i] : null;
    }

    public static boolean isAtomicKind(String kind) {
        return ATOMIC.contains(kind);
    }

    public static boolean isNestingKind(String kind) {
        return NESTING.contains(kind);
    }

    /** True when a lock that keeps the CPU (spinlock, RCU read side, interrupts off) is held. */
    public boolean atomic() {
        for (Held h : vals) if (h.atomic()) return true;
        return false;
    }

    /** The first held lock that makes the context atomic, or null. */
    public Held atomicLock() {
        for (Held h : vals) if (h.atomic()) return h;
        return null;
    }

    /** True when some lock is held on this path. */
    public boolean anyHeld() {
        for (Held h : vals) if (h.held()) return true;
        return false;
    }

    /** The key naming the lock at this address (as lock operations on it name it). */
    public static String keyOf(Val.Loc l) {
        return Locks.key(l, null);
    }

    /** True when some lock of the set lies in this object. */
    boolean names(Region r) {
        for (long id : regionIds) if (id == r.id()) return true;
        return false;
    }

    /** This set with {@code key} mapped to {@code h} (added or replaced). */
    private LockSet with(String key, Held h) {
        int i = indexOf(key);
        if (i >= 0) {
            Held[] v = vals.clone();
            v[i] = h;
            return new LockSet(keys, v, regionIds);
        }
        int at = -i - 1;
        int n = keys.length;
        String[] k = new String[n + 1];
        Held[] v = new Held[n + 1];
        long[] r = new long[n + 1];
        System.arraycopy(keys, 0, k, 0, at);
        System.arraycopy(vals, 0, v, 0, at);
        System.arraycopy(regionIds, 0, r, 0, at);
        k[at] = key;
        v[at] = h;
        r[at] = regionOf(key);
        System.arraycopy(keys, at, k, at + 1, n - at);
        System.arraycopy(vals, at, v, at + 1, n - at);
        System.arraycopy(regionIds, at, r, at + 1, n - at);
        return new LockSet(k, v, r);
    }

    LockSet acquire(String key, String kind, SourcePos pos, String what) {
        Held h = get(key);
        // A lock taken twice counts twice (nesting kinds, and the deadlock a checker reports), so
        // the unlocks that follow are not double unlocks.
        int depth = h != null && h.held() ? Math.min(h.depth() + 1, MAX_DEPTH) : 1;
        return with(key, new Held(kind, true, depth, h != null && h.held() ? h.pos() : pos, what));
    }

    /**
     * The locks both sides agree on; the others become unknown. A lock one side released (or failed to
     * take) and the other left alone stays released: some path to here released it. This set itself
     * when the join says nothing more (equal entries keep this side's places).
     */
    LockSet join(LockSet o) {
        if (o == this) return this;
        int n = keys.length;
        int m = o.keys.length;
        String[] k = new String[n + m];
        Held[] v = new Held[n + m];
        int i = 0;
        int j = 0;
        int c = 0;
        boolean changed = false;
        while (i < n || j < m) {
            int cmp = i == n ? 1 : j == m ? -1 : keys[i].compareTo(o.keys[j]);
            Held out;
            if (cmp == 0) {
                Held mine = vals[i];
                Held theirs = o.vals[j];
                out = mine.equals(theirs) || !mine.visible() && !theirs.visible() ? mine : unknownOf(theirs);
                k[c] = keys[i];
                i++;
                j++;
            } else if (cmp > 0) {
                Held theirs = o.vals[j];
                out = theirs.visible() ? unknownOf(theirs) : theirs;
                k[c] = o.keys[j];
                j++;
            } else {
                Held mine = vals[i];
                out = mine.visible() ? unknownOf(mine) : mine;
                k[c] = keys[i];
                i++;
            }
            if (cmp > 0 || !out.equals(vals[i - 1])) changed = true;
            v[c++] = out;
        }
        if (!changed) return this;
        return new LockSet(java.util.Arrays.copyOf(k, c), java.util.Arrays.copyOf(v, c));
    }

    private static Held unknownOf(Held h) {
        return new Held(h.kind(), false, -2, h.pos(), h.what());
    }

    /** A failed trylock: the lock is known not to be held by this path (unless it already was). */
    LockSet failed(String key, String kind, SourcePos pos, String what) {
        Held h = get(key);
        if (h != null && h.held()) return this;
        return with(key, new Held(kind, false, -1, pos, what));
    }

    /** The depth of a lock the path released without having taken it (its caller's). */
    private static final int CALLER_RELEASE = -3;

    /** The depth of a {@link Held#releasedUnnamedCallerLock} entry. */
    private static final int UNNAMED_CALLER_RELEASE = -4;

    /** True when some lock of the caller's was released on this path without callers being told. */
    public boolean anyUnnamedCallerRelease() {
        for (Held h : vals) if (h.releasedUnnamedCallerLock()) return true;
        return false;
    }

    /** This set with a release of a caller's lock (see {@link #release}) marked unknown to callers. */
    LockSet unnamedForCallers(String key) {
        Held h = get(key);
        if (h == null || h.held() || h.depth() != CALLER_RELEASE) return this;
        return with(key, new Held(h.kind(), false, UNNAMED_CALLER_RELEASE, h.pos(), h.what()));
    }

    LockSet release(String key, String kind, SourcePos pos, String what) {
        Held h = get(key);
        if (h != null && h.held() && h.depth() > 1) return with(key, new Held(h.kind(), true, h.depth() - 1, h.pos(), h.what()));
        if (h != null && h.held()) return with(key, new Held(h.kind(), false, 0, pos, what));
        // Released without a known acquisition on this path (a helper dropping its caller's lock, or a
        // lock we could not follow): a second release is not shown to be wrong.
        return with(key, new Held(h != null ? h.kind() : kind, false, CALLER_RELEASE, pos, what));
    }
}
