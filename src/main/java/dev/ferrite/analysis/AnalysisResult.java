package dev.ferrite.analysis;

import dev.ferrite.report.Finding;
import dev.ferrite.report.Rule;
import java.util.List;

/**
 * The outcome of analysing a program: findings (manifest ones, and latent ones marked as such),
 * every rule that may be reported (for SARIF), and counts for the summary.
 */
public record AnalysisResult(List<Finding> findings, List<Rule> rules, long functionsAnalysed,
                             List<String> overBudget, List<String> notes) {
}
