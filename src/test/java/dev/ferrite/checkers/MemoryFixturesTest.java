package dev.ferrite.checkers;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Kernel-style memory-safety fixtures: each bug is found where expected, each fixed twin is silent. */
class MemoryFixturesTest {
    private static final Set<String> RULES = Set.of("use-after-free", "double-free", "free-nonheap", "free-not-at-start",
            "null-dereference", "null-return-dereference", "leak", "handle-leak", "double-close");

    static List<Path> fixtures() {
        return FixtureRunner.fixtures("memory");
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void findsExactlyTheExpectedBugs(Path fixture) {
        FixtureRunner.assertFindsExactlyTheExpected(fixture, RULES);
    }
}
