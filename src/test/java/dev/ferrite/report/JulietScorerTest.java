package dev.ferrite.report;

import static dev.ferrite.report.Fixtures.pos;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our SARIF and text output must be accepted by the Juliet benchmark scorer
 * ({@code shared/bench/juliet/score}, see its README): a fake use-after-free inside a {@code _bad}
 * function counts as detected, one inside a {@code good} function as a false alarm.
 */
class JulietScorerTest {
    static final Path JULIET = Path.of("../shared/bench/juliet").toAbsolutePath().normalize();
    static final String CASE = "CWE416_Use_After_Free__malloc_free_int64_t_01";
    static final String REL = "cases/CWE416_Use_After_Free/" + CASE + ".c";
    static final int BAD_LINE = 41;   // printLongLongLine(data[0]); in ..._01_bad()
    static final int GOOD_LINE = 66;  // printLongLongLine(data[0]); in goodG2B()

    @TempDir
    Path tmp;

    private static Path caseFile() {
        Path f = JULIET.resolve(REL);
        assumeTrue(Files.isRegularFile(f), "Juliet bench not found at " + JULIET);
        return f;
    }

    private static Finding at(Path file, int line, String function) {
        return new Finding(Fixtures.UAF, "use of 'data' after free", pos(file.toString(), line, 23), function,
                List.of(new PathEvent(pos(file.toString(), line - 2, 5), "freed here")), false);
    }

    /** Without python: the contract the scorer relies on, checked on our own reading of the file. */
    @Test
    void sarifMeetsTheScorerContract() throws Exception {
        Path file = caseFile();
        SarifReporter r = new SarifReporter(SarifReporter.Options.DEFAULT.withBaseDir(JULIET), List.of(), new SourceCache());
        String sarif = r.render(List.of(at(file, BAD_LINE, CASE + "_bad")), RunInfo.successful());
        JsonNode run = new ObjectMapper().readTree(sarif).path("runs").path(0);
        JsonNode res = run.path("results").path(0);
        assertThat(res.has("kind")).isFalse();
        assertThat(res.path("level").asText()).isIn("warning", "error");
        JsonNode rule = run.path("tool").path("driver").path("rules").path(res.path("ruleIndex").asInt());
        assertThat(rule.path("id").asText()).isEqualTo(res.path("ruleId").asText());
        assertThat(rule.path("properties").path("tags").toString()).containsPattern("(?i)cwe[-_/ ]?0*416\\b");

        SarifResult back = SarifReader.readString(sarif).get(0);
        assertThat(Path.of(back.file())).isEqualTo(file);
        assertThat(back.line()).isEqualTo(BAD_LINE);
        // the line is inside the bad function's body (Juliet layout: signature at column 0, braces at column 0)
        List<String> lines = SourceCache.splitLines(Files.readString(file, StandardCharsets.ISO_8859_1));
        int sig = -1;
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith("void " + CASE + "_bad(")) sig = i + 1;
        int close = sig;
        while (!lines.get(close - 1).startsWith("}")) close++;
        assertThat(BAD_LINE).isBetween(sig + 1, close);
    }

    @Test
    void scorerCountsSarifFindingInBadFunctionAsDetected() throws Exception {
        Path file = caseFile();
        assumeTrue(python(), "python3 not available");
        SarifReporter r = new SarifReporter(SarifReporter.Options.DEFAULT.withBaseDir(JULIET), List.of(), new SourceCache());
        Path bad = tmp.resolve("bad.sarif");
        r.write(List.of(at(file, BAD_LINE, CASE + "_bad")), RunInfo.successful(), bad);
        JsonNode score = score(bad);
        assertThat(score.path("warnings_read").asInt()).isEqualTo(1);
        assertThat(score.path("total").path("detected").asInt()).isEqualTo(1);
        assertThat(score.path("total").path("false_alarm").asInt()).isZero();
        assertThat(caseEntry(score).path("detected").asBoolean()).isTrue();

        // absolute file:// URIs (no base dir) work too, and a good-function finding is a false alarm
        Path good = tmp.resolve("good.sarif");
        new SarifReporter(SarifReporter.Options.DEFAULT, List.of(), new SourceCache())
                .write(List.of(at(file, GOOD_LINE, "goodG2B")), RunInfo.successful(), good);
        JsonNode scoreGood = score(good);
        assertThat(scoreGood.path("total").path("detected").asInt()).isZero();
        assertThat(caseEntry(scoreGood).path("false_alarm").asBoolean()).isTrue();
    }

    @Test
    void scorerAcceptsTextOutput() throws Exception {
        Path file = caseFile();
        assumeTrue(python(), "python3 not available");
        Path out = tmp.resolve("out.txt");
        Files.writeString(out, new TextReporter(TextReporter.Options.DEFAULT.withBaseDir(JULIET).withShowSource(true))
                .render(List.of(at(file, BAD_LINE, CASE + "_bad"))));
        JsonNode score = score(out);
        assertThat(score.path("warnings_read").asInt()).isEqualTo(1); // notes and source lines are ignored
        assertThat(caseEntry(score).path("detected").asBoolean()).isTrue();
    }

    private static JsonNode caseEntry(JsonNode score) {
        for (JsonNode c : score.path("cases")) if (c.path("case").asText().equals(CASE)) return c;
        throw new AssertionError("case " + CASE + " not in score output");
    }

    private JsonNode score(Path result) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("python3", JULIET.resolve("score").toString(), "--json",
                JULIET.resolve("dev.tsv").toString(), JULIET.resolve("cases").toString(), result.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("score exit status").isZero();
        return new ObjectMapper().readTree(out);
    }

    private static boolean python() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
