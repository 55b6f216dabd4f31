package dev.ferrite.report;

import static dev.ferrite.report.Fixtures.pos;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextReporterTest {
    @TempDir
    Path tmp;

    private static final Finding F = new Finding(Fixtures.UAF, "use of 'buf' after free", pos("src/a.c", 36, 5), "f",
            List.of(new PathEvent(pos("src/a.c", 30, 11), "allocated here"),
                    new PathEvent(pos("src/a.c", 34, 5), "freed here")),
            false);

    @Test
    void warningWithTwoNotesIsByteExact() {
        String out = new TextReporter(TextReporter.Options.DEFAULT).render(List.of(F));
        assertThat(out).isEqualTo(
                "src/a.c:36:5: warning: use of 'buf' after free [CWE-416] [-Wferrite-use-after-free]\n"
                        + "src/a.c:30:11: note: allocated here\n"
                        + "src/a.c:34:5: note: freed here\n");
    }

    @Test
    void werrorPrintsError() {
        String out = new TextReporter(TextReporter.Options.DEFAULT.withWerror(true)).render(List.of(F));
        assertThat(out).startsWith(
                "src/a.c:36:5: error: use of 'buf' after free [CWE-416] [-Wferrite-use-after-free]\n");
        assertThat(out).doesNotContain("warning:");
        assertThat(out).contains("src/a.c:30:11: note: allocated here\n"); // notes stay notes
    }

    @Test
    void pathsRelativeToBaseDir() {
        Path base = tmp.resolve("proj");
        String inside = base.resolve("src/a.c").toString();
        String outside = tmp.resolve("other/b.c").toString();
        Finding a = new Finding(Fixtures.LEAK, "leak of 'p'", pos(inside, 3, 1), "g",
                List.of(new PathEvent(pos(inside, 2, 5), "allocated here")), false);
        Finding b = new Finding(Fixtures.LEAK, "leak of 'q'", pos(outside, 7, 2), "h", List.of(), false);
        String out = new TextReporter(TextReporter.Options.DEFAULT.withBaseDir(base)).render(List.of(b, a));
        String insideLines = "src/a.c:3:1: warning: leak of 'p' [CWE-401] [-Wferrite-leak]\n"
                + "src/a.c:2:5: note: allocated here\n";
        String outsideLine = outside + ":7:2: warning: leak of 'q' [CWE-401] [-Wferrite-leak]\n";
        // sorted by Finding.ORDER (file name as given)
        assertThat(out).isEqualTo(inside.compareTo(outside) < 0 ? insideLines + outsideLine : outsideLine + insideLines);
    }

    @Test
    void relativeBaseDirAndDotSegments() {
        Finding a = new Finding(Fixtures.LEAK, "m", pos("./proj/x/../a.c", 1, 1), "g", List.of(), false);
        String out = new TextReporter(TextReporter.Options.DEFAULT.withBaseDir(Path.of("proj"))).render(List.of(a));
        assertThat(out).startsWith("a.c:1:1: warning: m");
    }

    @Test
    void findingsAreSortedByOrder() {
        Finding late = Fixtures.uaf("b.c", 10, "f");
        Finding early = Fixtures.uaf("a.c", 50, "f");
        Finding mid = Fixtures.uaf("a.c", 60, "f");
        String out = new TextReporter(TextReporter.Options.DEFAULT).render(List.of(late, mid, early));
        assertThat(out.lines().filter(l -> l.contains("warning:")).toList())
                .extracting(l -> l.substring(0, l.indexOf(": warning")))
                .containsExactly("a.c:50:5", "a.c:60:5", "b.c:10:5");
    }

    @Test
    void unknownLineOrColumnAndRuleWithoutCwe() {
        Rule noCwe = new Rule("budget", 0, "budget", "analysis budget exceeded");
        Finding f = new Finding(noCwe, "line\nbreak", pos("a.c", 0, 0), null, List.of(), false);
        Finding g = new Finding(Fixtures.LEAK, "x", pos("a.c", 4, 0), null, List.of(), false);
        String out = new TextReporter(TextReporter.Options.DEFAULT).render(List.of(g, f));
        assertThat(out).isEqualTo("a.c: warning: line break [-Wferrite-budget]\n"
                + "a.c:4: warning: x [CWE-401] [-Wferrite-leak]\n");
    }

    @Test
    void sourceLineAndCaretLikeGcc() throws Exception {
        Path src = tmp.resolve("a.c");
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            text.append(switch (i) {
                case 34 -> "    free(buf);";
                case 36 -> "    strcpy(buf, \"x\");   ";
                default -> "/* " + i + " */";
            }).append("\r\n");
        }
        Files.writeString(src, text);
        Finding f = new Finding(Fixtures.UAF, "use of 'buf' after free", pos(src.toString(), 36, 5), "f",
                List.of(new PathEvent(pos(src.toString(), 34, 5), "freed here")), false);
        TextReporter.Options o = TextReporter.Options.DEFAULT.withBaseDir(tmp).withShowSource(true);
        assertThat(new TextReporter(o).render(List.of(f))).isEqualTo(
                "a.c:36:5: warning: use of 'buf' after free [CWE-416] [-Wferrite-use-after-free]\n"
                        + "   36 |     strcpy(buf, \"x\");\n"
                        + "      |     ^\n"
                        + "a.c:34:5: note: freed here\n");
        assertThat(new TextReporter(o.withShowSourceForNotes(true)).render(List.of(f))).endsWith(
                "a.c:34:5: note: freed here\n"
                        + "   34 |     free(buf);\n"
                        + "      |     ^\n");
    }

    @Test
    void caretExpandsTabsAndWideLineNumbers() {
        Map<String, List<String>> files = Map.of("t.c", java.util.Collections.nCopies(123456, "\tx = *p;"));
        Finding f = new Finding(Fixtures.UAF, "m", pos("t.c", 123456, 6), "f", List.of(), false);
        String out = new TextReporter(TextReporter.Options.DEFAULT.withShowSource(true), files::get).render(List.of(f));
        assertThat(out).endsWith(" 123456 |         x = *p;\n"
                + "        |             ^\n");
    }

    @Test
    void unreadableSourceShowsNoSourceLines() {
        Finding f = new Finding(Fixtures.UAF, "m", pos(tmp.resolve("missing.c").toString(), 3, 1), "f", List.of(), false);
        String out = new TextReporter(TextReporter.Options.DEFAULT.withShowSource(true)).render(List.of(f));
        assertThat(out.lines()).hasSize(1);
    }
}
