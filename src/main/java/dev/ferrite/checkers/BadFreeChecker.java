package dev.ferrite.checkers;

import dev.ferrite.analysis.Checker;
import dev.ferrite.analysis.Lin;
import dev.ferrite.analysis.Range;
import dev.ferrite.analysis.Region;
import dev.ferrite.analysis.Resource;
import dev.ferrite.analysis.State;
import dev.ferrite.report.PathEvent;
import dev.ferrite.report.Rule;
import java.util.ArrayList;
import java.util.List;

/** CWE-590 (releasing stack, static or literal memory) and CWE-761 (releasing a pointer into the middle of a buffer). */
public final class BadFreeChecker implements Checker {

    public static final class Factory implements Checker.Factory {
        @Override
        public List<Rule> rules() {
            return List.of(Rules.FREE_NON_HEAP, Rules.FREE_OFFSET);
        }

        @Override
        public Checker create() {
            return new BadFreeChecker();
        }
    }

    @Override
    public void onRelease(Ctx cx, State s, Release r) {
        Region reg = r.region();
        if (reg == null || r.family() != null && (r.family().equals("fd"))) return;
        String via = Paths.via(r.via());
        switch (reg.kind()) {
            case VAR, ALLOCA, STRING -> {
                String where = reg.kind() == Region.Kind.STRING ? "a string literal"
                        : reg.kind() == Region.Kind.ALLOCA ? "memory from alloca() on the stack"
                        : reg.isGlobal() ? "'" + reg.name() + "', which has static storage"
                        : "'" + reg.name() + "', which is on the stack";
                List<PathEvent> path = new ArrayList<>();
                if (reg.site() != null) path.add(new PathEvent(reg.site(), reg.kind() == Region.Kind.ALLOCA ? "allocated on the stack here" : "declared here"));
                path.addAll(Paths.viaNotes(r.via(), r.pos()));
                path.add(new PathEvent(r.pos(), "released here by '" + r.fn() + "'"));
                cx.report(Rules.FREE_NON_HEAP, r.pos(), "release of " + where + via + ", not heap memory", path, false);
            }
            case HEAP, SYM -> {
                Resource res = s.resource(reg);
                if (res != null && res.status() == Resource.Status.FREED) return; // a double free, reported elsewhere
                Lin off = r.offset();
                Range range = s.rangeOf(off);
                if (range.isConstant() && range.lo() == 0) return;
                // An object we only know through a pointer may start before it (container_of):
                // only a pointer moved forward from it is known to be off its start.
                if (reg.kind() == Region.Kind.SYM && range.lo() < 0) return;
                String at = range.isConstant() ? "at offset " + range.lo() : "at offset " + range + " (not always 0)";
                List<PathEvent> path = new ArrayList<>();
                if (res != null && res.allocPos() != null) path.add(new PathEvent(res.allocPos(), Paths.allocated(res)));
                path.addAll(Paths.viaNotes(r.via(), r.pos()));
                path.add(new PathEvent(r.pos(), "released here by '" + r.fn() + "' " + at));
                cx.report(Rules.FREE_OFFSET, r.pos(), "release of a pointer into " + Paths.name(reg) + " " + at
                        + via + ", not the start of the allocation", path, false);
            }
            default -> {
            }
        }
    }
}
