package dev.ferrite.report;

import dev.ferrite.frontend.SourcePos;

/**
 * One step of a finding's path: "allocated here", "freed here", "taking the true branch"...
 *
 * <p>{@code depth} is the call depth of the step relative to the function the finding is reported in
 * (0 = that function, 1 = a callee, ...). It becomes the SARIF {@code nestingLevel}; the two-argument
 * constructor uses depth 0.
 */
public record PathEvent(SourcePos pos, String message, int depth) {
    public PathEvent {
        if (depth < 0) throw new IllegalArgumentException("negative depth " + depth);
    }

    public PathEvent(SourcePos pos, String message) {
        this(pos, message, 0);
    }
}
