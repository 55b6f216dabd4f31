package dev.ferrite.report;

import dev.ferrite.frontend.SourcePos;

/** One step of a finding's path: "allocated here", "freed here", "taking the true branch"... */
public record PathEvent(SourcePos pos, String message) {
}
