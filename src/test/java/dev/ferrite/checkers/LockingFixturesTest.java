package dev.ferrite.checkers;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Kernel-style locking fixtures: each bug is found where expected, each fixed twin is silent. */
class LockingFixturesTest {
    private static final Set<String> RULES = Set.of("lock-held-at-return", "double-lock", "double-unlock", "unlock-not-held",
            "sleep-in-atomic", "data-race");

    static List<Path> fixtures() {
        return FixtureRunner.fixtures("locking");
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void findsExactlyTheExpectedBugs(Path fixture) {
        FixtureRunner.assertFindsExactlyTheExpected(fixture, RULES);
    }
}
