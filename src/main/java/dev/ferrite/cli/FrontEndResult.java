package dev.ferrite.cli;

import dev.ferrite.frontend.CompileCommand;
import dev.ferrite.ir.Unit;
import java.util.List;

/**
 * What the front end made of one file: a {@link Unit}, or a {@link Failure}.
 *
 * @param command         the compile command (null for an input that never got one, e.g. a missing file)
 * @param name            the file as named in messages
 * @param unit            the lowered unit, or null when the file failed
 * @param failure         why the file was skipped, or null
 * @param cdtProblems     number of CDT problem nodes, or -1 when not counted
 * @param notes           notes about flags that were dropped or rejected while preprocessing
 * @param preprocessNanos time spent preprocessing (or reading a {@code .i})
 * @param parseNanos      time spent building the line map and parsing
 * @param lowerNanos      time spent lowering
 */
public record FrontEndResult(CompileCommand command, String name, Unit unit, Failure failure, int cdtProblems,
                             List<String> notes, long preprocessNanos, long parseNanos, long lowerNanos) {

    /**
     * Why a file was skipped.
     *
     * @param file    the file the problem is in (a header, for a failed {@code #include} there), as named
     *                by the compiler
     * @param line    1-based line, or 0 when unknown
     * @param message one line, starting with the location ({@code foo.c:3:10: fatal error: ...})
     * @param cause   the exception, for {@code --debug}; may be null
     */
    public record Failure(String file, int line, String message, Throwable cause) {
    }

    public FrontEndResult {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    static FrontEndResult loaded(CompileCommand cmd, String name, Unit unit, int cdtProblems, List<String> notes,
                                 long pre, long parse, long lower) {
        return new FrontEndResult(cmd, name, unit, null, cdtProblems, notes, pre, parse, lower);
    }

    static FrontEndResult failed(CompileCommand cmd, String name, Failure failure) {
        return new FrontEndResult(cmd, name, null, failure, -1, List.of(), 0, 0, 0);
    }

    public boolean ok() {
        return unit != null;
    }
}
