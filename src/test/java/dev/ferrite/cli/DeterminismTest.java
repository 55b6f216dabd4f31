package dev.ferrite.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same input gives the same bytes: SARIF (findings, their order, fingerprints, notifications)
 * and the summary do not depend on the number of threads or on the run (hash order, thread timing,
 * object identity). Budgets that decide what is reported count steps, never milliseconds.
 */
class DeterminismTest {
    private static final Path KERNEL = Path.of("../shared/corpus/kernel-6.1-i");

    @Test
    void fortyKernelFilesGiveByteIdenticalSarifAtOneAndTwoJobs(@TempDir Path tmp) throws IOException {
        assumeTrue(Files.isDirectory(KERNEL), "kernel corpus not present");
        List<String> files;
        try (Stream<Path> s = Files.list(KERNEL)) {
            files = s.filter(p -> p.toString().endsWith(".i")).sorted().map(p -> p.toAbsolutePath().toString()).toList();
        }
        assertThat(files).hasSize(40);
        assertSameRuns(tmp, files, List.of("1", "2"));
    }

    @Test
    void fixturesGiveByteIdenticalSarifAtOneAndTwoJobs(@TempDir Path tmp) throws IOException {
        List<String> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/fixtures/memory"))) {
            s.filter(p -> p.toString().endsWith(".c")).sorted().forEach(p -> files.add(p.toAbsolutePath().toString()));
        }
        files.add(Cli.examples().resolve("driver.c").toString());
        assertSameRuns(tmp, files, List.of("1", "2", "2"));
    }

    /** Runs once per entry of {@code jobs} (a -j value) and compares each run's SARIF and summary with the first's. */
    private static void assertSameRuns(Path tmp, List<String> files, List<String> jobs) throws IOException {
        String first = null;
        String firstSummary = null;
        int n = 0;
        for (String j : jobs) {
            Path out = tmp.resolve("run" + (n++) + ".sarif");
            List<String> args = new ArrayList<>(List.of("check", "--exit-zero", "-j", j, "-o", out.toString()));
            args.addAll(files);
            Cli.Run r = Cli.run(tmp, args.toArray(new String[0]));
            assertThat(r.exit()).as(r.toString()).isZero();
            String sarif = Files.readString(out);
            if (first == null) {
                first = sarif;
                firstSummary = r.err();
            } else {
                assertThat(sarif).as("SARIF at -j " + j).isEqualTo(first);
                assertThat(r.err()).as("summary at -j " + j).isEqualTo(firstSummary);
            }
        }
    }
}
