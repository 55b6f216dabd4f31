package dev.ferrite.analysis;

import java.util.List;

/**
 * What a function does, as seen by its callers: a few outcomes, each the state at a return with the
 * facts it needed about the inputs (ranges, NULL or not), the effects on input objects in order,
 * and the returned value. Callers instantiate the outcomes that fit what they pass.
 * {@code complete} is false when the analysis ran out of budget: callers then treat the call as a
 * call to unknown code.
 */
public record Summary(String function, List<Outcome> outcomes, boolean complete, Ownership ownership) {

    /** One way the function can return. */
    public record Outcome(State state, Val ret) {
    }
}
