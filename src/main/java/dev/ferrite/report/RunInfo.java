package dev.ferrite.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the SARIF {@code invocations[0]} (and optionally {@code artifacts}) says about the run.
 *
 * @param executionSuccessful false if the run as a whole failed
 * @param notifications       tool execution notifications (skipped files, ...), written in this order
 * @param analyzedFiles       files analysed, listed in {@code artifacts} when that is enabled
 * @param startTime           start of the run, or null (then not written: keeps output reproducible)
 * @param endTime             end of the run, or null
 */
public record RunInfo(boolean executionSuccessful, List<ToolNotification> notifications, List<String> analyzedFiles,
                      Instant startTime, Instant endTime) {
    public RunInfo {
        notifications = List.copyOf(notifications);
        analyzedFiles = List.copyOf(analyzedFiles);
    }

    /** A successful run with nothing to note. */
    public static RunInfo successful() {
        return new RunInfo(true, List.of(), List.of(), null, null);
    }

    /**
     * A successful run whose skipped files become {@code error} notifications, and functions over
     * budget (if any) one {@code warning} notification.
     */
    public static RunInfo of(Summary summary) {
        List<ToolNotification> ns = new ArrayList<>();
        for (SkippedFile s : summary.skippedFiles()) ns.add(ToolNotification.skipped(s));
        if (summary.functionsOverBudget() > 0) ns.add(ToolNotification.overBudget(summary.functionsOverBudget()));
        return new RunInfo(true, ns, List.of(), null, null);
    }

    public RunInfo withExecutionSuccessful(boolean v) {
        return new RunInfo(v, notifications, analyzedFiles, startTime, endTime);
    }

    public RunInfo withNotifications(List<ToolNotification> v) {
        return new RunInfo(executionSuccessful, v, analyzedFiles, startTime, endTime);
    }

    public RunInfo withAnalyzedFiles(List<String> v) {
        return new RunInfo(executionSuccessful, notifications, v, startTime, endTime);
    }

    public RunInfo withTimes(Instant start, Instant end) {
        return new RunInfo(executionSuccessful, notifications, analyzedFiles, start, end);
    }
}
