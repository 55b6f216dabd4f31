package dev.ferrite.checkers;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Uninitialized reads: a local, a field of a local struct, kmalloc memory (not kzalloc), an address
 * passed to a function that writes it only on some paths, a callee reading what the caller never
 * wrote, a loop initializing part of an array, and a partly written struct copied to user space.
 */
class UninitFixturesTest {
    private static final Set<String> RULES = Set.of("uninitialized", "uninitialized-disclosure");

    static List<Path> fixtures() {
        return FixtureRunner.fixtures("uninit");
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void findsExactlyTheExpectedReads(Path fixture) {
        FixtureRunner.assertFindsExactlyTheExpected(fixture, RULES);
    }
}
