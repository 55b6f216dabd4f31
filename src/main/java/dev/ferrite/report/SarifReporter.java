package dev.ferrite.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferrite.frontend.SourcePos;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Writes findings as SARIF 2.1.0: one run of tool {@code ferrite}, rules sorted by id (each tagged with
 * its CWE), results in {@link Finding#ORDER} with their path as a code flow and a {@value
 * Fingerprinter#KEY} partial fingerprint. The output depends only on the input: no timestamps unless
 * {@link RunInfo} carries them, and identical input gives byte-identical output.
 *
 * <p>File URIs: a file below {@link Options#baseDir()} gets a relative URI with {@code uriBaseId}
 * {@value #SRCROOT} (and {@code originalUriBaseIds} maps {@value #SRCROOT} to the base directory's
 * {@code file:} URI unless {@link Options#emitBaseUri()} is off); any other file gets an absolute
 * {@code file://} URI. Path characters other than RFC 3986 unreserved ones and {@code /} are
 * percent-encoded (UTF-8).
 */
public final class SarifReporter {
    public static final String SCHEMA_URI =
            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    public static final String SARIF_VERSION = "2.1.0";
    public static final String SRCROOT = "%SRCROOT%";
    public static final String TOOL_NAME = "ferrite";
    /** Placeholder until the project has a public home. */
    public static final String DEFAULT_INFORMATION_URI = "https://github.com/ferrite-checker/ferrite";

    /**
     * @param toolVersion    {@code tool.driver.version}
     * @param informationUri {@code tool.driver.informationUri}
     * @param baseDir        files below it get relative URIs against {@value #SRCROOT} (null: none)
     * @param werror         results and rules get level {@code error} instead of {@code warning}
     * @param emitBaseUri    write {@code originalUriBaseIds} (the absolute base directory); turn off
     *                       for output that does not depend on where the sources are checked out
     * @param artifacts      write {@code artifacts[]} (files with results, analysed files, files of
     *                       notifications) and reference them by {@code index}
     */
    public record Options(String toolVersion, String informationUri, Path baseDir, boolean werror,
                          boolean emitBaseUri, boolean artifacts) {
        public static final Options DEFAULT =
                new Options(defaultVersion(), DEFAULT_INFORMATION_URI, null, false, true, false);

        public Options withToolVersion(String v) {
            return new Options(v, informationUri, baseDir, werror, emitBaseUri, artifacts);
        }

        public Options withInformationUri(String v) {
            return new Options(toolVersion, v, baseDir, werror, emitBaseUri, artifacts);
        }

        public Options withBaseDir(Path v) {
            return new Options(toolVersion, informationUri, v, werror, emitBaseUri, artifacts);
        }

        public Options withWerror(boolean v) {
            return new Options(toolVersion, informationUri, baseDir, v, emitBaseUri, artifacts);
        }

        public Options withEmitBaseUri(boolean v) {
            return new Options(toolVersion, informationUri, baseDir, werror, v, artifacts);
        }

        public Options withArtifacts(boolean v) {
            return new Options(toolVersion, informationUri, baseDir, werror, emitBaseUri, v);
        }

        private static String defaultVersion() {
            String v = SarifReporter.class.getPackage().getImplementationVersion();
            return v != null ? v : "dev";
        }
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectWriter WRITER = new ObjectMapper().writer(new DefaultPrettyPrinter(
            Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private final Options options;
    private final Map<String, Rule> knownRules = new TreeMap<>();
    private final Function<String, List<String>> sources;
    private final Fingerprinter fingerprinter;

    /**
     * @param options    output options
     * @param knownRules rules listed in {@code tool.driver.rules} even without results (may be empty;
     *                   rules of findings are added)
     * @param sources    file name to lines, for fingerprints (e.g. a {@link SourceCache})
     */
    public SarifReporter(Options options, Collection<Rule> knownRules, Function<String, List<String>> sources) {
        this.options = options == null ? Options.DEFAULT : options;
        for (Rule r : knownRules) this.knownRules.putIfAbsent(r.id(), r);
        this.sources = sources;
        this.fingerprinter = new Fingerprinter(sources, this.options.baseDir());
    }

    public Options options() {
        return options;
    }

    public Fingerprinter fingerprinter() {
        return fingerprinter;
    }

    /** The SARIF log as a string ending in a newline. */
    public String render(Collection<Finding> findings, RunInfo run) {
        try {
            return WRITER.writeValueAsString(toJson(findings, run)) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the SARIF log (UTF-8) to {@code out}; does not close it. */
    public void write(Collection<Finding> findings, RunInfo run, OutputStream out) throws IOException {
        out.write(render(findings, run).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Writes the SARIF log (UTF-8) to {@code file}. */
    public void write(Collection<Finding> findings, RunInfo run, Path file) throws IOException {
        Files.writeString(file, render(findings, run), StandardCharsets.UTF_8);
    }

    /** The SARIF log as a JSON tree. */
    public ObjectNode toJson(Collection<Finding> findingsIn, RunInfo run) {
        if (run == null) run = RunInfo.successful();
        List<Finding> findings = new ArrayList<>(findingsIn);
        findings.sort(Finding.ORDER);

        Map<String, Rule> rules = new TreeMap<>(knownRules);
        for (Finding f : findings) rules.putIfAbsent(f.rule().id(), f.rule());
        Map<String, Integer> ruleIndex = new HashMap<>();
        for (String id : rules.keySet()) ruleIndex.put(id, ruleIndex.size());

        Artifacts artifacts = new Artifacts(options.artifacts() ? collectArtifacts(findings, run) : List.of());

        ObjectNode log = JSON.objectNode();
        log.put("$schema", SCHEMA_URI);
        log.put("version", SARIF_VERSION);
        ObjectNode runNode = log.putArray("runs").addObject();

        ObjectNode driver = runNode.putObject("tool").putObject("driver");
        driver.put("name", TOOL_NAME);
        driver.put("version", options.toolVersion() == null ? "dev" : options.toolVersion());
        if (options.informationUri() != null) driver.put("informationUri", options.informationUri());
        ArrayNode rulesNode = driver.putArray("rules");
        for (Rule r : rules.values()) rulesNode.add(ruleNode(r));

        ObjectNode inv = runNode.putArray("invocations").addObject();
        inv.put("executionSuccessful", run.executionSuccessful());
        if (run.startTime() != null) inv.put("startTimeUtc", utc(run.startTime()));
        if (run.endTime() != null) inv.put("endTimeUtc", utc(run.endTime()));
        if (!run.notifications().isEmpty()) {
            ArrayNode ns = inv.putArray("toolExecutionNotifications");
            for (ToolNotification n : run.notifications()) ns.add(notificationNode(n, artifacts));
        }

        if (options.baseDir() != null && options.emitBaseUri()) {
            runNode.putObject("originalUriBaseIds").putObject(SRCROOT)
                    .put("uri", SourcePaths.directoryUri(options.baseDir()));
        }
        if (options.artifacts()) {
            ArrayNode arts = runNode.putArray("artifacts");
            for (String file : artifacts.files) arts.addObject().set("location", artifactLocation(file, null));
        }

        runNode.put("columnKind", "utf16CodeUnits");

        List<String> fps = fingerprinter.fingerprints(findings);
        ArrayNode results = runNode.putArray("results");
        for (int i = 0; i < findings.size(); i++) {
            results.add(resultNode(findings.get(i), ruleIndex.get(findings.get(i).rule().id()), fps.get(i), artifacts));
        }
        return log;
    }

    private String level() {
        return options.werror() ? "error" : "warning";
    }

    private ObjectNode ruleNode(Rule r) {
        ObjectNode n = JSON.objectNode();
        n.put("id", r.id());
        String name = r.name() == null || r.name().isEmpty() ? r.id() : r.name();
        n.put("name", name);
        n.putObject("shortDescription").put("text", name);
        String desc = r.description() == null || r.description().isEmpty() ? name : r.description();
        n.putObject("fullDescription").put("text", desc);
        if (r.cwe() > 0) n.put("helpUri", "https://cwe.mitre.org/data/definitions/" + r.cwe() + ".html");
        n.putObject("defaultConfiguration").put("level", level());
        ObjectNode props = n.putObject("properties");
        ArrayNode tags = props.putArray("tags");
        if (r.cwe() > 0) {
            tags.add(r.cweTag());
            tags.add("external/cwe/cwe-" + r.cwe());
        }
        tags.add("security");
        if (r.cwe() > 0) props.put("cwe", r.cwe());
        return n;
    }

    private ObjectNode resultNode(Finding f, int ruleIdx, String fingerprint, Artifacts artifacts) {
        ObjectNode n = JSON.objectNode();
        n.put("ruleId", f.rule().id());
        n.put("ruleIndex", ruleIdx);
        n.put("level", level());
        n.putObject("message").put("text", f.message() == null ? "" : f.message());
        ObjectNode loc = n.putArray("locations").addObject();
        ObjectNode phys = physicalLocation(f.pos(), artifacts);
        if (phys != null) loc.set("physicalLocation", phys);
        if (f.function() != null && !f.function().isEmpty()) {
            loc.putArray("logicalLocations").addObject()
                    .put("name", f.function())
                    .put("fullyQualifiedName", f.function())
                    .put("kind", "function");
        }
        if (!f.path().isEmpty()) {
            ArrayNode tfl = n.putArray("codeFlows").addObject().putArray("threadFlows").addObject().putArray("locations");
            int order = 1;
            for (PathEvent e : f.path()) {
                ObjectNode tl = tfl.addObject();
                ObjectNode el = tl.putObject("location");
                ObjectNode ep = physicalLocation(e.pos(), artifacts);
                if (ep != null) el.set("physicalLocation", ep);
                el.putObject("message").put("text", e.message() == null ? "" : e.message());
                tl.put("nestingLevel", e.depth());
                tl.put("executionOrder", order++);
            }
        }
        n.putObject("partialFingerprints").put(Fingerprinter.KEY, fingerprint);
        if (f.latent()) n.putObject("properties").put("latent", true);
        return n;
    }

    private ObjectNode notificationNode(ToolNotification t, Artifacts artifacts) {
        ObjectNode n = JSON.objectNode();
        if (t.id() != null) n.putObject("descriptor").put("id", t.id());
        n.putObject("message").put("text", t.message());
        n.put("level", t.level().sarif());
        if (t.file() != null) {
            ObjectNode phys = physicalLocation(new SourcePos(t.file(), t.line(), 0), artifacts);
            if (phys != null) n.putArray("locations").addObject().set("physicalLocation", phys);
        }
        return n;
    }

    private ObjectNode physicalLocation(SourcePos pos, Artifacts artifacts) {
        if (!known(pos)) return null;
        ObjectNode p = JSON.objectNode();
        p.set("artifactLocation", artifactLocation(pos.file(), artifacts.index.get(pos.file())));
        if (pos.line() > 0) {
            ObjectNode region = p.putObject("region");
            region.put("startLine", pos.line());
            if (pos.column() > 0) region.put("startColumn", pos.column());
        }
        return p;
    }

    private ObjectNode artifactLocation(String file, Integer index) {
        ObjectNode a = JSON.objectNode();
        String rel = SourcePaths.relativeTo(file, options.baseDir());
        if (rel != null) {
            a.put("uri", SourcePaths.encodePath(rel));
            a.put("uriBaseId", SRCROOT);
        } else {
            a.put("uri", SourcePaths.fileUri(file));
        }
        if (index != null) a.put("index", index);
        return a;
    }

    private static boolean known(SourcePos pos) {
        return pos != null && pos.file() != null && !pos.file().isEmpty() && !pos.file().equals(SourcePos.UNKNOWN.file());
    }

    /** Files for {@code artifacts[]}: of results and path events, analysed files, notifications. */
    private static List<String> collectArtifacts(List<Finding> findings, RunInfo run) {
        TreeSet<String> files = new TreeSet<>();
        for (Finding f : findings) {
            if (known(f.pos())) files.add(f.pos().file());
            for (PathEvent e : f.path()) if (known(e.pos())) files.add(e.pos().file());
        }
        files.addAll(run.analyzedFiles());
        for (ToolNotification n : run.notifications()) if (n.file() != null) files.add(n.file());
        return new ArrayList<>(files);
    }

    private static final class Artifacts {
        final List<String> files;
        final Map<String, Integer> index = new HashMap<>();

        Artifacts(List<String> files) {
            this.files = files;
            for (String f : files) index.putIfAbsent(f, index.size());
        }
    }

    private static String utc(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }
}
