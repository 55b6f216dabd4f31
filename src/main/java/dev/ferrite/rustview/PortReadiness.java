package dev.ferrite.rustview;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a Rust port of some code would have to confront, per file and per driver (the directory a
 * file is in): how many functions get a fully safe signature, how many need {@code unsafe} and why,
 * how many pointer parameters have their ownership decided, and the other checkers' findings in
 * those functions. A plain model: the text, JSON and HTML views all read it.
 */
public record PortReadiness(List<Group> files, List<Group> drivers, Group total) {

    /** Counts for one file, one driver or everything. {@code unsafeReasons}: reason → how many parameters or results. */
    public record Group(String name, int functions, int safe, int needUnsafe, int pointerParams, int pointerParamsDecided,
                        Map<String, Integer> unsafeReasons, int functionsWithFindings, Map<String, Integer> findingsByRule) {

        /** The share of pointer parameters whose ownership is decided (not left raw), 0..1. */
        public double decidedShare() {
            return pointerParams == 0 ? 1.0 : (double) pointerParamsDecided / pointerParams;
        }
    }

    public static PortReadiness of(List<RustSignature> sigs) {
        Map<String, List<RustSignature>> byFile = new TreeMap<>();
        Map<String, List<RustSignature>> byDriver = new TreeMap<>();
        for (RustSignature s : sigs) {
            byFile.computeIfAbsent(s.file(), k -> new ArrayList<>()).add(s);
            Path parent = Path.of(s.file()).getParent();
            byDriver.computeIfAbsent(parent == null ? "." : parent.toString(), k -> new ArrayList<>()).add(s);
        }
        List<Group> files = new ArrayList<>();
        byFile.forEach((k, v) -> files.add(group(k, v)));
        List<Group> drivers = new ArrayList<>();
        byDriver.forEach((k, v) -> drivers.add(group(k, v)));
        return new PortReadiness(files, drivers, group("total", sigs));
    }

    private static Group group(String name, List<RustSignature> sigs) {
        int safe = 0;
        int ptrs = 0;
        int decided = 0;
        int withFindings = 0;
        Map<String, Integer> reasons = new TreeMap<>();
        Map<String, Integer> rules = new TreeMap<>();
        for (RustSignature s : sigs) {
            if (s.safe()) safe++;
            for (RustSignature.Param p : s.params()) {
                if (!p.pointer()) continue;
                ptrs++;
                if (p.kind() != RustSignature.Kind.RAW) decided++;
                else reasons.merge(p.reason(), 1, Integer::sum);
            }
            for (String r : s.unsafeReasons()) if (r.startsWith("result: ")) reasons.merge(r.substring(8), 1, Integer::sum);
            if (!s.findings().isEmpty()) withFindings++;
            for (String f : s.findings()) rules.merge(f.substring(0, f.indexOf(' ')), 1, Integer::sum);
        }
        return new Group(name, sigs.size(), safe, sigs.size() - safe, ptrs, decided, reasons, withFindings, rules);
    }
}
