package dev.ferrite.checkers;

import dev.ferrite.analysis.Checker;
import dev.ferrite.analysis.State;
import dev.ferrite.report.Rule;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** CWE-126: a read past the end of an object (memcpy, strcpy and strlen of strings too long or unterminated). */
public final class OverreadChecker implements Checker {
    private final Set<Object> seen = new HashSet<>();

    public static final class Factory implements Checker.Factory {
        @Override
        public List<Rule> rules() {
            return List.of(Rules.OVERREAD);
        }

        @Override
        public Checker create() {
            return new OverreadChecker();
        }
    }

    @Override
    public void onAccess(Ctx cx, State s, Access a) {
        Bounds.report(cx, s, a, Rules.OVERREAD, seen);
    }
}
