package dev.ferrite.checkers;

import dev.ferrite.analysis.Checker;
import dev.ferrite.analysis.Reach;
import dev.ferrite.analysis.Region;
import dev.ferrite.analysis.Resource;
import dev.ferrite.analysis.State;
import dev.ferrite.report.PathEvent;
import dev.ferrite.report.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CWE-401 and CWE-775: at each return, an object this function allocated (or received from a callee)
 * that is neither released, nor returned, nor reachable from the caller's memory or a global, is
 * leaked on that path (the error paths of probe functions included).
 */
public final class LeakChecker implements Checker {

    public static final class Factory implements Checker.Factory {
        @Override
        public List<Rule> rules() {
            return List.of(Rules.LEAK, Rules.HANDLE_LEAK);
        }

        @Override
        public Checker create() {
            return new LeakChecker();
        }
    }

    @Override
    public void onExit(Ctx cx, State s, Exit e) {
        Set<Region> live = Reach.fromExit(s, e.ret());
        for (Map.Entry<Region, Resource> en : s.resources().entrySet()) {
            Region r = en.getKey();
            Resource res = en.getValue();
            if (res.status() != Resource.Status.ALLOCATED || r.kind() != Region.Kind.HEAP || res.fromInput()) continue;
            if (live.contains(r) || !Reach.mayBeValid(s, r)) continue;
            if (Boolean.getBoolean("ferrite.debugLeak")) {
                System.err.println("LEAK " + r + " at " + e.pos());
                for (var me : s.memories().entrySet()) {
                    for (var c : me.getValue().cells().entrySet()) {
                        if (c.getValue().val() instanceof dev.ferrite.analysis.Val.Loc l && l.region().equals(r)) {
                            System.err.println("   held by " + me.getKey() + " +" + c.getKey() + " reachable=" + live.contains(me.getKey()));
                        }
                    }
                }
                System.err.println("   state " + s);
            }
            boolean handle = res.isFile();
            Rule rule = handle ? Rules.HANDLE_LEAK : Rules.LEAK;
            List<PathEvent> path = new ArrayList<>();
            if (res.allocPos() != null) path.add(new PathEvent(res.allocPos(), Paths.allocated(res)));
            path.addAll(FunctionAnalysisTrail.of(s));
            path.add(new PathEvent(e.pos(), handle ? "not closed when the function returns here" : "leaked when the function returns here"));
            String what = handle ? (res.family().equals("fd") ? "file descriptor from '" : "file opened by '") + res.allocFn() + "' is never closed"
                    : r.name().startsWith("memory from ") ? r.name() + " is leaked" : "'" + r.name() + "' (allocated by '" + res.allocFn() + "') is leaked";
            cx.report(rule, e.pos(), what, path, false);
        }
    }
}
