package dev.ferrite.checkers;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
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

    /** del_timer_sync does not sleep: the finding says it waits for the callback (the deadlock it risks). */
    @Test
    void waitingForATimerCallbackIsWordedAsAWait() {
        Path f = Path.of("src/test/resources/fixtures/locking/timer_wait_under_lock.c");
        var findings = FixtureRunner.analyze(f);
        org.assertj.core.api.Assertions.assertThat(findings).hasSize(1);
        org.assertj.core.api.Assertions.assertThat(findings.get(0).message())
                .contains("waits for a callback to finish").contains("'&h->lock'").doesNotContain("may sleep");
    }

    /** Struct fields are one datum across files only when the struct is the same (tag and layout). */
    @Test
    void structsOfTwoDriversWithOneTagAreDifferentData() {
        Path dir = Path.of("src/test/resources/fixtures/locking/two_drivers");
        Path irq = dir.resolve("irq_driver.c");
        for (Path reader : List.of(dir.resolve("same_driver_read.c"), dir.resolve("other_driver_read_fixed.c"))) {
            var findings = FixtureRunner.analyze(irq, reader);
            org.assertj.core.api.Assertions.assertThat(FixtureRunner.actual(findings, reader, RULES)).as(reader.toString())
                    .isEqualTo(FixtureRunner.expected(reader));
        }
    }
}
