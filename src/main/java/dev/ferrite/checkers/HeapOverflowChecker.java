package dev.ferrite.checkers;

import dev.ferrite.analysis.Checker;
import dev.ferrite.analysis.State;
import dev.ferrite.report.Rule;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** CWE-122: a write past the end of an allocated buffer. */
public final class HeapOverflowChecker implements Checker {
    private final Set<Object> seen = new HashSet<>();

    public static final class Factory implements Checker.Factory {
        @Override
        public List<Rule> rules() {
            return List.of(Rules.HEAP_OVERFLOW);
        }

        @Override
        public Checker create() {
            return new HeapOverflowChecker();
        }
    }

    @Override
    public void onAccess(Ctx cx, State s, Access a) {
        Bounds.report(cx, s, a, Rules.HEAP_OVERFLOW, seen);
    }
}
