package dev.ferrite.checkers;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Drop check on kernel-style drivers: an error path of probe that keeps an IRQ, a module exit that
 * forgets misc_deregister, a remove that does not undo clk_prepare_enable, an IRQ requested in a helper;
 * each fixed twin is silent.
 */
class DropFixturesTest {
    private static final Set<String> RULES = Set.of("missing-release");

    static List<Path> fixtures() {
        return FixtureRunner.fixtures("drop");
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void findsExactlyTheExpectedBugs(Path fixture) {
        FixtureRunner.assertFindsExactlyTheExpected(fixture, RULES);
    }
}
