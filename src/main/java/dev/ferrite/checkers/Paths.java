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

    /** allocated here, freed here, (through these calls), then the final event */
    static List<PathEvent> lifetime(Resource res, State s, SourcePos finalPos, String finalMsg) {
        return lifetime(res, s, finalPos, finalMsg, List.of());
    }

    static List<PathEvent> lifetime(Resource res, State s, SourcePos finalPos, String finalMsg, List<String> via) {
        List<PathEvent> out = new ArrayList<>();
        if (res != null && res.allocPos() != null) out.add(new PathEvent(res.allocPos(), allocated(res)));
        if (res != null && res.freePos() != null) out.add(new PathEvent(res.freePos(), released(res)));
        out.addAll(viaNotes(via, finalPos));
        if (finalPos != null) out.add(new PathEvent(finalPos, finalMsg));
        return out;
    }

    /**
     * 'data', or "memory from malloc()" for objects no variable named, or "memory reached through a
     * pointer" for an object the engine knows only by an internal symbol ('*$4704...' means nothing to a reader).
     */
    static String name(dev.ferrite.analysis.Region r) {
        if (r.name().startsWith("memory from ")) return r.name();
        if (INTERNAL_SYMBOL.matcher(r.name()).find()) return "memory reached through a pointer";
        return "'" + r.name() + "'";
    }

    private static final java.util.regex.Pattern INTERNAL_SYMBOL = java.util.regex.Pattern.compile("\\$[0-9]");

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

    /**
     * " in a called function" for events that happen in a callee. Function names stay out of the
     * message (they go into the path notes): messages are what tools match on, and names carry
     * anything.
     */
    static String via(List<String> via) {
        if (via.isEmpty() || via.get(0).equals("?")) return "";
        return " in a called function";
    }

    /** The callee chain of an event, as notes at the call. */
    static List<PathEvent> viaNotes(List<String> via, SourcePos callPos) {
        List<PathEvent> out = new ArrayList<>();
        if (via.isEmpty() || callPos == null) return out;
        StringBuilder chain = new StringBuilder();
        for (String v : via) {
            if (v.equals("?")) continue;
            int colon = v.indexOf(':');
            String name = colon > 0 ? v.substring(0, colon) : v.replaceAll("@.*", "");
            String line = colon > 0 ? v.substring(colon + 1).replaceAll(":.*", "") : "";
            if (chain.length() > 0) chain.append(", then ");
            chain.append("'").append(name).append("'").append(line.isEmpty() ? "" : " (line " + line + ")");
        }
        if (chain.length() > 0) out.add(new PathEvent(callPos, "through the call to " + chain));
        return out;
    }

    static boolean throughUnknown(List<String> via) {
        return via.contains("?");
    }
}
