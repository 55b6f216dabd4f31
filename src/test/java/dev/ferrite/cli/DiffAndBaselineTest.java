package dev.ferrite.cli;

import static dev.ferrite.cli.Cli.run;
import static dev.ferrite.cli.Cli.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferrite.report.GitDiff;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only new warnings: {@code --baseline OLD.sarif} and {@code --diff REV}. */
class DiffAndBaselineTest {
    private static final String DECLS = "void *malloc(unsigned long n);\nvoid free(void *p);\n";
    /** An existing bug (a leak) and a function that a patch turns into a use after free. */
    private static final String OLD_BUG = "int old(void)\n{\n\tint *p = malloc(4);\n\tif (!p)\n\t\treturn 0;\n\t*p = 1;\n\treturn 1;\n}\n";
    private static final String OK = "int ok(void)\n{\n\tint *p = malloc(4);\n\tint v;\n\tif (!p)\n\t\treturn 0;\n\t*p = 2;\n"
            + "\tv = *p;\n\tfree(p);\n\treturn v;\n}\n";
    private static final String OK_PATCHED = OK.replace("\tv = *p;\n\tfree(p);\n", "\tfree(p);\n\tv = *p;\n");

    @Test
    void baselineFingerprintsSurviveEditsAboveTheFinding(@TempDir Path dir) throws IOException {
        write(dir.resolve("d.c"), DECLS + OLD_BUG + OK);
        Cli.Run base = run(dir, "check", "--no-cache", "-o", "base.sarif", "d.c");
        assertThat(base.exit()).as(base.toString()).isEqualTo(ExitCodes.FINDINGS);
        // unrelated edits above the old bug: a comment, a new function, blank lines
        write(dir.resolve("d.c"), DECLS + "/* a new\n * comment */\n\nint added(int x)\n{\n\treturn x + 1;\n}\n\n" + OLD_BUG + OK);
        Cli.Run same = run(dir, "check", "--no-cache", "d.c");
        assertThat(same.out()).contains("leak");
        Cli.Run r = run(dir, "check", "--no-cache", "--baseline", "base.sarif", "d.c");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.CLEAN);
        assertThat(r.out()).isEmpty();
        // a new bug is reported, the old one still not
        write(dir.resolve("d.c"), DECLS + "/* a new\n * comment */\n\n" + OLD_BUG + OK_PATCHED);
        Cli.Run fresh = run(dir, "check", "--no-cache", "--baseline", "base.sarif", "d.c");
        assertThat(fresh.exit()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(fresh.out()).contains("use-after-free").doesNotContain("leak");
    }

    @Test
    void diffReportsOnlyFindingsOnChangedLines(@TempDir Path dir) throws Exception {
        Path repo = dir.resolve("repo");
        write(repo.resolve("drv/d.c"), DECLS + OLD_BUG + OK);
        write(repo.resolve("drv/other.c"), DECLS + OLD_BUG.replace("old(", "other("));
        git(repo, "init", "-q");
        git(repo, "add", ".");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "base");
        write(repo.resolve("drv/d.c"), DECLS + OLD_BUG + OK_PATCHED);
        Cli.Run all = run(repo, "check", "--no-cache", "drv");
        assertThat(all.out()).contains("use-after-free").contains("d.c").contains("other.c");
        Cli.Run r = run(repo, "check", "--no-cache", "--diff", "HEAD", "drv");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(r.out()).contains("drv/d.c:").contains("use-after-free").doesNotContain("leak");
        // from a subdirectory, and with the cache: the same
        Cli.Run sub = run(repo.resolve("drv"), "check", "--cache-dir", dir.resolve("cache").toString(), "--diff", "HEAD", "d.c", "other.c");
        assertThat(sub.out()).contains("use-after-free").doesNotContain("leak");
        // nothing changed since the new commit
        git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-am", "patch");
        assertThat(run(repo, "check", "--no-cache", "--diff", "HEAD", "drv").out()).isEmpty();
        assertThat(run(repo, "check", "--no-cache", "--diff", "HEAD~1", "drv").out()).contains("use-after-free");
        // a file git does not know is new everywhere
        write(repo.resolve("drv/new.c"), DECLS + OLD_BUG.replace("old(", "fresh("));
        assertThat(run(repo, "check", "--no-cache", "--diff", "HEAD", "drv").out()).contains("new.c").contains("leak");
        Cli.Run bad = run(repo, "check", "--no-cache", "--diff", "no-such-rev", "drv");
        assertThat(bad.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("unknown revision");
    }

    @Test
    void hunksOfAZeroContextDiff() {
        String diff = "diff --git a/x.c b/x.c\n--- a/x.c\n+++ b/x.c\n@@ -3 +3 @@ int f\n-a\n+b\n@@ -10,0 +11,2 @@\n+c\n+d\n"
                + "@@ -20,2 +21,0 @@\n-e\n-f\ndiff --git a/gone.c b/gone.c\n--- a/gone.c\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n";
        Map<String, BitSet> m = GitDiff.parse(diff);
        assertThat(m).containsOnlyKeys("x.c");
        List<Integer> lines = new ArrayList<>();
        m.get("x.c").stream().forEach(lines::add);
        assertThat(lines).containsExactly(3, 11, 12, 21, 22);
    }

    private static void git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Files.createDirectories(dir);
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
    }
}
