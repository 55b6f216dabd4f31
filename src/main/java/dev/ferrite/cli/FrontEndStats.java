package dev.ferrite.cli;

import dev.ferrite.ir.Block;
import dev.ferrite.ir.Function;
import dev.ferrite.ir.Instr;
import dev.ferrite.ir.Unit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Counts of what the front end saw, and how to print them ({@code --stats}, {@code -v}, {@code --time}). */
final class FrontEndStats {
    int files;
    int skipped;
    int filesWithoutProblems;
    int filesCounted;
    long mainFunctions;
    long functionsLowered;
    long loweringProblems;
    long preprocessNanos;
    long parseNanos;
    long lowerNanos;

    void add(FrontEndResult r) {
        if (!r.ok()) {
            skipped++;
            return;
        }
        files++;
        if (r.cdtProblems() >= 0) {
            filesCounted++;
            if (r.cdtProblems() == 0) filesWithoutProblems++;
        }
        Unit u = r.unit();
        mainFunctions += u.mainFunctionCount();
        functionsLowered += u.functions().size();
        loweringProblems += u.problems().size();
        preprocessNanos += r.preprocessNanos();
        parseNanos += r.parseNanos();
        lowerNanos += r.lowerNanos();
    }

    /** The {@code --stats} line, without a line terminator. */
    String statsLine() {
        return "ferrite: stats: " + n(files) + " files (" + n(skipped) + " skipped), "
                + n(filesWithoutProblems) + " with no CDT problem node, "
                + n(mainFunctions) + " functions in main files, " + n(functionsLowered) + " lowered, "
                + n(loweringProblems) + " lowering problems; parse+lower " + secs(parseNanos + lowerNanos)
                + " (parse " + secs(parseNanos) + ", lower " + secs(lowerNanos) + "), preprocess " + secs(preprocessNanos);
    }

    /** One line about a file for {@code -v}. */
    static String fileLine(FrontEndResult r) {
        Unit u = r.unit();
        StringBuilder sb = new StringBuilder("ferrite: ").append(r.name()).append(": ")
                .append(plural(u.functions().size(), "function")).append(" lowered");
        if (u.mainFunctionCount() != u.functions().size()) sb.append(" of ").append(u.mainFunctionCount());
        if (r.cdtProblems() >= 0) sb.append(", ").append(plural(r.cdtProblems(), "CDT problem node"));
        if (!u.problems().isEmpty()) sb.append(", ").append(plural(u.problems().size(), "lowering problem"));
        return sb.toString();
    }

    /** One line per function: name, line, blocks, instructions, calls (callee names in first-call order). */
    static String functionLine(Function f) {
        int calls = 0;
        Map<String, Integer> callees = new LinkedHashMap<>();
        for (Block b : f.blocks()) {
            for (Instr i : b.instrs()) {
                if (i instanceof Instr.Call c) {
                    calls++;
                    String name = c.calleeName();
                    callees.merge(name != null ? name : "(indirect)", 1, Integer::sum);
                }
            }
        }
        StringBuilder sb = new StringBuilder("  ").append(f.name());
        if (f.pos() != null && f.pos().line() > 0) sb.append(" (line ").append(f.pos().line()).append(')');
        sb.append(": ").append(plural(f.blocks().size(), "block")).append(", ")
                .append(plural(f.instructionCount(), "instruction")).append(", ").append(plural(calls, "call"));
        if (!callees.isEmpty()) {
            sb.append(": ");
            boolean first = true;
            for (Map.Entry<String, Integer> e : callees.entrySet()) {
                if (!first) sb.append(", ");
                first = false;
                sb.append(e.getKey());
                if (e.getValue() > 1) sb.append(" (").append(e.getValue()).append(')');
            }
        }
        return sb.toString();
    }

    static String problemLine(Unit.Problem p) {
        String where = p.pos() != null && p.pos().line() > 0 ? p.pos().toString() + ": " : "";
        return "  " + where + (p.function() != null ? p.function() + ": " : "") + p.message();
    }

    static String timeLine(FrontEndResult r) {
        return "ferrite: time: " + r.name() + ": preprocess " + ms(r.preprocessNanos()) + ", parse " + ms(r.parseNanos())
                + ", lower " + ms(r.lowerNanos());
    }

    static List<String> lines(Unit u) {
        return u.functions().stream().map(FrontEndStats::functionLine).toList();
    }

    static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    static String plural(long v, String noun) {
        return n(v) + " " + noun + (v == 1 ? "" : "s");
    }

    static String secs(long nanos) {
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%d ms", nanos / 1_000_000);
    }
}
