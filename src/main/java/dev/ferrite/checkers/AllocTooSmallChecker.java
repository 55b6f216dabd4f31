package dev.ferrite.checkers;

import dev.ferrite.analysis.Checker;
import dev.ferrite.analysis.State;
import dev.ferrite.report.Rule;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** CWE-131/193: a string copied into a heap buffer sized for its length without the terminator. */
public final class AllocTooSmallChecker implements Checker {
    private final Set<Object> seen = new HashSet<>();

    public static final class Factory implements Checker.Factory {
        @Override
        public List<Rule> rules() {
            return List.of(Rules.ALLOC_TOO_SMALL);
        }

        @Override
        public Checker create() {
            return new AllocTooSmallChecker();
        }
    }

    @Override
    public void onAccess(Ctx cx, State s, Access a) {
        Bounds.report(cx, s, a, Rules.ALLOC_TOO_SMALL, seen);
    }
}
