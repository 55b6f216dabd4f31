package dev.ferrite.checkers;

import dev.ferrite.analysis.Checker;
import dev.ferrite.analysis.LockSet;
import dev.ferrite.analysis.Models;
import dev.ferrite.analysis.State;
import dev.ferrite.analysis.Val;
import dev.ferrite.frontend.SourcePos;
import dev.ferrite.ir.Attr;
import dev.ferrite.report.PathEvent;
import dev.ferrite.report.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * Sleeping in atomic context: a call the models say may sleep ({@code sleeps}, or
 * {@code sleeps_if_gfp(i, mask)} when the constant flags argument has a bit of the mask) while this
 * path holds a spinlock, an RCU read side or has interrupts off. A function that may sleep on some
 * path outside any lock of its own records that in its summary, so callers holding a spinlock are
 * caught at the call.
 */
public final class SleepInAtomicChecker implements Checker {
    /** The summary effect: the function may sleep (replayed in callers). */
    static final String MAY_SLEEP = "may_sleep";

    public static final class Factory implements Checker.Factory {
        public Factory() {
            // A path that may sleep and one that does not are the same to callers not in atomic context,
            // and a caller in one reports the call whichever path slept: they need not stay apart.
            State.Custom.mayFact(MAY_SLEEP);
        }

        @Override
        public List<Rule> rules() {
            return List.of(LockRules.SLEEP_IN_ATOMIC);
        }

        @Override
        public Checker create() {
            return new SleepInAtomicChecker();
        }
    }

    @Override
    public void onCall(Ctx cx, State s, CallEvent c) {
        if (c.callee() == null) return;
        Models.Spec spec = cx.models().get(c.callee());
        if (spec == null) return;
        if (spec.has("waits_for_callback")) {
            sleeps(cx, s, c.pos(), List.of(c.callee()), null, WAITS);
            return;
        }
        if (!maySleep(spec, c.args())) return;
        sleeps(cx, s, c.pos(), List.of(c.callee()), null, null);
    }

    @Override
    public void onReplay(Ctx cx, State s, State.Custom effect, Val target, SourcePos callPos, String callee) {
        if (!MAY_SLEEP.equals(effect.kind())) return;
        List<String> via = new ArrayList<>();
        via.add(callee + ":" + (effect.pos() != null ? effect.pos().line() + ":" + effect.pos().column() : "0:0"));
        sleeps(cx, s, callPos, via, effect, WAITS.equals(effect.data()) ? WAITS : null);
    }

    /**
     * Reports a sleeping call (or, with {@code how} = {@link #WAITS}, a call that waits for a callback)
     * made in atomic context, or records in the summary that the function may sleep.
     */
    private static void sleeps(Ctx cx, State s, SourcePos pos, List<String> via, State.Custom inherited, String how) {
        LockSet.Held atomic = LockSet.of(s).atomicLock();
        boolean waits = WAITS.equals(how);
        if (atomic != null) {
            List<PathEvent> path = new ArrayList<>();
            if (atomic.pos() != null) path.add(new PathEvent(atomic.pos(), held(atomic)));
            if (inherited != null) path.addAll(Paths.viaNotes(via, pos));
            String callee = via.get(0).replaceAll(":.*", "");
            path.add(new PathEvent(pos, "call to '" + callee + "', which " + (waits ? "waits for a running callback of its object to finish" : "may sleep")));
            String what = waits ? (inherited != null ? "a call to a function that waits for a callback to finish" : "a call that waits for a callback to finish")
                    : inherited != null ? "a call to a function that may sleep" : "a call that may sleep";
            boolean aLock = !atomic.kind().equals("irq") && !atomic.kind().equals("rcu");
            String tail = waits && aLock ? " (a deadlock if the callback takes it)" : "";
            cx.report(LockRules.SLEEP_IN_ATOMIC, pos, what + " is made while " + context(atomic) + tail, path, false);
            return;
        }
        // The path dropped a lock of its caller's that callers cannot name (a helper that unlocks around
        // a wait the lock its caller took, reached through a table entry): a caller holding a spinlock
        // here most likely holds that one, so the sleep is not reported to callers (Pulse: report what
        // happens whatever the caller does).
        if (LockSet.of(s).anyUnnamedCallerRelease()) return;
        if (s.mark(MAY_SLEEP) == null) {
            cx.effect(s, new State.Custom(MAY_SLEEP, null, how, pos));
            s.setMark(MAY_SLEEP, Boolean.TRUE);
        }
    }

    /** The data of a {@link #MAY_SLEEP} effect whose call waits for a callback rather than sleeps. */
    private static final String WAITS = "waits_for_callback";

    private static String held(LockSet.Held h) {
        return switch (h.kind()) {
            case "irq" -> "interrupts disabled here";
            case "rcu" -> "RCU read-side section entered here";
            default -> "'" + h.what() + "' acquired here";
        };
    }

    private static String context(LockSet.Held h) {
        return switch (h.kind()) {
            case "irq" -> "interrupts are disabled";
            case "rcu" -> "in an RCU read-side section";
            case "read", "write" -> "rwlock '" + h.what() + "' is held";
            default -> "spinlock '" + h.what() + "' is held";
        };
    }

    /** True when the call may sleep: always, or when its constant allocation flags allow it. */
    static boolean maySleep(Models.Spec spec, List<Val> args) {
        if (spec.has("sleeps")) return true;
        Attr g = spec.attr("sleeps_if_gfp");
        if (g == null) return false;
        int i = g.intArg(0, 0) - 1;
        long mask = g.intArg(1, 0);
        if (i < 0 || i >= args.size() || mask == 0) return false;
        return args.get(i) instanceof Val.Num n && n.isConstant() && (n.lin().constant() & mask) != 0;
    }
}
