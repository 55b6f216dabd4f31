package dev.ferrite.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryTest {
    @Test
    void headlineAndSkippedBlock() {
        Summary s = new Summary(40, List.of(new SkippedFile("z.c", "parse error:\nexpected ';'"),
                new SkippedFile("big.c", "too large")), 12_345, 2, Map.of("use-after-free", 3, "leak", 14));
        assertThat(s.totalFindings()).isEqualTo(17);
        assertThat(s.render()).isEqualTo(
                "ferrite: 40 files, 12,345 functions, 17 findings (leak 14, use-after-free 3); "
                        + "2 files skipped, 2 functions skipped or over budget\n"
                        + "ferrite: skipped files:\n"
                        + "  big.c: too large\n"
                        + "  z.c: parse error: expected ';'\n");
    }

    @Test
    void singularsAndNothingToReport() {
        Summary s = new Summary(1, List.of(), 1, 0, Map.of());
        assertThat(s.render()).isEqualTo("ferrite: 1 file, 1 function, 0 findings\n");
        Summary one = Summary.of(3, List.of(new SkippedFile("x.c", "")), 7, 1,
                new ArrayList<>(List.of(Fixtures.uaf("a.c", 10, "f"))));
        assertThat(one.render()).isEqualTo("ferrite: 3 files, 7 functions, 1 finding (use-after-free 1); "
                + "1 file skipped, 1 function skipped or over budget\n"
                + "ferrite: skipped files:\n"
                + "  x.c\n");
    }

    @Test
    void skippedFilesBecomeErrorNotifications() {
        Summary s = new Summary(1, List.of(new SkippedFile("x.c", "no such file")), 0, 0, Map.of());
        RunInfo run = RunInfo.of(s);
        assertThat(run.executionSuccessful()).isTrue();
        assertThat(run.notifications()).containsExactly(new ToolNotification(ToolNotification.Level.ERROR,
                ToolNotification.SKIPPED_FILE, "file skipped: no such file", "x.c", 0));
        RunInfo budget = RunInfo.of(new Summary(1, List.of(), 9, 2, Map.of()));
        assertThat(budget.notifications()).containsExactly(new ToolNotification(ToolNotification.Level.WARNING,
                ToolNotification.OVER_BUDGET, "2 functions skipped or over the analysis budget; results for them may be incomplete",
                null, 0));
    }
}
