package dev.ferrite.report;

import dev.ferrite.frontend.SourcePos;
import java.util.Comparator;
import java.util.List;

/**
 * One reported bug: which rule, where, in which function, and the path of events that leads to it.
 * {@code latent} findings depend on what an unknown caller passes in and are shown only on request.
 */
public record Finding(Rule rule, String message, SourcePos pos, String function, List<PathEvent> path, boolean latent) {
    public Finding {
        path = List.copyOf(path);
    }

    /** Deterministic report order: file, line, column, rule, message. */
    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::pos)
            .thenComparing(f -> f.rule().id())
            .thenComparing(Finding::message);
}
