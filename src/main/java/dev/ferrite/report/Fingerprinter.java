package dev.ferrite.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Computes the {@value #KEY} partial fingerprint of findings: stable across runs, independent of the
 * line number, so it survives edits above the finding (and in other functions).
 *
 * <p>The fingerprint is the first 128 bits (hex) of SHA-256 over
 * <ol>
 *   <li>the rule id,</li>
 *   <li>the file path relative to the base directory ({@code /}-separated; a file outside the base
 *       directory, or with no base directory, contributes its lexically normalized path as given),</li>
 *   <li>the function name ({@code ""} if none),</li>
 *   <li>the text of the finding's source line with whitespace runs collapsed to one space and
 *       trimmed; if the line cannot be read, {@code "msg:"} + the finding's message collapsed the
 *       same way,</li>
 *   <li>the occurrence index: 0 for the first finding with equal (1)-(4) in {@link Finding#ORDER},
 *       1 for the second, ...</li>
 * </ol>
 * joined with NUL characters. Moving a finding within its function keeps its fingerprint as long as
 * its line text and its order among findings with the same key do not change.
 */
public final class Fingerprinter {
    /** The {@code partialFingerprints} key. Bump the version when the recipe changes. */
    public static final String KEY = "ferrite/v1";

    private static final Pattern WS = Pattern.compile("\\s+");

    private final Function<String, List<String>> sources;
    private final Path baseDir;

    /**
     * @param sources maps a finding's file name to the lines of that file (e.g. a {@link SourceCache})
     * @param baseDir paths below it are taken relative to it (null: paths as given)
     */
    public Fingerprinter(Function<String, List<String>> sources, Path baseDir) {
        this.sources = sources;
        this.baseDir = baseDir;
    }

    /** The fingerprints of {@code findings}, in the same order as {@code findings}. */
    public List<String> fingerprints(List<Finding> findings) {
        int n = findings.size();
        List<String> keys = new ArrayList<>(n);
        for (Finding f : findings) keys.add(key(f));
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) order.add(i);
        order.sort((a, b) -> Finding.ORDER.compare(findings.get(a), findings.get(b))); // stable
        Map<String, Integer> seen = new HashMap<>();
        String[] out = new String[n];
        for (int i : order) {
            int occurrence = seen.merge(keys.get(i), 1, Integer::sum) - 1;
            out[i] = hash(keys.get(i) + '\0' + occurrence);
        }
        return List.of(out);
    }

    /** The fingerprint of a single finding, which is taken to be the only one with its key. */
    public String fingerprint(Finding f) {
        return hash(key(f) + '\0' + 0);
    }

    /** The fingerprints of {@code findings} as a set (for baseline lookups). */
    public Set<String> fingerprintSet(List<Finding> findings) {
        return Collections.unmodifiableSet(new HashSet<>(fingerprints(findings)));
    }

    /** The path that goes into the fingerprint (and into SARIF relative URIs). */
    public String path(String file) {
        String rel = SourcePaths.relativeTo(file, baseDir);
        return rel != null ? rel : SourcePaths.normalized(file);
    }

    /** The line context that goes into the fingerprint. */
    String context(Finding f) {
        return SourceCache.line(sources, f.pos().file(), f.pos().line())
                .map(Fingerprinter::collapse)
                .orElseGet(() -> "msg:" + collapse(f.message() == null ? "" : f.message()));
    }

    private String key(Finding f) {
        return f.rule().id() + '\0' + path(f.pos().file()) + '\0'
                + (f.function() == null ? "" : f.function()) + '\0' + context(f);
    }

    static String collapse(String s) {
        return WS.matcher(s).replaceAll(" ").trim();
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }
}
