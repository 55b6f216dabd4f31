package dev.ferrite.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * End-of-run statistics, rendered as
 *
 * <pre>
 * ferrite: 40 files, 12,345 functions, 17 findings (leak 14, use-after-free 3); 1 file skipped
 * ferrite: skipped files:
 *   big.c: preprocessing failed: foo.h: No such file or directory
 * </pre>
 *
 * Per-rule counts are listed by rule id; skipped files by file name.
 *
 * @param filesAnalysed       files analysed (not counting skipped ones)
 * @param skippedFiles        files not analysed, with the reason
 * @param functionsAnalysed   function bodies analysed
 * @param functionsOverBudget functions whose analysis stopped at a budget (results may be incomplete)
 * @param findingsPerRule     number of findings reported, by rule id (rules with 0 are not shown)
 * @param overBudget          one line per function over budget or skipped, {@code name (file:line): reason},
 *                            in analysis order (listed after the skipped files)
 */
public record Summary(int filesAnalysed, List<SkippedFile> skippedFiles, long functionsAnalysed,
                      int functionsOverBudget, Map<String, Integer> findingsPerRule, List<String> overBudget) {
    public Summary {
        List<SkippedFile> s = new ArrayList<>(skippedFiles);
        Collections.sort(s);
        skippedFiles = List.copyOf(s);
        findingsPerRule = Collections.unmodifiableMap(new TreeMap<>(findingsPerRule));
        overBudget = List.copyOf(overBudget);
    }

    public Summary(int filesAnalysed, List<SkippedFile> skippedFiles, long functionsAnalysed,
                   int functionsOverBudget, Map<String, Integer> findingsPerRule) {
        this(filesAnalysed, skippedFiles, functionsAnalysed, functionsOverBudget, findingsPerRule, List.of());
    }

    /** A summary counting {@code findings} by rule id, listing the functions over budget with their reasons. */
    public static Summary of(int filesAnalysed, List<SkippedFile> skippedFiles, long functionsAnalysed,
                             List<String> overBudget, Collection<Finding> findings) {
        return new Summary(filesAnalysed, skippedFiles, functionsAnalysed, overBudget.size(), countByRule(findings), overBudget);
    }

    /** A summary counting {@code findings} by rule id. */
    public static Summary of(int filesAnalysed, List<SkippedFile> skippedFiles, long functionsAnalysed,
                             int functionsOverBudget, Collection<Finding> findings) {
        return new Summary(filesAnalysed, skippedFiles, functionsAnalysed, functionsOverBudget, countByRule(findings));
    }

    /** Number of findings per rule id. */
    public static Map<String, Integer> countByRule(Collection<Finding> findings) {
        Map<String, Integer> m = new TreeMap<>();
        for (Finding f : findings) m.merge(f.rule().id(), 1, Integer::sum);
        return m;
    }

    public int totalFindings() {
        int n = 0;
        for (int v : findingsPerRule.values()) n += v;
        return n;
    }

    /** The one-line summary, without a line terminator. */
    public String headline() {
        StringBuilder sb = new StringBuilder("ferrite: ");
        sb.append(count(filesAnalysed, "file")).append(", ")
                .append(count(functionsAnalysed, "function")).append(", ")
                .append(count(totalFindings(), "finding"));
        List<String> perRule = new ArrayList<>();
        findingsPerRule.forEach((rule, n) -> {
            if (n > 0) perRule.add(rule + " " + String.format(Locale.ROOT, "%,d", n));
        });
        if (!perRule.isEmpty()) sb.append(" (").append(String.join(", ", perRule)).append(')');
        List<String> problems = new ArrayList<>();
        if (!skippedFiles.isEmpty()) problems.add(count(skippedFiles.size(), "file") + " skipped");
        if (functionsOverBudget > 0) problems.add(count(functionsOverBudget, "function") + " skipped or over budget");
        if (!problems.isEmpty()) sb.append("; ").append(String.join(", ", problems));
        return sb.toString();
    }

    /** The headline and, if files were skipped, a block listing them; every line ends in {@code \n}. */
    public String render() {
        StringBuilder sb = new StringBuilder(headline()).append('\n');
        if (!skippedFiles.isEmpty()) {
            sb.append("ferrite: skipped files:\n");
            for (SkippedFile s : skippedFiles) {
                sb.append("  ").append(s.file());
                if (!s.reason().isEmpty()) sb.append(": ").append(TextReporter.oneLine(s.reason()));
                sb.append('\n');
            }
        }
        if (!overBudget.isEmpty()) {
            sb.append("ferrite: functions skipped or over budget:\n");
            for (String f : overBudget) sb.append("  ").append(TextReporter.oneLine(f)).append('\n');
        }
        return sb.toString();
    }

    private static String count(long n, String noun) {
        return String.format(Locale.ROOT, "%,d", n) + " " + noun + (n == 1 ? "" : "s");
    }
}
