package dev.ferrite.cache;

import dev.ferrite.frontend.SourcePos;
import dev.ferrite.report.Finding;
import dev.ferrite.report.FunctionSummary;
import dev.ferrite.report.PathEvent;
import dev.ferrite.report.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a whole run found, as the result cache keeps it: everything the report and the summary need, so
 * that a run whose inputs did not change only re-reports ({@code functions}: the ownership summaries the HTML
 * report shows, when it was asked for). Findings are kept before {@code --baseline}
 * and {@code --diff} filter them, which are applied again on each run.
 */
public record CachedRun(int filesAnalysed, List<Skip> skipped, long functionsAnalysed, List<String> overBudget,
                        List<String> notes, List<CachedFinding> findings, List<FunctionSummary> functions) {
    public CachedRun {
        functions = functions == null ? List.of() : functions;
    }

    /**
     * A skipped file: its name, the reason for the summary, where the compiler put the error, and the
     * message printed when it was skipped.
     */
    public record Skip(String name, String reason, String file, int line, String message) {
    }

    /** One step of a finding's path. */
    public record Event(String file, int line, int column, String message, int depth) {
    }

    /** A finding, with its rule by id. */
    public record CachedFinding(String rule, String message, String file, int line, int column, String function,
                                List<Event> path, boolean latent) {

        static CachedFinding of(Finding f) {
            List<Event> path = new ArrayList<>();
            for (PathEvent e : f.path()) {
                path.add(new Event(e.pos().file(), e.pos().line(), e.pos().column(), e.message(), e.depth()));
            }
            return new CachedFinding(f.rule().id(), f.message(), f.pos().file(), f.pos().line(), f.pos().column(),
                    f.function(), path, f.latent());
        }

        /** The finding, or null when its rule is no longer known. */
        Finding toFinding(Map<String, Rule> rules) {
            Rule r = rules.get(rule);
            if (r == null) return null;
            List<PathEvent> events = new ArrayList<>();
            for (Event e : path) events.add(new PathEvent(new SourcePos(e.file(), e.line(), e.column()), e.message(), e.depth()));
            return new Finding(r, message, new SourcePos(file, line, column), function, events, latent);
        }
    }

    public static List<CachedFinding> encode(List<Finding> findings) {
        List<CachedFinding> out = new ArrayList<>();
        for (Finding f : findings) out.add(CachedFinding.of(f));
        return out;
    }

    /** The findings with their rules, or null if one of them names a rule that no checker has now. */
    public List<Finding> decodeFindings(Map<String, Rule> rules) {
        List<Finding> out = new ArrayList<>();
        for (CachedFinding c : findings) {
            Finding f = c.toFinding(rules);
            if (f == null) return null;
            out.add(f);
        }
        return out;
    }
}
