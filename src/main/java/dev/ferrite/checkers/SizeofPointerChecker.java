package dev.ferrite.checkers;

import dev.ferrite.analysis.Checker;
import dev.ferrite.analysis.Models;
import dev.ferrite.analysis.State;
import dev.ferrite.analysis.Val;
import dev.ferrite.frontend.SourcePos;
import dev.ferrite.ir.Attr;
import dev.ferrite.ir.CType;
import dev.ferrite.ir.Operand;
import dev.ferrite.report.PathEvent;
import dev.ferrite.report.Rule;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CWE-467: an object allocated with {@code sizeof} of a pointer as its whole size, then used for
 * data of another size than a pointer (so the pointer's target type was meant). Storing pointers in
 * it (an array of one pointer) is what such a size is right for, and is not reported.
 */
public final class SizeofPointerChecker implements Checker {
    private static final String MARK = "sizeof-ptr:";
    private final Set<Object> seen = new HashSet<>();

    public static final class Factory implements Checker.Factory {
        @Override
        public List<Rule> rules() {
            return List.of(Rules.SIZEOF_POINTER);
        }

        @Override
        public Checker create() {
            return new SizeofPointerChecker();
        }
    }

    /** Where the object was allocated and with sizeof of which type. */
    private record Site(SourcePos pos, CType measured) {
    }

    @Override
    public void afterCall(Ctx cx, State s, CallEvent c) {
        if (c.callee() == null || c.call().dst() == null) return;
        Models.Spec spec = cx.models().get(c.callee());
        Attr size = spec != null ? spec.attr("alloc_size") : null;
        if (size == null || size.args().size() != 1) return;
        int i = size.intArg(0, 0) - 1;
        if (i < 0 || i >= c.call().args().size()) return;
        if (!(c.call().args().get(i) instanceof Operand.IntConst k) || !(k.sizeofOf() instanceof CType.Ptr)) return;
        if (s.reg(c.call().dst()) instanceof Val.Loc l) s.setMark(MARK + l.region().id(), new Site(c.pos(), k.sizeofOf()));
    }

    @Override
    public void onAccess(Ctx cx, State s, Access a) {
        if (a.region() == null || !a.direct() || a.kind() != Access.Kind.PLAIN || a.size() <= 0) return;
        if (!(s.mark(MARK + a.region().id()) instanceof Site site)) return;
        if (a.size() == site.measured().size()) return;
        if (!seen.add(site.pos())) return;
        List<PathEvent> path = List.of(new PathEvent(site.pos(), "allocated with the size of a pointer (" + site.measured().size() + " bytes)"),
                new PathEvent(a.pos(), "used here for " + a.size() + "-byte data"));
        cx.report(Rules.SIZEOF_POINTER, site.pos(), "allocation sized with sizeof of a pointer (" + site.measured()
                + ") is used for " + a.size() + "-byte data; sizeof of the pointed-to type was probably meant", path, false);
    }
}
