package dev.ferrite.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferrite.frontend.SourcePos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report without a browser: escaping of hostile text, and files written only inside -o. */
class HtmlReporterTest {
    private static final Rule RULE = new Rule("use-after-free", 416, "use after free", "desc <b>");

    private static Finding finding(String file, int line, String message) {
        return new Finding(RULE, message, new SourcePos(file, line, 1), "f<x>",
                List.of(new PathEvent(new SourcePos(file, 1, 1), "freed <here> & \"there\"")), false);
    }

    @Test
    void hostileTextIsEscapedEverywhere(@TempDir Path dir) throws Exception {
        String file = "evil\"<script>.c";
        Map<String, List<String>> src = Map.of(file, List.of("free(p); /* </td><script>alert(1)</script> */", "p[0] = '\u0000';"));
        HtmlReporter r = new HtmlReporter(HtmlReporter.Options.DEFAULT, f -> src.getOrDefault(f, List.of()),
                List.of(new FunctionSummary("f<x>", new SourcePos(file, 1, 1), new SourcePos(file, 2, 1), "fn f<x>(p: Box<char>)",
                        List.of(new FunctionSummary.Row("p", "char *", "Box<char>", "takes <ownership>")))));
        r.write(List.of(finding(file, 2, "write to '<img src=x onerror=alert(1)>'")), dir);
        for (String page : List.of("index.html", "finding-1.html")) {
            String html = Files.readString(dir.resolve(page));
            assertThat(html).doesNotContain("<script>alert").doesNotContain("<img").doesNotContain("<here>").doesNotContain("\u0000")
                    .doesNotContain("evil\"").doesNotContain("f<x>").doesNotContain("<ownership>");
        }
        String page = Files.readString(dir.resolve("finding-1.html"));
        assertThat(page).contains("&lt;/td&gt;&lt;script&gt;alert(1)&lt;/script&gt;").contains("fn f&lt;x&gt;(p: Box&lt;char&gt;)")
                .contains("freed &lt;here&gt; &amp; &quot;there&quot;").contains("Content-Security-Policy");
        assertThat(Files.readString(dir.resolve("index.html")).split("<script>", -1)).hasSize(2); // only the sorter
    }

    @Test
    void writesOnlyFixedNamesInsideTheDirectory(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("report");
        Files.createDirectories(dir);
        Path outside = tmp.resolve("outside.html");
        Files.writeString(outside, "keep");
        Files.createSymbolicLink(dir.resolve("index.html"), outside); // a planted link is replaced, not followed
        HtmlReporter r = new HtmlReporter(HtmlReporter.Options.DEFAULT, f -> List.of(), List.of());
        r.write(List.of(finding("../../etc/passwd", 3, "m"), finding("/abs/x.c", 1, "n")), dir);
        assertThat(Files.readString(outside)).isEqualTo("keep");
        assertThat(Files.isSymbolicLink(dir.resolve("index.html"))).isFalse();
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("finding-1.html", "finding-2.html", "index.html");
        }
        try (var s = Files.list(tmp)) {
            assertThat(s.count()).isEqualTo(2);
        }
    }

    @Test
    void unsafeNamesAreRefused(@TempDir Path dir) throws Exception {
        ReportDir d = new ReportDir(dir);
        for (String bad : new String[] {"../x.html", "a/b.html", ".hidden", "..", "x..html", "", "a\u0000b", "C:x"}) {
            assertThatThrownBy(() -> d.write(bad, "x")).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(ReportDir.isSafeName("finding-12.html")).isTrue();
    }

    @Test
    void aFileInTheWayIsAnError(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        assertThatThrownBy(() -> new HtmlReporter(null, f -> List.of(), List.of()).write(List.of(), file))
                .isInstanceOf(java.io.IOException.class);
    }
}
