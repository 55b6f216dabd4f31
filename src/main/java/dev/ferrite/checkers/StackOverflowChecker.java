package dev.ferrite.checkers;

import dev.ferrite.analysis.Checker;
import dev.ferrite.analysis.State;
import dev.ferrite.report.Rule;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** CWE-121 (and CWE-787 for static storage): a write past the end of a stack or static array. */
public final class StackOverflowChecker implements Checker {
    private final Set<Object> seen = new HashSet<>();

    public static final class Factory implements Checker.Factory {
        @Override
        public List<Rule> rules() {
            return List.of(Rules.STACK_OVERFLOW, Rules.STATIC_OVERFLOW);
        }

        @Override
        public Checker create() {
            return new StackOverflowChecker();
        }
    }

    @Override
    public void onAccess(Ctx cx, State s, Access a) {
        Bounds.report(cx, s, a, Rules.STACK_OVERFLOW, seen);
        Bounds.report(cx, s, a, Rules.STATIC_OVERFLOW, seen);
    }
}
