package dev.ferrite.analysis;

import java.nio.file.Path;
import java.util.List;

/**
 * What the engine is asked to do. {@code modelFiles} are user model files added to the built-in ones;
 * {@code reportLatent} also reports bugs that depend on what an unknown caller passes;
 * {@code disabledRules} are rule ids not to check (with every concurrency rule off, the engine does not
 * track lock state either, see {@link #tracksLocks}).
 */
public record AnalysisOptions(List<Path> modelFiles, boolean reportLatent, int jobs, Budget budget, java.util.Set<String> disabledRules) {
    public AnalysisOptions(List<Path> modelFiles, boolean reportLatent, int jobs, Budget budget) {
        this(modelFiles, reportLatent, jobs, budget, java.util.Set.of());
    }

    /** The rules of the concurrency checkers: the ones that read the engine's lock state ('--disable locks'). */
    public static final java.util.Set<String> LOCK_RULES = java.util.Set.of("lock-held-at-return", "double-lock",
            "double-unlock", "unlock-not-held", "sleep-in-atomic", "data-race");

    /** True unless every concurrency rule is disabled: then nothing reads the lock state, and it is not kept. */
    public boolean tracksLocks() {
        return !disabledRules.containsAll(LOCK_RULES);
    }

    /** Options with these rules switched off: a checker all of whose rules are off is not run at all. */
    public AnalysisOptions withDisabled(java.util.Set<String> rules) {
        return new AnalysisOptions(modelFiles, reportLatent, jobs, budget, java.util.Set.copyOf(rules));
    }

    /**
     * Limits per function; counted in steps (instructions executed and successor states made), so
     * results do not depend on machine speed. {@code safetySecondsPerFunction} is a last resort against a
     * step that is itself slow: a function that runs longer is skipped (its findings dropped, no summary),
     * which only happens where the step budget failed to bound the work.
     */
    public record Budget(int maxStatesPerBlock, long maxStepsPerFunction, int maxOutcomes, long safetySecondsPerFunction) {
        public static final Budget DEFAULT = new Budget(16, 200_000, 12, 300);
    }

    public static AnalysisOptions defaults() {
        return new AnalysisOptions(List.of(), false, 1, Budget.DEFAULT);
    }
}
