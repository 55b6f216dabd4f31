package dev.ferrite.rustview;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders signatures and the port-readiness report as text or JSON. */
public final class RustviewWriter {
    private RustviewWriter() {
    }

    public static String text(List<RustSignature> sigs, PortReadiness readiness) {
        StringBuilder sb = new StringBuilder();
        String file = null;
        for (RustSignature s : sigs) {
            if (!s.file().equals(file)) {
                file = s.file();
                sb.append("// ").append(file).append('\n');
            }
            sb.append(s.file()).append(':').append(s.line()).append(": ").append(s.signature()).append('\n');
            for (RustSignature.Param p : s.params()) {
                if (p.kind() == RustSignature.Kind.RAW) sb.append("    ").append(p.name()).append(": raw pointer: ").append(p.reason()).append('\n');
                else if (p.kind() == RustSignature.Kind.OUT) sb.append("    ").append(p.name()).append(": out-parameter, part of the result\n");
            }
            for (String r : s.unsafeReasons()) if (r.startsWith("result: ")) sb.append("    ").append(r).append('\n');
            for (String f : s.findings()) sb.append("    finding: ").append(f).append('\n');
        }
        if (readiness != null) {
            sb.append("\nPort readiness\n");
            sb.append(String.format("%-40s %9s %6s %7s %14s %9s%n", "file / driver", "functions", "safe", "unsafe", "ptr decided", "findings"));
            for (PortReadiness.Group g : readiness.files()) row(sb, g);
            if (readiness.drivers().size() > 1 || readiness.files().size() > 1) {
                for (PortReadiness.Group g : readiness.drivers()) row(sb, new PortReadiness.Group(g.name() + "/", g.functions(), g.safe(),
                        g.needUnsafe(), g.pointerParams(), g.pointerParamsDecided(), g.unsafeReasons(), g.functionsWithFindings(), g.findingsByRule()));
            }
            row(sb, readiness.total());
            if (!readiness.total().unsafeReasons().isEmpty()) {
                sb.append("why unsafe:\n");
                readiness.total().unsafeReasons().entrySet().stream()
                        .sorted((a, b) -> b.getValue() - a.getValue())
                        .forEach(e -> sb.append(String.format("  %5d  %s%n", e.getValue(), e.getKey())));
            }
            if (!readiness.total().findingsByRule().isEmpty()) {
                sb.append("findings in these functions:");
                readiness.total().findingsByRule().forEach((k, v) -> sb.append(' ').append(k).append(' ').append(v));
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, PortReadiness.Group g) {
        String name = g.name().length() > 40 ? "..." + g.name().substring(g.name().length() - 37) : g.name();
        sb.append(String.format("%-40s %9d %6d %7d %6d/%-4d %3.0f%% %5d%n", name, g.functions(), g.safe(), g.needUnsafe(),
                g.pointerParamsDecided(), g.pointerParams(), 100 * g.decidedShare(), g.functionsWithFindings()));
    }

    public static String json(List<RustSignature> sigs, PortReadiness readiness) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("functions", sigs);
        if (readiness != null) root.put("readiness", readiness);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
