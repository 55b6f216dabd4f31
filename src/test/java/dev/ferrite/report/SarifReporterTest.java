package dev.ferrite.report;

import static dev.ferrite.report.Fixtures.pos;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SarifReporterTest {
    static final Path SCHEMA = Path.of("../shared/schemas/sarif-schema-2.1.0.json");
    static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path tmp;

    /** A project with two source files; returns the base directory. */
    private Path project(int linesAbove) throws Exception {
        Path base = tmp.resolve("proj");
        Files.createDirectories(base.resolve("src"));
        Files.writeString(base.resolve("src/a.c"), source(linesAbove));
        Files.writeString(base.resolve("src/b.c"), "int g(void)\n{\n    char *q = malloc(4);\n    return 0;\n}\n");
        return base;
    }

    /** f() frees buf and uses it; {@code linesAbove} blank-ish lines are inserted at the top. */
    private static String source(int linesAbove) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < linesAbove; i++) sb.append("/* inserted ").append(i).append(" */\n");
        sb.append("#include <stdlib.h>\n")          // 1
                .append("void f(void)\n")            // 2
                .append("{\n")                       // 3
                .append("    char *buf = malloc(8);\n") // 4
                .append("    free(buf);\n")          // 5
                .append("    buf[0] = 1;\n")         // 6
                .append("    buf[0] = 1;\n")         // 7 (same text: occurrence 1)
                .append("}\n");
        return sb.toString();
    }

    private static List<Finding> findings(Path base, int shift) {
        String a = base.resolve("src/a.c").toString();
        String b = base.resolve("src/b.c").toString();
        List<PathEvent> path = List.of(new PathEvent(pos(a, 4 + shift, 17), "allocated here"),
                new PathEvent(pos(a, 5 + shift, 5), "freed here"));
        return List.of(
                new Finding(Fixtures.UAF, "use of 'buf' after free", pos(a, 6 + shift, 5), "f", path, false),
                new Finding(Fixtures.UAF, "use of 'buf' after free", pos(a, 7 + shift, 5), "f", path, false),
                new Finding(Fixtures.LEAK, "leak of 'q'", pos(b, 4, 5), "g",
                        List.of(new PathEvent(pos(b, 3, 15), "allocated here", 1)), true));
    }

    private static SarifReporter reporter(Path base) {
        return new SarifReporter(SarifReporter.Options.DEFAULT.withBaseDir(base).withToolVersion("0.1.0"),
                List.of(Fixtures.LEAK, Fixtures.UAF, Fixtures.DOUBLE_FREE), new SourceCache());
    }

    private static RunInfo runInfo(Path base) {
        return RunInfo.of(new Summary(2, List.of(new SkippedFile(base.resolve("src/bad.c").toString(), "parse error: expected ';'")),
                2, 1, java.util.Map.of()));
    }

    @Test
    void validatesAgainstTheOfficialSchema() throws Exception {
        assumeTrue(Files.isRegularFile(SCHEMA), "SARIF schema not found at " + SCHEMA.toAbsolutePath());
        Schema schema;
        try (InputStream in = Files.newInputStream(SCHEMA)) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
        }
        Path base = project(0);
        SarifReporter.Options[] variants = {
                SarifReporter.Options.DEFAULT.withBaseDir(base),
                SarifReporter.Options.DEFAULT.withBaseDir(base).withArtifacts(true).withWerror(true),
                SarifReporter.Options.DEFAULT, // absolute file:// URIs
        };
        for (SarifReporter.Options o : variants) {
            SarifReporter r = new SarifReporter(o, List.of(Fixtures.DOUBLE_FREE), new SourceCache());
            RunInfo run = runInfo(base).withTimes(Instant.parse("2025-01-02T03:04:05Z"), Instant.parse("2025-01-02T03:04:06Z"))
                    .withAnalyzedFiles(List.of(base.resolve("src/a.c").toString(), base.resolve("src/b.c").toString()));
            JsonNode doc = MAPPER.readTree(r.render(findings(base, 0), run));
            List<Error> errors = schema.validate(doc);
            assertThat(errors).as(o.toString()).isEmpty();
        }
        // and the validator is not vacuous
        JsonNode bad = MAPPER.readTree("{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {}}}]}");
        assertThat(schema.validate(bad)).isNotEmpty();
        JsonNode badRegion = MAPPER.readTree(reporter(base).render(findings(base, 0), RunInfo.successful())
                .replace("\"startLine\": 6", "\"startLine\": 0"));
        assertThat(schema.validate(badRegion)).isNotEmpty();
        JsonNode badUri = MAPPER.readTree(reporter(base).render(findings(base, 0), RunInfo.successful())
                .replace("\"uri\": \"src/a.c\"", "\"uri\": \"src/a c.c\""));
        assertThat(schema.validate(badUri)).isNotEmpty();

        // awkward file names, inside and outside the base directory, still give valid URIs
        List<Finding> odd = List.of(
                new Finding(Fixtures.LEAK, "m", pos(base.resolve("dir with space/\u00fc#1%[x].c").toString(), 1, 1), "f", List.of(), false),
                new Finding(Fixtures.LEAK, "m", pos(tmp.resolve("else where/{y}.c").toString(), 1, 1), "f", List.of(), false),
                new Finding(Fixtures.LEAK, "m", pos("rel:ative.c", 1, 1), "f", List.of(), false));
        for (SarifReporter.Options o : variants) {
            JsonNode doc = MAPPER.readTree(new SarifReporter(o, List.of(), f -> List.of()).render(odd, RunInfo.successful()));
            assertThat(schema.validate(doc)).as(o.toString()).isEmpty();
        }
    }

    @Test
    void rulesAreSortedAndCarryTheCwe() throws Exception {
        Path base = project(0);
        JsonNode doc = MAPPER.readTree(reporter(base).render(findings(base, 0), RunInfo.successful()));
        assertThat(doc.path("$schema").asText()).isEqualTo(SarifReporter.SCHEMA_URI);
        assertThat(doc.path("version").asText()).isEqualTo("2.1.0");
        JsonNode driver = doc.path("runs").path(0).path("tool").path("driver");
        assertThat(driver.path("name").asText()).isEqualTo("ferrite");
        assertThat(driver.path("version").asText()).isEqualTo("0.1.0");
        assertThat(driver.path("informationUri").asText()).startsWith("https://");
        JsonNode rules = driver.path("rules");
        assertThat(rules.findValuesAsText("id")).containsExactly("double-free", "leak", "use-after-free");
        JsonNode uaf = rules.path(2);
        assertThat(uaf.path("name").asText()).isEqualTo("use after free");
        assertThat(uaf.path("shortDescription").path("text").asText()).isEqualTo("use after free");
        assertThat(uaf.path("fullDescription").path("text").asText()).isEqualTo(Fixtures.UAF.description());
        assertThat(uaf.path("helpUri").asText()).isEqualTo("https://cwe.mitre.org/data/definitions/416.html");
        assertThat(uaf.path("defaultConfiguration").path("level").asText()).isEqualTo("warning");
        assertThat(texts(uaf.path("properties").path("tags"))).containsExactly("CWE-416", "external/cwe/cwe-416", "security");
        assertThat(uaf.path("properties").path("cwe").asInt()).isEqualTo(416);

        JsonNode results = doc.path("runs").path(0).path("results");
        assertThat(results).hasSize(3);
        for (JsonNode r : results) {
            assertThat(rules.path(r.path("ruleIndex").asInt()).path("id").asText()).isEqualTo(r.path("ruleId").asText());
        }
    }

    @Test
    void resultShape() throws Exception {
        Path base = project(0);
        JsonNode run = MAPPER.readTree(reporter(base).render(findings(base, 0), RunInfo.successful())).path("runs").path(0);
        assertThat(run.path("originalUriBaseIds").path("%SRCROOT%").path("uri").asText())
                .isEqualTo(SourcePaths.directoryUri(base)).startsWith("file:///").endsWith("/proj/");
        JsonNode r = run.path("results").path(0);
        assertThat(r.path("ruleId").asText()).isEqualTo("use-after-free");
        assertThat(r.path("level").asText()).isEqualTo("warning");
        assertThat(r.path("message").path("text").asText()).isEqualTo("use of 'buf' after free");
        JsonNode loc = r.path("locations").path(0);
        assertThat(loc.path("physicalLocation").path("artifactLocation").path("uri").asText()).isEqualTo("src/a.c");
        assertThat(loc.path("physicalLocation").path("artifactLocation").path("uriBaseId").asText()).isEqualTo("%SRCROOT%");
        assertThat(loc.path("physicalLocation").path("region").path("startLine").asInt()).isEqualTo(6);
        assertThat(loc.path("physicalLocation").path("region").path("startColumn").asInt()).isEqualTo(5);
        assertThat(loc.path("logicalLocations").path(0).path("name").asText()).isEqualTo("f");
        assertThat(loc.path("logicalLocations").path(0).path("kind").asText()).isEqualTo("function");

        JsonNode steps = r.path("codeFlows").path(0).path("threadFlows").path(0).path("locations");
        assertThat(steps).hasSize(2);
        assertThat(steps.path(0).path("location").path("message").path("text").asText()).isEqualTo("allocated here");
        assertThat(steps.path(0).path("location").path("physicalLocation").path("region").path("startLine").asInt()).isEqualTo(4);
        assertThat(steps.path(1).path("location").path("message").path("text").asText()).isEqualTo("freed here");
        assertThat(steps.findValues("executionOrder")).extracting(JsonNode::asInt).containsExactly(1, 2);
        assertThat(steps.findValues("nestingLevel")).extracting(JsonNode::asInt).containsExactly(0, 0);
        assertThat(r.path("partialFingerprints").path(Fingerprinter.KEY).asText()).matches("[0-9a-f]{32}");
        assertThat(r.has("properties")).isFalse();

        JsonNode leak = run.path("results").path(2);
        assertThat(leak.path("properties").path("latent").asBoolean()).isTrue();
        assertThat(leak.path("codeFlows").path(0).path("threadFlows").path(0).path("locations").path(0)
                .path("nestingLevel").asInt()).isEqualTo(1);
        assertThat(run.path("invocations").path(0).path("executionSuccessful").asBoolean()).isTrue();
        assertThat(run.path("invocations").path(0).has("toolExecutionNotifications")).isFalse();
        assertThat(run.has("artifacts")).isFalse();
    }

    @Test
    void werrorGivesErrorLevel() throws Exception {
        Path base = project(0);
        SarifReporter r = new SarifReporter(SarifReporter.Options.DEFAULT.withBaseDir(base).withWerror(true),
                List.of(), new SourceCache());
        JsonNode run = MAPPER.readTree(r.render(findings(base, 0), RunInfo.successful())).path("runs").path(0);
        assertThat(run.path("results").findValuesAsText("level")).containsOnly("error");
        assertThat(run.path("tool").path("driver").path("rules").path(0).path("defaultConfiguration").path("level").asText())
                .isEqualTo("error");
    }

    @Test
    void skippedFilesBecomeNotifications() throws Exception {
        Path base = project(0);
        JsonNode inv = MAPPER.readTree(reporter(base).render(List.of(), runInfo(base).withExecutionSuccessful(false)))
                .path("runs").path(0).path("invocations").path(0);
        assertThat(inv.path("executionSuccessful").asBoolean()).isFalse();
        JsonNode n = inv.path("toolExecutionNotifications").path(0);
        assertThat(n.path("level").asText()).isEqualTo("error");
        assertThat(n.path("descriptor").path("id").asText()).isEqualTo("skipped-file");
        assertThat(n.path("message").path("text").asText()).isEqualTo("file skipped: parse error: expected ';'");
        assertThat(n.path("locations").path(0).path("physicalLocation").path("artifactLocation").path("uri").asText())
                .isEqualTo("src/bad.c");
        assertThat(n.path("locations").path(0).path("physicalLocation").has("region")).isFalse();
        JsonNode budget = inv.path("toolExecutionNotifications").path(1);
        assertThat(budget.path("level").asText()).isEqualTo("warning");
        assertThat(budget.path("descriptor").path("id").asText()).isEqualTo("over-budget");
        assertThat(budget.has("locations")).isFalse();
    }

    @Test
    void urisArePercentEncodedAndAbsoluteOutsideTheBase() throws Exception {
        Path base = tmp.resolve("proj");
        String inside = base.resolve("dir with space/ü#1%.c").toString();
        String outside = tmp.resolve("elsewhere/x y.c").toString();
        List<Finding> fs = List.of(
                new Finding(Fixtures.LEAK, "m", pos(inside, 1, 1), "f", List.of(), false),
                new Finding(Fixtures.LEAK, "m", pos(outside, 1, 1), "f", List.of(), false));
        SarifReporter r = new SarifReporter(SarifReporter.Options.DEFAULT.withBaseDir(base), List.of(), new SourceCache());
        JsonNode results = MAPPER.readTree(r.render(fs, RunInfo.successful())).path("runs").path(0).path("results");
        List<JsonNode> als = new ArrayList<>();
        for (JsonNode res : results) als.add(res.path("locations").path(0).path("physicalLocation").path("artifactLocation"));
        JsonNode in = als.stream().filter(a -> a.has("uriBaseId")).findFirst().orElseThrow();
        JsonNode out = als.stream().filter(a -> !a.has("uriBaseId")).findFirst().orElseThrow();
        assertThat(in.path("uri").asText()).isEqualTo("dir%20with%20space/%C3%BC%231%25.c");
        assertThat(out.path("uri").asText()).isEqualTo("file://" + SourcePaths.encodePath(tmp.toAbsolutePath().toString())
                + "/elsewhere/x%20y.c");
        assertThat(java.net.URI.create(out.path("uri").asText()).getPath()).isEqualTo(outside);
        assertThat(SourcePaths.uriToPath(in.path("uri").asText(), null)).isEqualTo("dir with space/ü#1%.c");
    }

    @Test
    void outputIsByteIdenticalAcrossRuns() throws Exception {
        Path base = project(0);
        List<Finding> fs = findings(base, 0);
        List<Finding> shuffled = new ArrayList<>(fs);
        Collections.reverse(shuffled);
        String one = reporter(base).render(fs, runInfo(base));
        String two = reporter(base).render(shuffled, runInfo(base));
        assertThat(two).isEqualTo(one);
        assertThat(one).doesNotContain("TimeUtc").endsWith("}\n");
        assertThat(one).doesNotContain("\r");
    }

    @Test
    void fingerprintSurvivesLinesInsertedAbove() throws Exception {
        Path base = project(0);
        List<String> before = fingerprints(base, findings(base, 0));
        // same project with 7 lines inserted at the top of a.c: the findings move down by 7
        Path base2 = tmp.resolve("proj");
        Files.writeString(base2.resolve("src/a.c"), source(7));
        List<String> after = fingerprints(base2, findings(base2, 7));
        assertThat(after).isEqualTo(before);
        // the two use-after-free findings share line text, rule, file and function: occurrence index differs
        assertThat(before).doesNotHaveDuplicates();
    }

    @Test
    void fingerprintDoesNotDependOnWhereTheProjectIs() throws Exception {
        Path base = project(0);
        List<String> here = fingerprints(base, findings(base, 0));
        Path moved = tmp.resolve("moved");
        Files.createDirectories(moved.resolve("src"));
        Files.copy(base.resolve("src/a.c"), moved.resolve("src/a.c"));
        Files.copy(base.resolve("src/b.c"), moved.resolve("src/b.c"));
        assertThat(fingerprints(moved, findings(moved, 0))).isEqualTo(here);
    }

    @Test
    void fingerprintChangesWithTheFinding() throws Exception {
        Path base = project(0);
        String a = base.resolve("src/a.c").toString();
        Fingerprinter fp = new Fingerprinter(new SourceCache(), base);
        Finding uaf = new Finding(Fixtures.UAF, "m", pos(a, 6, 5), "f", List.of(), false);
        Finding otherRule = new Finding(Fixtures.DOUBLE_FREE, "m", pos(a, 6, 5), "f", List.of(), false);
        Finding otherLine = new Finding(Fixtures.UAF, "m", pos(a, 5, 5), "f", List.of(), false);
        Finding otherFunction = new Finding(Fixtures.UAF, "m", pos(a, 6, 5), "g", List.of(), false);
        List<String> fps = List.of(fp.fingerprint(uaf), fp.fingerprint(otherRule), fp.fingerprint(otherLine),
                fp.fingerprint(otherFunction));
        assertThat(fps).doesNotHaveDuplicates();
        // the message and column do not matter, only the line's text (whitespace-normalized)
        Finding reworded = new Finding(Fixtures.UAF, "use of freed 'buf'", pos(a, 6, 9), "f", List.of(), false);
        assertThat(fp.fingerprint(reworded)).isEqualTo(fp.fingerprint(uaf));
        SourceCache respaced = new SourceCache();
        respaced.put(a, source(0).replace("    buf[0] = 1;", "\tbuf[0]   =  1;  "));
        assertThat(new Fingerprinter(respaced, base).fingerprint(uaf)).isEqualTo(fp.fingerprint(uaf));
    }

    @Test
    void fingerprintFallsBackToTheMessageWithoutSource() {
        Fingerprinter fp = new Fingerprinter(f -> List.of(), null);
        Finding one = new Finding(Fixtures.UAF, "use of 'p'", pos("gone.c", 6, 5), "f", List.of(), false);
        Finding moved = new Finding(Fixtures.UAF, "use  of 'p'", pos("gone.c", 60, 5), "f", List.of(), false);
        Finding other = new Finding(Fixtures.UAF, "use of 'q'", pos("gone.c", 6, 5), "f", List.of(), false);
        assertThat(fp.fingerprint(moved)).isEqualTo(fp.fingerprint(one));
        assertThat(fp.fingerprint(other)).isNotEqualTo(fp.fingerprint(one));
    }

    @Test
    void artifactsAreListedAndReferenced() throws Exception {
        Path base = project(0);
        SarifReporter r = new SarifReporter(SarifReporter.Options.DEFAULT.withBaseDir(base).withArtifacts(true),
                List.of(), new SourceCache());
        JsonNode run = MAPPER.readTree(r.render(findings(base, 0), runInfo(base))).path("runs").path(0);
        assertThat(run.path("artifacts").findValuesAsText("uri")).containsExactly("src/a.c", "src/b.c", "src/bad.c");
        JsonNode al = run.path("results").path(2).path("locations").path(0).path("physicalLocation").path("artifactLocation");
        assertThat(al.path("index").asInt()).isEqualTo(1);
        assertThat(al.path("uri").asText()).isEqualTo("src/b.c");
    }

    @Test
    void emptyRunIsValidShape() throws Exception {
        String out = new SarifReporter(SarifReporter.Options.DEFAULT, List.of(), f -> List.of())
                .render(List.of(), RunInfo.successful());
        JsonNode run = MAPPER.readTree(out).path("runs").path(0);
        assertThat(run.path("results").isArray()).isTrue();
        assertThat(run.path("results")).isEmpty();
        assertThat(run.has("originalUriBaseIds")).isFalse();
    }

    private static List<String> fingerprints(Path base, List<Finding> fs) throws Exception {
        JsonNode results = MAPPER.readTree(reporter(base).render(fs, RunInfo.successful())).path("runs").path(0).path("results");
        List<String> out = new ArrayList<>();
        for (JsonNode r : results) out.add(r.path("partialFingerprints").path(Fingerprinter.KEY).asText());
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
