package dev.ferrite.checkers;

import dev.ferrite.analysis.Checker;
import dev.ferrite.analysis.Region;
import dev.ferrite.analysis.Resource;
import dev.ferrite.analysis.State;
import dev.ferrite.report.Rule;
import java.util.List;

/** CWE-416: any read, write or hand-over of an object after it was released, through any alias or callee. */
public final class UseAfterFreeChecker implements Checker {

    public static final class Factory implements Checker.Factory {
        @Override
        public List<Rule> rules() {
            return List.of(Rules.USE_AFTER_FREE);
        }

        @Override
        public Checker create() {
            return new UseAfterFreeChecker();
        }
    }

    @Override
    public void onAccess(Ctx cx, State s, Access a) {
        Region r = a.region();
        if (r == null) return;
        Resource res = s.resource(r);
        if (res == null || res.status() != Resource.Status.FREED) return;
        String name = Paths.name(r);
        String freed = res.isFile() ? "closed" : "freed";
        String what;
        String last;
        if (Paths.throughUnknown(a.via())) {
            what = name + " is passed to a function after it was " + freed;
            last = "passed to '" + a.via().get(0) + "' here";
        } else if (!a.direct()) {
            what = name + " is " + (a.write() ? "written" : "read") + Paths.via(a.via()) + " after it was " + freed;
            last = a.write() ? "written here" : "used here";
        } else {
            what = (a.write() ? "write to " : "use of ") + name + " after it was " + freed;
            last = a.write() ? "written here" : "used here";
        }
        List<String> via = Paths.throughUnknown(a.via()) ? List.of() : a.via();
        cx.report(Rules.USE_AFTER_FREE, a.pos(), what, Paths.lifetime(res, s, a.pos(), last, via), false);
    }
}
