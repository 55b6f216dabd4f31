package dev.ferrite.checkers;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Kernel-style bounds fixtures: each bug is found where expected, each fixed twin is silent. */
class BoundsFixturesTest {
    private static final Set<String> RULES = Set.of("stack-buffer-overflow", "static-buffer-overflow", "heap-buffer-overflow",
            "buffer-underwrite", "buffer-overread", "buffer-underread", "allocation-too-small", "sizeof-pointer", "pointer-subtraction");

    static List<Path> fixtures() {
        return FixtureRunner.fixtures("bounds");
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void findsExactlyTheExpectedBugs(Path fixture) {
        FixtureRunner.assertFindsExactlyTheExpected(fixture, RULES);
    }
}
