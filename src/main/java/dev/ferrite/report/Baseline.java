package dev.ferrite.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@value Fingerprinter#KEY} fingerprints of an earlier SARIF log ({@code --baseline OLD.sarif}):
 * a finding whose fingerprint is in the baseline is not new. Results without such a fingerprint (e.g.
 * from other tools) are ignored.
 */
public final class Baseline {
    private final Set<String> fingerprints;

    private Baseline(Set<String> fingerprints) {
        this.fingerprints = fingerprints;
    }

    public static Baseline load(Path sarif) throws IOException {
        return of(SarifReader.read(sarif));
    }

    public static Baseline of(Collection<SarifResult> results) {
        Set<String> fps = new HashSet<>();
        for (SarifResult r : results) {
            String fp = r.ferriteFingerprint();
            if (fp != null) fps.add(fp);
        }
        return new Baseline(fps);
    }

    public boolean contains(String fingerprint) {
        return fingerprints.contains(fingerprint);
    }

    public int size() {
        return fingerprints.size();
    }

    /**
     * The findings not in the baseline, in their given order. Fingerprints are computed over all of
     * {@code findings} together (so occurrence indices match those of a full SARIF report).
     */
    public List<Finding> newFindings(List<Finding> findings, Fingerprinter fingerprinter) {
        List<String> fps = fingerprinter.fingerprints(findings);
        List<Finding> out = new ArrayList<>();
        for (int i = 0; i < findings.size(); i++) {
            if (!fingerprints.contains(fps.get(i))) out.add(findings.get(i));
        }
        return out;
    }
}
