package dev.ferrite.checkers;

import dev.ferrite.analysis.Checker;
import dev.ferrite.analysis.LockSet;
import dev.ferrite.analysis.State;
import dev.ferrite.report.PathEvent;
import dev.ferrite.report.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * CWE-765 and CWE-832: a lock released twice, or released on a path where it is known not to be
 * held (its object was made on this path and never locked, or taking it failed). A lock of the
 * caller's whose state we do not know may be released: that is what unlock helpers do.
 */
public final class BadUnlockChecker implements Checker {

    public static final class Factory implements Checker.Factory {
        @Override
        public List<Rule> rules() {
            return List.of(LockRules.DOUBLE_UNLOCK, LockRules.UNLOCK_NOT_HELD);
        }

        @Override
        public Checker create() {
            return new BadUnlockChecker();
        }
    }

    @Override
    public void onLock(Ctx cx, State s, LockEvent e) {
        if (e.op() != LockOp.RELEASE || "irq".equals(e.kind())) return;
        LockSet.Held h = e.before();
        String via = Paths.via(e.via());
        List<PathEvent> path = new ArrayList<>();
        if (h != null && h.failedAttempt()) {
            path.add(new PathEvent(h.pos(), "taking '" + h.what() + "' fails on this path"));
            path.addAll(Paths.viaNotes(e.via(), e.pos()));
            path.add(new PathEvent(e.pos(), "released here although not held"));
            cx.report(LockRules.UNLOCK_NOT_HELD, e.pos(), "lock '" + e.what() + "' is released" + via + " but taking it failed", path, false);
        } else if (h != null && h.released()) {
            if (h.pos() != null) path.add(new PathEvent(h.pos(), "'" + h.what() + "' released here"));
            path.addAll(Paths.viaNotes(e.via(), e.pos()));
            path.add(new PathEvent(e.pos(), "released again here"));
            cx.report(LockRules.DOUBLE_UNLOCK, e.pos(), "lock '" + e.what() + "' is released twice" + via, path, false);
        } else if (h == null && e.fresh()) {
            path.addAll(Paths.viaNotes(e.via(), e.pos()));
            path.add(new PathEvent(e.pos(), "released here; nothing on this path acquired it"));
            cx.report(LockRules.UNLOCK_NOT_HELD, e.pos(), "lock '" + e.what() + "' is released" + via + " but it is not held", path, false);
        }
    }
}
