package dev.ferrite.checkers;

import dev.ferrite.analysis.Checker;
import dev.ferrite.analysis.LockSet;
import dev.ferrite.analysis.State;
import dev.ferrite.report.PathEvent;
import dev.ferrite.report.Rule;
import java.util.ArrayList;
import java.util.List;

/** CWE-764: a lock this path holds is taken again (directly or in a called function). Read sides and nesting locks may nest. */
public final class DoubleLockChecker implements Checker {

    public static final class Factory implements Checker.Factory {
        @Override
        public List<Rule> rules() {
            return List.of(LockRules.DOUBLE_LOCK);
        }

        @Override
        public Checker create() {
            return new DoubleLockChecker();
        }
    }

    @Override
    public void onLock(Ctx cx, State s, LockEvent e) {
        if (e.op() == LockOp.ASSERT_NOT_HELD) {
            mustNotHold(cx, e);
            return;
        }
        if (e.op() != LockOp.ACQUIRE) return;
        LockSet.Held h = e.before();
        if (h == null || !h.held() || LockSet.isNestingKind(e.kind()) || LockSet.isNestingKind(h.kind())) return;
        List<PathEvent> path = new ArrayList<>();
        if (h.pos() != null) path.add(new PathEvent(h.pos(), "'" + h.what() + "' acquired here"));
        path.addAll(Paths.viaNotes(e.via(), e.pos()));
        path.add(new PathEvent(e.pos(), "acquired again here while still held"));
        cx.report(LockRules.DOUBLE_LOCK, e.pos(), "lock '" + e.what() + "' is acquired twice" + Paths.via(e.via()) + " (deadlock)", path, false);
    }

    /** A call annotated not to be made with a lock held (Clang's locks_excluded, __must_not_hold) while it is. */
    private static void mustNotHold(Ctx cx, LockEvent e) {
        LockSet.Held h = e.before();
        if (h == null || !h.held()) return;
        List<PathEvent> path = new ArrayList<>();
        if (h.pos() != null) path.add(new PathEvent(h.pos(), "'" + h.what() + "' acquired here"));
        path.addAll(Paths.viaNotes(e.via(), e.pos()));
        path.add(new PathEvent(e.pos(), "called here, annotated as taking the lock itself"));
        cx.report(LockRules.DOUBLE_LOCK, e.pos(), "lock '" + h.what() + "' is held at a call that must not be made with it held" + Paths.via(e.via()) + " (deadlock)", path, false);
    }
}
