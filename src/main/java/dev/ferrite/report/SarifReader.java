package dev.ferrite.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the results of a SARIF 2.1.0 log (any tool's, all runs) back: rule id, file, line and
 * fingerprints. Lenient: missing or ill-typed members give defaults instead of errors; only input that
 * is not JSON, or whose top level is not an object, is rejected.
 */
public final class SarifReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SarifReader() {
    }

    public static List<SarifResult> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    public static List<SarifResult> read(InputStream in) throws IOException {
        return read(MAPPER.readTree(in));
    }

    public static List<SarifResult> readString(String json) throws IOException {
        return read(MAPPER.readTree(json));
    }

    /** The results of every run of an already parsed log, in file order. */
    public static List<SarifResult> read(JsonNode log) throws IOException {
        if (log == null || !log.isObject()) throw new IOException("not a SARIF log: top level is not a JSON object");
        List<SarifResult> out = new ArrayList<>();
        for (JsonNode run : log.path("runs")) {
            List<String> ruleIds = new ArrayList<>();
            for (JsonNode r : run.path("tool").path("driver").path("rules")) ruleIds.add(text(r.get("id")));
            Map<String, String> bases = baseUris(run.path("originalUriBaseIds"));
            JsonNode artifacts = run.path("artifacts");
            for (JsonNode res : run.path("results")) {
                if (!res.isObject()) continue;
                out.add(result(res, ruleIds, bases, artifacts));
            }
        }
        return out;
    }

    private static SarifResult result(JsonNode res, List<String> ruleIds, Map<String, String> bases, JsonNode artifacts) {
        String ruleId = text(res.get("ruleId"));
        if (ruleId == null) ruleId = text(res.path("rule").get("id"));
        if (ruleId == null) {
            JsonNode idx = res.has("ruleIndex") ? res.get("ruleIndex") : res.path("rule").get("index");
            if (idx != null && idx.isInt() && idx.asInt() >= 0 && idx.asInt() < ruleIds.size()) ruleId = ruleIds.get(idx.asInt());
        }
        String level = text(res.get("level"));
        if (level == null) level = "warning";
        String message = text(res.path("message").get("text"));
        if (message == null) message = "";

        JsonNode loc = res.path("locations").path(0);
        JsonNode phys = loc.path("physicalLocation");
        JsonNode al = phys.path("artifactLocation");
        String uri = text(al.get("uri"));
        String uriBaseId = text(al.get("uriBaseId"));
        if (uri == null && al.path("index").isInt()) {
            JsonNode a = artifacts.path(al.path("index").asInt()).path("location");
            uri = text(a.get("uri"));
            uriBaseId = text(a.get("uriBaseId"));
        }
        String file = uri == null ? null : SourcePaths.uriToPath(uri, uriBaseId == null ? null : bases.get(uriBaseId));
        int line = phys.path("region").path("startLine").asInt(0);
        int column = phys.path("region").path("startColumn").asInt(0);

        JsonNode ll = loc.path("logicalLocations").path(0);
        String function = text(ll.get("fullyQualifiedName"));
        if (function == null) function = text(ll.get("name"));

        Map<String, String> fps = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : res.path("partialFingerprints").properties()) {
            if (e.getValue().isTextual()) fps.put(e.getKey(), e.getValue().asText());
        }
        return new SarifResult(ruleId, level, message, uri, uriBaseId, file, line, column, function, fps);
    }

    /** {@code originalUriBaseIds} resolved to absolute URIs where possible (bases may chain). */
    private static Map<String, String> baseUris(JsonNode node) {
        Map<String, String> raw = new HashMap<>();
        Map<String, String> rawBase = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String u = text(e.getValue().get("uri"));
            if (u != null) {
                raw.put(e.getKey(), u);
                String b = text(e.getValue().get("uriBaseId"));
                if (b != null) rawBase.put(e.getKey(), b);
            }
        }
        Map<String, String> out = new HashMap<>();
        for (String id : raw.keySet()) {
            String u = raw.get(id);
            String b = rawBase.get(id);
            for (int depth = 0; b != null && depth < 16 && !SourcePaths.hasScheme(u) && !u.startsWith("/"); depth++) {
                String bu = raw.get(b);
                if (bu == null) break;
                u = (bu.endsWith("/") ? bu : bu + "/") + u;
                b = rawBase.get(b);
            }
            out.put(id, u);
        }
        return out;
    }

    private static String text(JsonNode n) {
        return n != null && n.isTextual() ? n.asText() : null;
    }
}
