package dev.ferrite.checkers;

import dev.ferrite.analysis.Checker;
import dev.ferrite.analysis.State;
import dev.ferrite.report.Rule;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** CWE-127: a read before the start of an object. */
public final class UnderreadChecker implements Checker {
    private final Set<Object> seen = new HashSet<>();

    public static final class Factory implements Checker.Factory {
        @Override
        public List<Rule> rules() {
            return List.of(Rules.UNDERREAD);
        }

        @Override
        public Checker create() {
            return new UnderreadChecker();
        }
    }

    @Override
    public void onAccess(Ctx cx, State s, Access a) {
        Bounds.report(cx, s, a, Rules.UNDERREAD, seen);
    }
}
