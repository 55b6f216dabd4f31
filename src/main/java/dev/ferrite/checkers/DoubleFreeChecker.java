package dev.ferrite.checkers;

import dev.ferrite.analysis.Checker;
import dev.ferrite.analysis.Region;
import dev.ferrite.analysis.Resource;
import dev.ferrite.analysis.State;
import dev.ferrite.report.PathEvent;
import dev.ferrite.report.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * CWE-415 and CWE-675: an object released twice (including along error-path unwinding and through
 * callees), a file closed twice, and a device-managed (devm_*) object released by hand.
 */
public final class DoubleFreeChecker implements Checker {

    public static final class Factory implements Checker.Factory {
        @Override
        public List<Rule> rules() {
            return List.of(Rules.DOUBLE_FREE, Rules.DOUBLE_CLOSE);
        }

        @Override
        public Checker create() {
            return new DoubleFreeChecker();
        }
    }

    @Override
    public void onRelease(Ctx cx, State s, Release r) {
        Region reg = r.region();
        if (reg == null) return;
        Resource res = s.resource(reg);
        if (res == null) return;
        String via = Paths.via(r.via());
        if (res.status() == Resource.Status.FREED) {
            boolean file = res.isFile();
            Rule rule = file ? Rules.DOUBLE_CLOSE : Rules.DOUBLE_FREE;
            String msg = Paths.name(reg) + (file ? " is closed twice" : " is freed twice") + via;
            cx.report(rule, r.pos(), msg, Paths.lifetime(res, s, r.pos(), file ? "closed again here" : "freed again here", r.via()), false);
        } else if (res.status() == Resource.Status.MANAGED && !r.fn().startsWith("devm_")) {
            List<PathEvent> path = new ArrayList<>();
            if (res.allocPos() != null) path.add(new PathEvent(res.allocPos(), "allocated here by '" + res.allocFn() + "', owned by the device"));
            path.addAll(Paths.viaNotes(r.via(), r.pos()));
            path.add(new PathEvent(r.pos(), "freed here by '" + r.fn() + "'; the driver core frees it again when the device goes away"));
            cx.report(Rules.DOUBLE_FREE, r.pos(), "device-managed memory " + Paths.name(reg) + " is freed by hand" + via
                    + "; the driver core frees it again", path, false);
        }
    }
}
