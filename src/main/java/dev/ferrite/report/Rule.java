package dev.ferrite.report;

/**
 * A warning kind with a stable ID. The ID appears as {@code -Wferrite-<id>} in text output and as
 * the SARIF rule id; the CWE goes into the rule's tags.
 */
public record Rule(String id, int cwe, String name, String description) {
    public String flag() {
        return "-Wferrite-" + id;
    }

    public String cweTag() {
        return "CWE-" + cwe;
    }
}
