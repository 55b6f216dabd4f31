package dev.ferrite.analysis;

import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of the engine's work for measurements that do not depend on the machine's load
 * ({@code -Dferrite.stats=true}: printed on standard error at the end of the analysis): steps,
 * states merged at blocks, joins, summary effects replayed and lock operations applied, and the bytes
 * the analysing thread allocated. Off by default: then each count is one test of a constant.
 */
final class EngineStats {
    static final boolean ON = Boolean.getBoolean("ferrite.stats");

    static final LongAdder STEPS = new LongAdder();
    /** States arriving at blocks, and those left after merging. */
    static final LongAdder ARRIVED = new LongAdder();
    static final LongAdder KEPT = new LongAdder();
    static final LongAdder JOINS = new LongAdder();
    /** Summary effects replayed at calls, and those of them that are lock operations. */
    static final LongAdder REPLAYED = new LongAdder();
    static final LongAdder LOCK_REPLAYED = new LongAdder();
    /** Lock operations applied to a path (the models' and replayed ones). */
    static final LongAdder LOCK_OPS = new LongAdder();

    /** Replayed effects by kind (access, release, custom kinds). */
    private static final java.util.concurrent.ConcurrentHashMap<String, LongAdder> BY_KIND = new java.util.concurrent.ConcurrentHashMap<>();

    private EngineStats() {
    }

    static void replayed(State.Effect e) {
        String k = e instanceof State.Custom cu ? cu.kind() : e.getClass().getSimpleName();
        if (k.equals(Locks.EFFECT)) LOCK_REPLAYED.increment();
        BY_KIND.computeIfAbsent(k, x -> new LongAdder()).increment();
    }

    /** The bytes the current thread has allocated so far, or -1 when the JVM does not say. */
    static long allocated() {
        java.lang.management.ThreadMXBean b = java.lang.management.ManagementFactory.getThreadMXBean();
        if (b instanceof com.sun.management.ThreadMXBean sb) return sb.getThreadAllocatedBytes(Thread.currentThread().getId());
        return -1;
    }

    static String report(long allocatedBytes) {
        return String.format(Locale.ROOT,
                "ferrite-stats: steps %,d; states arrived %,d kept %,d; joins %,d; effects replayed %,d (lock %,d); lock ops %,d; allocated %,d MB",
                STEPS.sum(), ARRIVED.sum(), KEPT.sum(), JOINS.sum(), REPLAYED.sum(), LOCK_REPLAYED.sum(), LOCK_OPS.sum(),
                allocatedBytes >> 20) + "; replayed by kind " + new java.util.TreeMap<>(BY_KIND);
    }
}
