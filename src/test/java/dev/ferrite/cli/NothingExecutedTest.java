package dev.ferrite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing Ferrite reads is executed and nothing it writes escapes {@code -o}: crafted compile
 * commands (shell syntax, plugins, wrappers, other compiler parts, output and dependency files,
 * response files) and crafted line markers (paths with {@code ..}, control characters).
 */
class NothingExecutedTest {

    @Test
    void craftedCompileCommandsRunNothingAndWriteNothing(@TempDir Path dir) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Cli.write(src.resolve("x.c"), "int f(int *p) { return p ? *p : 0; }\n");
        // a compiler part that -B would make gcc run instead of its own
        Path fakeBin = Files.createDirectories(src.resolve("bin"));
        for (String tool : List.of("cc1", "as", "collect2", "cpp")) {
            Path t = Cli.write(fakeBin.resolve(tool), "#!/bin/sh\ntouch '" + outside.resolve("PWNED-" + tool) + "'\nexit 1\n");
            Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Cli.write(src.resolve("resp.rsp"), "-fplugin=./evil3.so -o " + outside.resolve("resp.o") + " -B./bin\n");
        String pwned = outside.resolve("PWNED").toString();
        String db = "[\n"
                + entry(src, "gcc -c x.c; touch " + pwned + "-semicolon") + ",\n"
                + entry(src, "gcc -c $(touch " + pwned + "-subst) x.c") + ",\n"
                + entry(src, "gcc -c `touch " + pwned + "-backtick` x.c") + ",\n"
                + entry(src, "gcc -c x.c && touch " + pwned + "-and | tee " + pwned + "-pipe > " + pwned + "-redirect") + ",\n"
                + "{\"directory\": \"" + src + "\", \"file\": \"x.c\", \"arguments\": [\"gcc\", \"-fplugin=./evil.so\", \"-B./bin\", "
                + "\"-B\", \"./bin\", \"-wrapper\", \"/bin/sh,-c,touch " + pwned + "-wrapper\", \"-specs=./evil.specs\", "
                + "\"-MD\", \"-MF\", \"" + outside.resolve("dep.d") + "\", \"-Wp,-MMD," + outside.resolve("dep2.d") + "\", "
                + "\"-save-temps\", \"-o\", \"" + outside.resolve("x.o") + "\", \"-I\", \"-fplugin=./evil2.so\", "
                + "\"-include\", \"-B./bin\", \"-Xpreprocessor\", \"-fplugin=./evil4.so\", \"@resp.rsp\", \"-c\", \"x.c\"]}\n"
                + "]\n";
        Cli.write(dir.resolve("compile_commands.json"), db);
        Cli.Run r = Cli.run(dir, "check", "-p", "compile_commands.json");
        assertThat(r.exit()).as(r.toString()).isIn(0, 2);
        try (Stream<Path> s = Files.list(outside)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).as(r.toString()).isEmpty();
        }
        try (Stream<Path> s = Files.list(src)) {
            // no .i/.s/.o/.d left by -save-temps or -MD next to the source
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrder("x.c", "bin", "resp.rsp");
        }
    }

    private static String entry(Path dir, String command) {
        return "{\"directory\": \"" + dir + "\", \"file\": \"x.c\", \"command\": \"" + command.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    @Test
    void craftedLineMarkersStayInsideTheReport(@TempDir Path dir) throws IOException {
        Path work = Files.createDirectories(dir.resolve("a/b/work"));
        String body = "void *malloc(unsigned long);\nvoid free(void *);\n"
                + "int main(void) { char *p = malloc(4); if (!p) return 1; free(p); return p[0]; }\n";
        Cli.write(work.resolve("up.i"), "# 1 \"../../../../../../etc/x/../evil.c\"\n" + body);
        Cli.write(work.resolve("ctl.i"), "# 1 \"ev\u001b[2Jil\r\\033\\n.c\"\n" + body);
        Path out = Files.createDirectories(work.resolve("out"));
        Cli.Run sarif = Cli.run(work, "check", "--exit-zero", "-o", "out/report.sarif", "up.i", "ctl.i");
        assertThat(sarif.exit()).as(sarif.toString()).isZero();
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("report.sarif");
        }
        String report = Files.readString(out.resolve("report.sarif"));
        assertThat(report).contains("file:///etc/evil.c").doesNotContain("../").doesNotContain("\\u001b")
                .doesNotContain("\\r");
        Cli.Run text = Cli.run(work, "check", "--exit-zero", "up.i", "ctl.i");
        assertThat(text.out()).as(text.toString()).contains("evil.c:3:").doesNotContain("\u001b").doesNotContain("\r");
        assertThat(text.out()).contains("ev?[2Jil??n.c:3:");
        assertThat(text.err()).doesNotContain("\u001b").doesNotContain("\r");
    }

    @Test
    void craftedLineMarkersQuoteNoFileOutsideTheRun(@TempDir Path dir) throws IOException {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path secret = Cli.write(Files.createDirectories(dir.resolve("home/.ssh")).resolve("id_rsa"),
                "KEY-LINE-1\nKEY-LINE-2\nKEY-LINE-3 secret\n");
        Cli.write(work.resolve("own.c"), "line1\nline2\nOWN-LINE-3\n");
        String body = "void *malloc(unsigned long);\nvoid free(void *);\n"
                + "int main(void) { char *p = malloc(4); if (!p) return 1; free(p); return p[0]; }\n";
        Cli.write(work.resolve("key.i"), "# 1 \"" + secret + "\"\n" + body);
        Cli.write(work.resolve("env.i"), "# 1 \"/proc/self/environ\"\n" + body);
        Cli.write(work.resolve("up.i"), "# 1 \"../home/.ssh/id_rsa\"\n" + body);
        Cli.write(work.resolve("own.i"), "# 1 \"own.c\"\n" + body);
        Cli.Run text = Cli.run(work, "check", "--exit-zero", "--show-source", "key.i", "env.i", "up.i", "own.i");
        assertThat(text.out()).as(text.toString()).contains("id_rsa:3:", "environ:3:", "OWN-LINE-3")
                .doesNotContain("KEY-LINE").doesNotContain("PATH=");
        Cli.Run html = Cli.run(work, "check", "--exit-zero", "--format", "html", "-o", "out", "key.i", "env.i", "up.i");
        assertThat(html.exit()).as(html.toString()).isZero();
        try (Stream<Path> s = Files.list(work.resolve("out"))) {
            for (Path p : s.toList()) assertThat(Files.readString(p)).doesNotContain("KEY-LINE").doesNotContain("PATH=");
        }
    }
}
