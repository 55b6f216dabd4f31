package dev.ferrite.report;

import static dev.ferrite.report.Fixtures.pos;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SarifReaderTest {
    @TempDir
    Path tmp;

    private Path project(String aText) throws IOException {
        Path base = tmp.resolve("proj");
        Files.createDirectories(base.resolve("src"));
        Files.writeString(base.resolve("src/a.c"), aText);
        return base;
    }

    private static final String A = "void f(char *p)\n{\n    free(p);\n    *p = 1;\n    free(p);\n}\n";

    @Test
    void readsBackWhatTheReporterWrites() throws Exception {
        Path base = project(A);
        String a = base.resolve("src/a.c").toString();
        String outside = tmp.resolve("other dir/b.c").toString();
        List<Finding> fs = List.of(
                new Finding(Fixtures.UAF, "use of 'p' after free", pos(a, 4, 5), "f",
                        List.of(new PathEvent(pos(a, 3, 5), "freed here")), false),
                new Finding(Fixtures.DOUBLE_FREE, "double free of 'p'", pos(a, 5, 5), "f", List.of(), false),
                new Finding(Fixtures.LEAK, "leak", pos(outside, 9, 0), null, List.of(), false));
        SarifReporter r = new SarifReporter(SarifReporter.Options.DEFAULT.withBaseDir(base), List.of(), new SourceCache());
        Path out = tmp.resolve("out.sarif");
        r.write(fs, RunInfo.successful(), out);

        List<SarifResult> back = SarifReader.read(out);
        assertThat(back).hasSize(3);
        List<String> fps = r.fingerprinter().fingerprints(fs);
        SarifResult uaf = back.stream().filter(x -> "use-after-free".equals(x.ruleId())).findFirst().orElseThrow();
        assertThat(uaf.uri()).isEqualTo("src/a.c");
        assertThat(uaf.uriBaseId()).isEqualTo("%SRCROOT%");
        assertThat(uaf.file()).isEqualTo(a);
        assertThat(uaf.line()).isEqualTo(4);
        assertThat(uaf.column()).isEqualTo(5);
        assertThat(uaf.level()).isEqualTo("warning");
        assertThat(uaf.message()).isEqualTo("use of 'p' after free");
        assertThat(uaf.function()).isEqualTo("f");
        assertThat(uaf.ferriteFingerprint()).isEqualTo(fps.get(0));
        SarifResult leak = back.stream().filter(x -> "leak".equals(x.ruleId())).findFirst().orElseThrow();
        assertThat(leak.uri()).startsWith("file:///").endsWith("/other%20dir/b.c");
        assertThat(leak.file()).isEqualTo(outside);
        assertThat(leak.column()).isZero();
        assertThat(leak.function()).isNull();
    }

    @Test
    void readsForeignSarif() throws Exception {
        String json = """
                {"version": "2.1.0", "runs": [{
                  "tool": {"driver": {"name": "other", "rules": [{"id": "R0"}, {"id": "R1"}]}},
                  "originalUriBaseIds": {"ROOT": {"uri": "file:///srv/"}, "SRC": {"uri": "src/", "uriBaseId": "ROOT"}},
                  "artifacts": [{"location": {"uri": "x%20y.c", "uriBaseId": "SRC"}}],
                  "results": [
                    {"ruleIndex": 1, "message": {"text": "m"},
                     "locations": [{"physicalLocation": {"artifactLocation": {"index": 0}, "region": {"startLine": 3}}}],
                     "partialFingerprints": {"primaryLocationLineHash": "abc:1", "n": 5}},
                    {"rule": {"id": "R9"}, "level": "note", "message": {"text": "no location"}},
                    {"ruleId": "R0", "locations": [{"physicalLocation": {"artifactLocation": {"uri": "rel/p.c", "uriBaseId": "UNKNOWN"}}}]}
                  ]}]}
                """;
        List<SarifResult> rs = SarifReader.readString(json);
        assertThat(rs).hasSize(3);
        assertThat(rs.get(0).ruleId()).isEqualTo("R1");
        assertThat(rs.get(0).file()).isEqualTo("/srv/src/x y.c");
        assertThat(rs.get(0).line()).isEqualTo(3);
        assertThat(rs.get(0).level()).isEqualTo("warning");
        assertThat(rs.get(0).partialFingerprints()).containsOnlyKeys("primaryLocationLineHash");
        assertThat(rs.get(0).ferriteFingerprint()).isNull();
        assertThat(rs.get(1).ruleId()).isEqualTo("R9");
        assertThat(rs.get(1).level()).isEqualTo("note");
        assertThat(rs.get(1).file()).isNull();
        assertThat(rs.get(1).line()).isZero();
        assertThat(rs.get(2).file()).isEqualTo("rel/p.c");
        assertThat(rs.get(2).message()).isEmpty();
    }

    @Test
    void rejectsNonObjects() {
        assertThatThrownBy(() -> SarifReader.readString("[1, 2]")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> SarifReader.readString("{not json")).isInstanceOf(IOException.class);
    }

    @Test
    void baselineKeepsOnlyNewFindings() throws Exception {
        Path base = project(A);
        String a = base.resolve("src/a.c").toString();
        Finding uaf = new Finding(Fixtures.UAF, "use of 'p' after free", pos(a, 4, 5), "f", List.of(), false);
        Finding df = new Finding(Fixtures.DOUBLE_FREE, "double free of 'p'", pos(a, 5, 5), "f", List.of(), false);
        Path old = tmp.resolve("old.sarif");
        new SarifReporter(SarifReporter.Options.DEFAULT.withBaseDir(base), List.of(), new SourceCache())
                .write(List.of(uaf), RunInfo.successful(), old);

        // the code changes above the findings; the old finding moves, a new one appears
        Files.writeString(base.resolve("src/a.c"), "#include <stdlib.h>\n\n" + A);
        Finding uafMoved = new Finding(Fixtures.UAF, "use of 'p' after free", pos(a, 6, 5), "f", List.of(), false);
        Finding dfMoved = new Finding(Fixtures.DOUBLE_FREE, "double free of 'p'", pos(a, 7, 5), "f", List.of(), false);
        Baseline baseline = Baseline.load(old);
        assertThat(baseline.size()).isEqualTo(1);
        Fingerprinter fp = new Fingerprinter(new SourceCache(), base);
        assertThat(baseline.newFindings(new ArrayList<>(List.of(dfMoved, uafMoved)), fp)).containsExactly(dfMoved);
        assertThat(df).isNotEqualTo(dfMoved);
    }
}
