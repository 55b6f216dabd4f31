package dev.ferrite.cli;

/** The exit codes of {@code ferrite}. */
public final class ExitCodes {
    /** No findings were reported. */
    public static final int CLEAN = 0;
    /** Findings were reported. */
    public static final int FINDINGS = 1;
    /** Bad usage, or nothing could be analysed (every file failed). */
    public static final int USAGE = 2;
    /** Internal error. */
    public static final int INTERNAL = 3;

    private ExitCodes() {
    }
}
