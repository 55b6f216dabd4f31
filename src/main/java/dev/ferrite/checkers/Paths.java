package dev.ferrite.checkers;

import dev.ferrite.analysis.Resource;
import dev.ferrite.analysis.State;
import dev.ferrite.frontend.SourcePos;
import dev.ferrite.report.PathEvent;
import java.util.ArrayList;
import java.util.List;

/** Builds the event paths shown with findings. */
final class Paths {
    private Paths() {
    }

    /** allocated here, freed here, (then the final event) */
    static List<PathEvent> lifetime(Resource res, State s, SourcePos finalPos, String finalMsg) {
        List<PathEvent> out = new ArrayList<>();
        if (res != null && res.allocPos() != null) out.add(new PathEvent(res.allocPos(), allocated(res)));
        if (res != null && res.freePos() != null) out.add(new PathEvent(res.freePos(), released(res)));
        if (finalPos != null) out.add(new PathEvent(finalPos, finalMsg));
        return out;
    }

    static String allocated(Resource res) {
        return switch (res.family()) {
            case "file" -> "opened here by '" + res.allocFn() + "'";
            case "fd" -> "descriptor obtained here by '" + res.allocFn() + "'";
            default -> res.allocFn() != null ? "allocated here by '" + res.allocFn() + "'" : "allocated here";
        };
    }

    static String released(Resource res) {
        return res.isFile() ? "closed here by '" + res.freeFn() + "'" : "freed here by '" + res.freeFn() + "'";
    }

    /** "through 'sink' (line 12)" for accesses that happen in a callee. */
    static String via(List<String> via) {
        if (via.isEmpty()) return "";
        String first = via.get(0);
        if (first.equals("?")) return "";
        int colon = first.indexOf(':');
        String name = colon > 0 ? first.substring(0, colon) : first.replaceAll("@.*", "");
        return " in '" + name + "'";
    }

    static boolean throughUnknown(List<String> via) {
        return via.contains("?");
    }
}
