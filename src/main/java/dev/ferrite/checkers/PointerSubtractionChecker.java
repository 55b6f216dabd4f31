package dev.ferrite.checkers;

import dev.ferrite.analysis.Checker;
import dev.ferrite.analysis.Region;
import dev.ferrite.analysis.State;
import dev.ferrite.analysis.Val;
import dev.ferrite.frontend.SourcePos;
import dev.ferrite.report.PathEvent;
import dev.ferrite.report.Rule;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** CWE-469: subtraction of two pointers that point into different objects (never into the same one). */
public final class PointerSubtractionChecker implements Checker {
    private final Set<Object> seen = new HashSet<>();

    public static final class Factory implements Checker.Factory {
        @Override
        public List<Rule> rules() {
            return List.of(Rules.POINTER_SUBTRACTION);
        }

        @Override
        public Checker create() {
            return new PointerSubtractionChecker();
        }
    }

    @Override
    public void onPtrDiff(Ctx cx, State s, Val a, Val b, SourcePos pos) {
        if (!(a instanceof Val.Loc la) || !(b instanceof Val.Loc lb)) return;
        Region ra = la.region();
        Region rb = lb.region();
        // Unknown pointers may point anywhere, also into the other object.
        if (ra.equals(rb) || ra.kind() == Region.Kind.SYM || rb.kind() == Region.Kind.SYM) return;
        if (!seen.add(pos)) return;
        List<PathEvent> path = List.of(new PathEvent(pos, "the pointers point into " + Paths.name(ra) + " and " + Paths.name(rb)));
        cx.report(Rules.POINTER_SUBTRACTION, pos, "subtraction of pointers into different objects (" + Paths.name(ra) + " and "
                + Paths.name(rb) + "): the result is not an index", path, false);
    }
}
