package dev.ferrite.report;

import dev.ferrite.frontend.SourcePos;
import java.util.List;

/**
 * The ownership a function's summary implies, ready to show: a Rust-like signature and one row per
 * parameter and for the result. {@code start} and {@code end} delimit the body, so that a path step
 * can be attributed to the function it happens in.
 */
public record FunctionSummary(String function, SourcePos start, SourcePos end, String signature, List<Row> rows) {
    public FunctionSummary {
        rows = List.copyOf(rows);
    }

    /** One parameter (or the result): its name, C type, Rust-like type and what the function does with it. */
    public record Row(String name, String cType, String rustType, String meaning) {
    }

    /** True when {@code pos} lies in the body. */
    public boolean contains(SourcePos pos) {
        return pos.file().equals(start.file()) && pos.line() >= start.line() && (end == null || pos.line() <= end.line());
    }
}
