package dev.ferrite.analysis;

import dev.ferrite.ir.Function;
import dev.ferrite.report.Finding;
import dev.ferrite.report.Rule;
import java.util.List;
import java.util.Map;

/**
 * The outcome of analysing a program: findings (manifest ones, and latent ones marked as such),
 * every rule that may be reported (for SARIF), counts for the summary, and the ownership each
 * analysed function's summary implies (for reports that show it).
 */
public record AnalysisResult(List<Finding> findings, List<Rule> rules, long functionsAnalysed,
                             List<String> overBudget, List<String> notes, Map<Function, Ownership> ownership) {

    public AnalysisResult(List<Finding> findings, List<Rule> rules, long functionsAnalysed, List<String> overBudget, List<String> notes) {
        this(findings, rules, functionsAnalysed, overBudget, notes, Map.of());
    }
}
