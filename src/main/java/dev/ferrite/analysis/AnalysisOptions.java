package dev.ferrite.analysis;

import java.nio.file.Path;
import java.util.List;

/**
 * What the engine is asked to do. {@code modelFiles} are user model files added to the built-in ones;
 * {@code reportLatent} also reports bugs that depend on what an unknown caller passes.
 */
public record AnalysisOptions(List<Path> modelFiles, boolean reportLatent, int jobs, Budget budget) {
    /** Limits per function; counted in steps, so results do not depend on machine speed. */
    public record Budget(int maxStatesPerBlock, long maxStepsPerFunction, int maxOutcomes) {
        public static final Budget DEFAULT = new Budget(16, 200_000, 12);
    }

    public static AnalysisOptions defaults() {
        return new AnalysisOptions(List.of(), false, 1, Budget.DEFAULT);
    }
}
