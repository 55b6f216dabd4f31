package dev.ferrite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --format html -o DIR} on the command line. */
class HtmlFormatTest {
    @Test
    void needsAnOutputDirectory() {
        Cli.Run r = Cli.run("check", "--format", "html", Cli.examples().resolve("uaf.c").toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--format html needs -o DIR");
    }

    @Test
    void writesTheReportIntoTheDirectory(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("report");
        Cli.Run r = Cli.run("check", "--format", "html", "-o", out.toString(), Cli.examples().resolve("uaf.c").toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("HTML report written to " + out.resolve("index.html"));
        assertThat(Files.readString(out.resolve("index.html"))).contains("use-after-free").contains("finding-1.html");
        assertThat(Files.readString(out.resolve("finding-1.html"))).contains("strcpy(buf, &quot;hello&quot;);");
    }
}
