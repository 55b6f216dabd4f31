package dev.ferrite.cli;

import static dev.ferrite.cli.Cli.run;
import static dev.ferrite.cli.Cli.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The result cache: a second run over unchanged inputs only re-reports, and any change is seen. */
class ResultCacheTest {
    private static final String HEADER_FREES = "static inline void release(int *p) { free(p); }\n";
    private static final String HEADER_KEEPS = "static inline void release(int *p) { (void)p; }\n";

    private static void tree(Path dir, String header) throws IOException {
        write(dir.resolve("inc/rel.h"), "void *malloc(unsigned long n);\nvoid free(void *p);\n" + header);
        write(dir.resolve("a.c"), "#include \"rel.h\"\nint a(void)\n{\n\tint *p = malloc(4);\n\tif (!p)\n\t\treturn 0;\n"
                + "\t*p = 1;\n\trelease(p);\n\treturn *p;\n}\n");
        write(dir.resolve("b.c"), "#include \"rel.h\"\nint b(int *q)\n{\n\treturn q ? *q : 0;\n}\n");
    }

    private static long entries(Path cache) throws IOException {
        if (!Files.isDirectory(cache.resolve("results"))) return 0;
        try (Stream<Path> s = Files.walk(cache.resolve("results"))) {
            return s.filter(p -> p.toString().endsWith(".json")).count();
        }
    }

    @Test
    void secondRunGivesTheSameReportFromTheCache(@TempDir Path dir) throws IOException {
        tree(dir, HEADER_FREES);
        Path cache = dir.resolve("cache");
        Cli.Run first = run(dir, "check", "--cache-dir", "cache", "-j", "2", "a.c", "b.c", "--", "-Iinc");
        assertThat(first.exit()).as(first.toString()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(first.out()).contains("a.c:9:9: warning:").contains("use-after-free");
        assertThat(entries(cache)).isEqualTo(1);
        Cli.Run second = run(dir, "check", "--cache-dir", "cache", "-j", "1", "a.c", "b.c", "--", "-Iinc");
        assertThat(second).isEqualTo(first);
        assertThat(entries(cache)).isEqualTo(1); // answered from the cache: nothing new stored
        Cli.Run uncached = run(dir, "check", "--no-cache", "a.c", "b.c", "--", "-Iinc");
        assertThat(uncached).isEqualTo(first);
        String sarif = run(dir, "check", "--cache-dir", "cache", "--format", "sarif", "a.c", "b.c", "--", "-Iinc").out();
        assertThat(sarif).isEqualTo(run(dir, "check", "--no-cache", "--format", "sarif", "a.c", "b.c", "--", "-Iinc").out());
    }

    @Test
    void aChangedHeaderIsSeenEvenWithItsOldMtime(@TempDir Path dir) throws IOException {
        tree(dir, HEADER_FREES);
        Cli.Run first = run(dir, "check", "--cache-dir", "cache", "a.c", "b.c", "--", "-Iinc");
        assertThat(first.out()).contains("use-after-free");
        Path h = dir.resolve("inc/rel.h");
        FileTime old = Files.getLastModifiedTime(h);
        String text = Files.readString(h).replace(HEADER_FREES, HEADER_KEEPS);
        assertThat(HEADER_KEEPS).hasSameSizeAs(HEADER_FREES); // same size, same mtime: only the content tells
        Files.writeString(h, text);
        Files.setLastModifiedTime(h, old);
        Cli.Run second = run(dir, "check", "--cache-dir", "cache", "a.c", "b.c", "--", "-Iinc");
        assertThat(second.out()).as(second.toString()).doesNotContain("use-after-free").contains("leak");
        assertThat(second).isEqualTo(run(dir, "check", "--no-cache", "a.c", "b.c", "--", "-Iinc"));
    }

    @Test
    void optionsThatChangeResultsAreInTheKey(@TempDir Path dir) throws IOException {
        tree(dir, HEADER_FREES);
        Path cache = dir.resolve("cache");
        run(dir, "check", "--cache-dir", "cache", "a.c", "b.c", "--", "-Iinc");
        run(dir, "check", "--cache-dir", "cache", "--report-latent", "a.c", "b.c", "--", "-Iinc");
        run(dir, "check", "--cache-dir", "cache", "a.c", "--", "-Iinc");
        assertThat(entries(cache)).isEqualTo(3);
        run(dir, "check", "--cache-dir", "cache", "--werror", "a.c", "b.c", "--", "-Iinc"); // only how it is shown
        assertThat(entries(cache)).isEqualTo(3);
    }

    @Test
    void noCacheWritesNothingAndSkippedFilesAreCachedToo(@TempDir Path dir) throws IOException {
        tree(dir, HEADER_FREES);
        write(dir.resolve("bad.c"), "#include \"missing.h\"\n");
        Path cache = dir.resolve("cache");
        run(dir, "check", "--no-cache", "--cache-dir", "cache", "a.c");
        assertThat(cache).doesNotExist();
        Cli.Run first = run(dir, "check", "--cache-dir", "cache", "--format", "sarif", "a.c", "bad.c", "--", "-Iinc");
        Cli.Run second = run(dir, "check", "--cache-dir", "cache", "--format", "sarif", "a.c", "bad.c", "--", "-Iinc");
        assertThat(second).isEqualTo(first);
        assertThat(second.out()).contains("bad.c skipped");
        assertThat(second.err()).contains("1 file skipped");
        assertThat(entries(cache)).isEqualTo(1);
    }

    @Test
    void progressLinesWhenAskedAndNotOnATerminal(@TempDir Path dir) throws IOException {
        tree(dir, HEADER_FREES);
        Cli.Run r = run(dir, "check", "--no-cache", "--progress", "a.c", "b.c", "--", "-Iinc");
        assertThat(r.err()).contains("ferrite: front end: 2 files\n").contains("ferrite: front end: 2/2 files (100%)\n")
                .contains("ferrite: analysis: ").contains("ferrite: 2 files, ");
        assertThat(run(dir, "check", "--no-cache", "a.c", "--", "-Iinc").err()).doesNotContain("front end");
    }
}
