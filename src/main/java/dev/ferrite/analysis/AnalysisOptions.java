package dev.ferrite.analysis;

import java.nio.file.Path;
import java.util.List;

/**
 * What the engine is asked to do. {@code modelFiles} are user model files added to the built-in ones;
 * {@code reportLatent} also reports bugs that depend on what an unknown caller passes;
 * {@code disabledRules} are rule ids not to check.
 */
public record AnalysisOptions(List<Path> modelFiles, boolean reportLatent, int jobs, Budget budget, java.util.Set<String> disabledRules) {
    public AnalysisOptions(List<Path> modelFiles, boolean reportLatent, int jobs, Budget budget) {
        this(modelFiles, reportLatent, jobs, budget, java.util.Set.of());
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
