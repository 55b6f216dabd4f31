package dev.ferrite.checkers;

import dev.ferrite.analysis.Checker;
import dev.ferrite.analysis.State;
import dev.ferrite.report.PathEvent;
import dev.ferrite.report.Rule;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CWE-457: a value used (in arithmetic, a branch, a call, a dereference) before anything was written
 * to it; CWE-908: bytes never written copied out to an untrusted reader (copy_to_user and the like).
 */
public final class UninitChecker implements Checker {

    public static final class Factory implements Checker.Factory {
        @Override
        public List<Rule> rules() {
            return List.of(Rules.UNINIT, Rules.UNINIT_DISCLOSED);
        }

        @Override
        public Checker create() {
            return new UninitChecker();
        }
    }

    /** What was reported in this function: one finding per unwritten variable (its later uses follow from the first). */
    private final Set<String> reported = new HashSet<>();

    @Override
    public void onUndefUse(Ctx cx, State s, UndefUse u) {
        String origin = u.value().origin();
        if (!reported.add(origin + "|" + u.value().latent() + "|" + u.disclosed())) return;
        if (u.disclosed()) {
            String msg = "uninitialized bytes of " + (origin != null ? "'" + origin + "'" : "an object") + " " + u.what();
            cx.report(Rules.UNINIT_DISCLOSED, u.pos(), msg, List.of(new PathEvent(u.pos(), "copied out here; some bytes were never written")), u.value().latent());
            return;
        }
        String msg = "use of uninitialized value" + (origin != null ? " '" + origin + "'" : "") + " as " + u.what();
        cx.report(Rules.UNINIT, u.pos(), msg, List.of(new PathEvent(u.pos(), "used here before it was written")), u.value().latent());
    }
}
