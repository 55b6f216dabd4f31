package dev.ferrite.checkers;

import dev.ferrite.report.Rule;

/** The warning IDs of the locking and concurrency checkers; stable, they appear as {@code -Wferrite-<id>} and in SARIF. */
public final class LockRules {
    private LockRules() {
    }

    public static final Rule HELD_AT_RETURN = new Rule("lock-held-at-return", 667, "lock still held at return",
            "A function returns with a lock it took still held on some path (often an error path that skips the unlock); Rust's lock guards unlock when they go out of scope.");
    public static final Rule DOUBLE_LOCK = new Rule("double-lock", 764, "lock taken twice",
            "A lock that is already held is taken again, which deadlocks for spinlocks and mutexes; Rust's MutexGuard makes the second lock a compile-time borrow error or an explicit deadlock.");
    public static final Rule DOUBLE_UNLOCK = new Rule("double-unlock", 765, "lock released twice",
            "A lock is released again after it was released; in Rust the guard is dropped exactly once.");
    public static final Rule UNLOCK_NOT_HELD = new Rule("unlock-not-held", 832, "release of a lock that is not held",
            "A lock is released on a path where it was never taken (or where taking it failed); Rust can only unlock through the guard that locking returned.");
    public static final Rule SLEEP_IN_ATOMIC = new Rule("sleep-in-atomic", 667, "sleeping call in atomic context",
            "A call that may sleep (mutex_lock, msleep, kmalloc(GFP_KERNEL), copy_from_user...) is made while a spinlock is held or interrupts are off.");
    public static final Rule DATA_RACE = new Rule("data-race", 366, "data race",
            "Shared data is written by code that runs concurrently with other code touching it, without a common lock; safe Rust rejects shared mutation without synchronisation.");
}
