package dev.ferrite.report;

import java.util.Map;

/**
 * One result read back from a SARIF file by {@link SarifReader}.
 *
 * @param ruleId              the rule id ({@code ruleId}, {@code rule.id}, or the id of the rule at
 *                            {@code ruleIndex}); null if none
 * @param level               {@code level} as written, or {@code "warning"} (the SARIF default)
 * @param message             {@code message.text} ("" if absent)
 * @param uri                 {@code locations[0].physicalLocation.artifactLocation.uri} as written
 *                            (or of the artifact it references); null if the result has no location
 * @param uriBaseId           its {@code uriBaseId}, or null
 * @param file                the file path the URI names: {@code file:} URIs and URIs whose base is
 *                            given in {@code originalUriBaseIds} become absolute paths, other relative
 *                            URIs stay relative; percent-decoded. Null if no URI
 * @param line                {@code region.startLine}, 0 if absent
 * @param column              {@code region.startColumn}, 0 if absent
 * @param function            the first logical location's {@code fullyQualifiedName} or {@code name},
 *                            or null
 * @param partialFingerprints {@code partialFingerprints} (string values only)
 */
public record SarifResult(String ruleId, String level, String message, String uri, String uriBaseId, String file,
                          int line, int column, String function, Map<String, String> partialFingerprints) {
    public SarifResult {
        partialFingerprints = Map.copyOf(partialFingerprints);
    }

    /** The {@value Fingerprinter#KEY} fingerprint, or null. */
    public String ferriteFingerprint() {
        return partialFingerprints.get(Fingerprinter.KEY);
    }
}
