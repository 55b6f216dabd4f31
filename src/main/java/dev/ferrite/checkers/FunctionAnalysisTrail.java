package dev.ferrite.checkers;

import dev.ferrite.analysis.FunctionAnalysis;
import dev.ferrite.analysis.State;
import dev.ferrite.report.PathEvent;
import java.util.List;

/** The notes a state collected on its way (branch decisions and the like). */
final class FunctionAnalysisTrail {
    private FunctionAnalysisTrail() {
    }

    static List<PathEvent> of(State s) {
        return FunctionAnalysis.trail(s);
    }
}
