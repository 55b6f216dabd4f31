package dev.ferrite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code ferrite rustview} on the fixtures of src/test/resources/fixtures/rustview: every function's
 * signature must be the one its {@code // rust:} comment states, in the text and in the JSON output.
 */
class RustviewCommandTest {
    private static final Path DIR = Path.of("src/test/resources/fixtures/rustview").toAbsolutePath();
    private static final Pattern EXPECTED = Pattern.compile("//\\s*rust:\\s*(fn (\\w+)\\(.*)");

    private static Map<String, String> expected(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            Matcher m = EXPECTED.matcher(line.trim());
            if (m.matches()) out.put(m.group(2), m.group(1).trim());
        }
        return out;
    }

    private static void checkJson(String fixture) throws IOException {
        Path file = DIR.resolve(fixture);
        Cli.Run r = Cli.run("rustview", "-q", "--format", "json", "--readiness", file.toString());
        assertEquals(0, r.exit(), r::toString);
        JsonNode root = new ObjectMapper().readTree(r.out());
        Map<String, String> got = new LinkedHashMap<>();
        for (JsonNode f : root.get("functions")) got.put(f.get("function").asText(), f.get("signature").asText());
        Map<String, String> want = expected(file);
        assertTrue(want.size() >= 3, "fixture has expectations");
        for (Map.Entry<String, String> e : want.entrySet()) assertEquals(e.getValue(), got.get(e.getKey()), e.getKey() + "\n" + r.out());
        JsonNode total = root.get("readiness").get("total");
        assertEquals(want.size(), total.get("functions").asInt());
    }

    @Test
    void kernelFixturesGetTheirSignaturesInJson() throws IOException {
        checkJson("kernel.c");
    }

    @Test
    void userSpaceFixturesUseBox() throws IOException {
        checkJson("user.c");
    }

    @Test
    void textOutputShowsSignaturesRawReasonsAndReadiness() throws IOException {
        Path file = DIR.resolve("kernel.c");
        Cli.Run r = Cli.run("rustview", "-q", "--readiness", file.toString());
        assertEquals(0, r.exit(), r::toString);
        for (String sig : expected(file).values()) assertTrue(r.out().contains(": " + sig + "\n"), sig + "\n" + r.out());
        assertTrue(r.out().contains("b: raw pointer: stored in a global"), r.out());
        assertTrue(r.out().contains("b: raw pointer: escapes to unknown code"), r.out());
        assertTrue(r.out().contains("out: out-parameter, part of the result"), r.out());
        assertTrue(r.out().contains("Port readiness"), r.out());
        assertTrue(r.out().matches("(?s).*total\\s+15\\s+11\\s+4\\s.*"), r.out());
    }
}
