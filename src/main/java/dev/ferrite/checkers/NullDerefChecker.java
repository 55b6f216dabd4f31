package dev.ferrite.checkers;

import dev.ferrite.analysis.Checker;
import dev.ferrite.analysis.Lin;
import dev.ferrite.analysis.Region;
import dev.ferrite.analysis.Resource;
import dev.ferrite.analysis.State;
import dev.ferrite.analysis.Val;
import dev.ferrite.report.PathEvent;
import dev.ferrite.report.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * CWE-476 and CWE-690: dereference of a pointer that is NULL (or an ERR_PTR) on this path, of the
 * unchecked result of a function that may return NULL, and a NULL check that comes after the
 * pointer was already dereferenced.
 */
public final class NullDerefChecker implements Checker {
    private static final String DEREFED = "null-deref:derefd:";
    /** A NULL check of the pointer was seen on this path: later dereferences are after a check. */
    private static final String CHECKED = "null-deref:checked:";

    public static final class Factory implements Checker.Factory {
        @Override
        public List<Rule> rules() {
            return List.of(Rules.NULL_DEREF, Rules.NULL_RETURN);
        }

        @Override
        public Checker create() {
            return new NullDerefChecker();
        }
    }

    @Override
    public void onAccess(Ctx cx, State s, Access a) {
        if (Paths.throughUnknown(a.via())) return;
        String via = Paths.via(a.via());
        Region r = a.region();
        if (r == null) {
            if (!(a.pointer() instanceof Val.Num n) || !n.isConstant()) return;
            long c = n.lin().constant();
            if (c >= 0 && c < 4096) {
                cx.report(Rules.NULL_DEREF, a.pos(), "NULL pointer '" + a.text() + "' is dereferenced" + via,
                        List.of(new PathEvent(a.pos(), "dereferenced here while NULL")), false);
            } else if (c >= -4095 && c < 0) {
                cx.report(Rules.NULL_DEREF, a.pos(), "error pointer '" + a.text() + "' (ERR_PTR(" + c + ")) is dereferenced" + via,
                        List.of(new PathEvent(a.pos(), "dereferenced here")), false);
            }
            return;
        }
        String base = baseVariable(a.text());
        if (a.direct() && base != null && a.offset().isConstant() && (a.offset().constant() >= 0 && a.offset().constant() < 4096)
                && s.mark(CHECKED + r.base().id()) == null && s.mark(DEREFED + r.base().id()) == null) {
            s.setMark(DEREFED + r.base().id(), new Deref(base, a.pos()));
        }
        if (cx.isInput(r)) return;
        int st = s.ptrStatus(r.base());
        if (st == State.ANY_PTR || (st & (State.NULL | State.ERR)) == 0) return;
        boolean atBase = a.offset().isConstant() && a.offset().constant() >= 0 && a.offset().constant() < 4096 || a.offset().equals(Lin.ZERO);
        if (!atBase) return;
        Resource res = s.resource(r);
        List<PathEvent> path = new ArrayList<>();
        if ((st & State.VALID) == 0) {
            if ((st & State.NULL) != 0) {
                if (res != null && res.allocPos() != null) path.add(new PathEvent(res.allocPos(), "'" + res.allocFn() + "' returned NULL here"));
                path.add(new PathEvent(a.pos(), "dereferenced here"));
                cx.report(Rules.NULL_DEREF, a.pos(), "NULL pointer '" + name(r, a) + "' is dereferenced" + via, path, false);
            } else {
                path.add(new PathEvent(a.pos(), "dereferenced here"));
                cx.report(Rules.NULL_DEREF, a.pos(), "error pointer '" + name(r, a) + "' is dereferenced" + via, path, false);
            }
            return;
        }
        if (r.kind() != Region.Kind.HEAP || res == null) {
            if ((st & State.NULL) != 0) {
                path.add(new PathEvent(a.pos(), "dereferenced here; NULL on another path"));
                cx.report(Rules.NULL_DEREF, a.pos(), "pointer '" + name(r, a) + "' may be NULL here" + via, path, false);
            }
            return;
        }
        String fn = res.allocFn() != null ? res.allocFn() : "the allocator";
        if (res.allocPos() != null) path.add(new PathEvent(res.allocPos(), "'" + fn + "' may return " + ((st & State.NULL) != 0 ? "NULL" : "an error pointer") + " here"));
        path.addAll(Paths.viaNotes(a.via(), a.pos()));
        path.add(new PathEvent(a.pos(), "dereferenced here without a check"));
        if ((st & State.NULL) != 0) {
            cx.report(Rules.NULL_RETURN, a.pos(), "'" + name(r, a) + "' may be NULL (the allocation may fail) and is dereferenced without a check" + via, path, false);
        } else {
            cx.report(Rules.NULL_DEREF, a.pos(), "'" + name(r, a) + "' may be an error pointer and is dereferenced without IS_ERR()" + via, path, false);
        }
    }

    /** Where a pointer was first dereferenced through a named variable on this path. */
    private record Deref(String variable, dev.ferrite.frontend.SourcePos pos) {
    }

    @Override
    public void onNullCheck(Ctx cx, State s, NullCheck n) {
        if (!(n.pointer() instanceof Val.Loc l) || !l.offset().equals(Lin.ZERO) || n.variable() == null) return;
        Object at = s.mark(DEREFED + l.region().base().id());
        if (at == null) s.setMark(CHECKED + l.region().base().id(), Boolean.TRUE);
        // Only the plain pattern "p->x ...; if (!p)" on one variable: rereads of a field that
        // macros check again are not evidence that the earlier dereference was unsafe.
        if (at instanceof Deref d && d.variable().equals(n.variable()) && d.pos().line() < n.pos().line()) {
            List<PathEvent> path = List.of(new PathEvent(d.pos(), "dereferenced here"), new PathEvent(n.pos(), "checked for NULL here"));
            cx.report(Rules.NULL_DEREF, d.pos(), "'" + n.variable() + "' is dereferenced before it is checked for NULL (line " + n.pos().line() + ")", path, false);
        }
    }

    /** The variable an access expression starts from: p in p->x, *p, p[i]; null for other shapes. */
    static String baseVariable(String text) {
        if (text == null) return null;
        String t = text.strip();
        while (t.startsWith("*") || t.startsWith("(")) t = t.substring(1).strip();
        int i = 0;
        while (i < t.length() && (Character.isLetterOrDigit(t.charAt(i)) || t.charAt(i) == '_')) i++;
        if (i == 0) return null;
        String rest = t.substring(i).strip();
        if (!(rest.isEmpty() || rest.startsWith("->") || rest.startsWith("[") || rest.startsWith(")"))) return null;
        return t.substring(0, i);
    }

    private static String name(Region r, Access a) {
        return a.text() != null && !a.text().isEmpty() && a.text().length() < 40 ? a.text() : r.name();
    }
}
