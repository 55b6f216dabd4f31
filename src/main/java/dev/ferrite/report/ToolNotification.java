package dev.ferrite.report;

/**
 * Something the tool has to say about its own run rather than about the code (a file it skipped, a
 * limit it hit). Becomes an entry of SARIF {@code invocations[0].toolExecutionNotifications}.
 *
 * @param level   severity
 * @param id      a stable short id ("skipped-file", ...), or null
 * @param message the text
 * @param file    the file it is about, or null
 * @param line    1-based line in {@code file}, or 0 for none
 */
public record ToolNotification(Level level, String id, String message, String file, int line) {
    /** SARIF notification levels. */
    public enum Level {
        ERROR("error"), WARNING("warning"), NOTE("note");

        private final String sarif;

        Level(String sarif) {
            this.sarif = sarif;
        }

        public String sarif() {
            return sarif;
        }
    }

    /** Id of the notifications made by {@link #skipped}. */
    public static final String SKIPPED_FILE = "skipped-file";
    /** Id of the notification made by {@link #overBudget}. */
    public static final String OVER_BUDGET = "over-budget";

    public ToolNotification {
        if (level == null) throw new NullPointerException("level");
        if (message == null) message = "";
        if (line < 0) line = 0;
    }

    /** A file that was not analysed: an {@code error} notification located at the file. */
    public static ToolNotification skipped(SkippedFile s) {
        return skipped(s, Level.ERROR);
    }

    public static ToolNotification skipped(SkippedFile s, Level level) {
        String msg = s.reason().isEmpty() ? "file skipped" : "file skipped: " + s.reason();
        return new ToolNotification(level, SKIPPED_FILE, msg, s.file(), 0);
    }

    /** {@code count} functions whose analysis stopped at a budget: a {@code warning} without location. */
    public static ToolNotification overBudget(int count) {
        String msg = count + (count == 1 ? " function" : " functions")
                + " skipped or over the analysis budget; results for them may be incomplete";
        return new ToolNotification(Level.WARNING, OVER_BUDGET, msg, null, 0);
    }
}
