package dev.ferrite.checkers;

import dev.ferrite.analysis.Checker;
import dev.ferrite.analysis.Lin;
import dev.ferrite.analysis.Models;
import dev.ferrite.analysis.Range;
import dev.ferrite.analysis.State;
import dev.ferrite.analysis.Summary;
import dev.ferrite.analysis.Sym;
import dev.ferrite.analysis.Val;
import dev.ferrite.frontend.SourcePos;
import dev.ferrite.ir.Attr;
import dev.ferrite.ir.CType;
import dev.ferrite.ir.Var;
import dev.ferrite.report.PathEvent;
import dev.ferrite.report.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The Drop check (CWE-772). A Rust driver's registrations undo themselves when dropped; a C driver must
 * undo by hand what it acquired: request_irq/free_irq, misc_register/misc_deregister,
 * clk_prepare_enable/clk_disable_unprepare... The pairs are model knowledge ({@code acquires(KIND, ARG)},
 * {@code releases(KIND, ARG)}, see docs/models.md). Two checks:
 * <ul>
 * <li>on a path: a function that returns an error while still holding what it acquired on that path
 * (the error paths of probe and init; acquisitions in callees count through their summaries);</li>
 * <li>across functions: what a probe (module init) leaves acquired when it succeeds must be released
 * somewhere in the matching remove (module exit), see {@link DriverRoles}.</li>
 * </ul>
 */
public final class DropChecker implements Checker {
    private static final String HELD = "drop.held";
    private static final String RELEASED = "drop.released";
    private static final String ACQUIRE_EFFECT = "drop.acquire";
    private static final String RELEASE_EFFECT = "drop.release";

    /** One acquisition to undo; {@code result} is the call's result when success depends on it. */
    record Held(String kind, Val key, Val result, String okIf, SourcePos pos, String fn, String via) {
        // the generated equals and hashCode, written out: those of a record go through method handles that
        // the JIT does not fully inline in deep call chains (a third of the analysis time of a warm server)
        @Override
        public boolean equals(Object obj) {
            if (this == obj) return true;
            return obj instanceof Held o && Objects.equals(kind, o.kind) && Objects.equals(key, o.key) &&
                    Objects.equals(result, o.result) && Objects.equals(okIf, o.okIf) && Objects.equals(pos, o.pos) &&
                    Objects.equals(fn, o.fn) && Objects.equals(via, o.via);
        }

        @Override
        public int hashCode() {
            int h = Objects.hashCode(kind);
            h = 31 * h + Objects.hashCode(key);
            h = 31 * h + Objects.hashCode(result);
            h = 31 * h + Objects.hashCode(okIf);
            h = 31 * h + Objects.hashCode(pos);
            h = 31 * h + Objects.hashCode(fn);
            h = 31 * h + Objects.hashCode(via);
            return h;
        }
    }

    /** An acquisition a function leaves behind when it returns normally (a summary effect). */
    record Acquired(String kind, SourcePos pos, String fn, String okIf) {
    }

    private static final String PENDING = "pending:";

    /** Acquisitions replayed from the callee's summary that depend on its result: bind them to it. */
    private static void settlePending(State s, CallEvent c, Val result) {
        List<Held> held = held(s);
        List<Held> out = null;
        for (int i = 0; i < held.size(); i++) {
            Held h = held.get(i);
            if (!h.okIf().startsWith(PENDING) || !h.pos().equals(c.pos())) continue;
            if (out == null) out = new ArrayList<>(held);
            out.set(i, new Held(h.kind(), h.key(), result, result == null ? "always" : h.okIf().substring(PENDING.length()), h.pos(), h.fn(), h.via()));
        }
        if (out != null) setHeld(s, out);
    }

    public static final class Factory implements Checker.Factory {
        @Override
        public List<Rule> rules() {
            return List.of(Rules.MISSING_RELEASE);
        }

        @Override
        public Checker create() {
            return new DropChecker();
        }

        @Override
        public void onProgramEnd(ProgramCtx cx) {
            for (DriverRoles.Pair p : DriverRoles.find(cx.program(), cx.models())) crossCheck(cx, p);
        }
    }

    // ------------------------------------------------------------ along a path

    @Override
    public void afterCall(Ctx cx, State s, CallEvent c) {
        Var dst = c.call().dst();
        settlePending(s, c, dst != null ? s.reg(dst) : null);
        Models.Spec spec = c.callee() != null ? cx.models().get(c.callee()) : null;
        if (spec == null) return;
        // as the engine decides: a line only checkers read gives way to a body (an inline wrapper),
        // whose summary's effects were replayed instead
        Summary body = spec.forEngine() ? null : cx.summary(c.callee());
        if (body != null && body.complete()) return;
        for (Attr a : spec.all("releases")) release(s, a.strArg(0), arg(c, a.intArg(1, 0)));
        for (Attr a : spec.all("acquires")) {
            Val result = dst != null ? s.reg(dst) : null;
            int n = a.intArg(1, 0);
            Val key = n > 0 ? arg(c, n) : result;
            String okIf = spec.has("ok_if_zero") ? "zero" : spec.has("ok_if_nonneg") ? "nonneg" : "valid";
            List<Held> held = new ArrayList<>(held(s));
            held.add(new Held(a.strArg(0), key, result, okIf, c.pos(), c.callee(), null));
            setHeld(s, held);
        }
    }

    @Override
    public void onReplay(Ctx cx, State s, State.Custom effect, Val target, SourcePos callPos, String callee) {
        if (effect.kind().equals(ACQUIRE_EFFECT) && effect.data() instanceof Acquired a) {
            List<Held> held = new ArrayList<>(held(s));
            // success may still depend on the call's result, known once the call is done (afterCall)
            held.add(new Held(a.kind(), null, null, a.okIf().equals("always") ? "always" : PENDING + a.okIf(), callPos, a.fn(), callee));
            setHeld(s, held);
        } else if (effect.kind().equals(RELEASE_EFFECT) && effect.data() instanceof String kind) {
            release(s, kind, null);
        }
    }

    @Override
    public void onExit(Ctx cx, State s, Exit e) {
        List<Held> live = new ArrayList<>();
        for (Held h : held(s)) if (mayHaveSucceeded(s, h)) live.add(h);
        if (isErrorReturn(s, e.ret(), cx.function().decl().type().ret())) {
            // one finding per acquiring call (clk_prepare_enable acquires two kinds)
            Map<SourcePos, List<Held>> byCall = new LinkedHashMap<>();
            for (Held h : live) byCall.computeIfAbsent(h.pos(), k -> new ArrayList<>()).add(h);
            for (List<Held> hs : byCall.values()) {
                List<PathEvent> path = new ArrayList<>();
                path.add(new PathEvent(hs.get(0).pos(), acquiredNote(hs.get(0))));
                path.addAll(FunctionAnalysisTrail.of(s));
                path.add(new PathEvent(e.pos(), "returns an error here without releasing it"));
                cx.report(Rules.MISSING_RELEASE, e.pos(), "the " + kinds(hs.stream().map(Held::kind).toList())
                        + " acquired on this path " + (hs.size() > 1 ? "are" : "is") + " not released before the error return", path, false);
            }
            return;
        }
        // a normal return: the caller now holds what is still acquired, and has had released what we released
        for (Held h : live) {
            // when the result we return is the acquiring call's, our caller's success test decides
            String okIf = h.result() != null && h.result().equals(e.ret()) ? h.okIf() : "always";
            cx.effect(s, new State.Custom(ACQUIRE_EFFECT, null, new Acquired(h.kind(), h.pos(), h.fn(), okIf), h.pos()));
        }
        Object rel = s.ext(RELEASED);
        if (rel instanceof List<?> kinds) {
            for (Object k : kinds) cx.effect(s, new State.Custom(RELEASE_EFFECT, null, k, e.pos()));
        }
    }

    private static String acquiredNote(Held h) {
        return "acquired here by '" + h.fn() + "'" + (h.via() != null ? " (in '" + h.via() + "')" : "");
    }

    /** The acquisitions held on a path; the engine keeps what it knows of their results while they are held. */
    record HeldSet(List<Held> items) implements State.MentionsVals {
        @Override
        public List<Val> vals() {
            List<Val> out = new ArrayList<>();
            for (Held h : items) {
                if (h.key() != null) out.add(h.key());
                if (h.result() != null) out.add(h.result());
            }
            return out;
        }
    }

    private static List<Held> held(State s) {
        return s.ext(HELD) instanceof HeldSet h ? h.items() : List.of();
    }

    private static void setHeld(State s, List<Held> held) {
        s.setExt(HELD, held.isEmpty() ? null : new HeldSet(List.copyOf(held)));
    }

    private static Val arg(CallEvent c, int n) {
        return n >= 1 && n <= c.args().size() ? c.args().get(n - 1) : null;
    }

    /** Undoes the latest acquisition of the kind, preferring the one of the same object or number. */
    private static void release(State s, String kind, Val key) {
        List<Held> held = new ArrayList<>(held(s));
        int idx = -1;
        for (int i = held.size() - 1; i >= 0 && idx < 0; i--) {
            if (held.get(i).kind().equals(kind) && key != null && Objects.equals(held.get(i).key(), key)) idx = i;
        }
        // else the latest that may have succeeded (a failed request_irq needs no free_irq), else the latest
        for (int i = held.size() - 1; i >= 0 && idx < 0; i--) {
            if (held.get(i).kind().equals(kind) && mayHaveSucceeded(s, held.get(i))) idx = i;
        }
        for (int i = held.size() - 1; i >= 0 && idx < 0; i--) {
            if (held.get(i).kind().equals(kind)) idx = i;
        }
        if (idx >= 0) {
            held.remove(idx);
            setHeld(s, held);
            return;
        }
        TreeSet<String> rel = new TreeSet<>();
        if (s.ext(RELEASED) instanceof List<?> l) for (Object k : l) rel.add((String) k);
        if (rel.add(kind)) s.setExt(RELEASED, List.copyOf(rel));
    }

    /** False when the path shows the acquiring call failed (its result says so). */
    private static boolean mayHaveSucceeded(State s, Held h) {
        Val r = h.result();
        if (r == null || h.okIf().equals("always")) return true;
        if (r instanceof Val.Num n) {
            Range rg = s.rangeOf(n.lin());
            Sym x = n.lin().asSym();
            switch (h.okIf()) {
                case "zero" -> {
                    return rg.contains(0) && (x == null || !s.excludes(x, 0));
                }
                case "nonneg" -> {
                    return rg.hi() >= 0;
                }
                default -> {
                    // a pointer as a number: NULL or an error code means failure
                    boolean isNull = rg.isConstant() && rg.lo() == 0;
                    boolean isErr = rg.hi() < 0 && rg.lo() >= -4095;
                    return !isNull && !isErr;
                }
            }
        }
        if (r instanceof Val.Loc l) return (s.ptrStatus(l.region().base()) & State.VALID) != 0;
        return true;
    }

    /** An error return: a negative errno (or non-zero that may be negative), a NULL or error pointer. */
    private static boolean isErrorReturn(State s, Val ret, CType type) {
        if (ret == null) return false;
        if (type instanceof CType.Int && ret instanceof Val.Num n) {
            Range rg = s.rangeOf(n.lin());
            if (rg.hi() < 0) return true;
            Sym x = n.lin().asSym();
            return rg.lo() < 0 && (!rg.contains(0) || x != null && s.excludes(x, 0));
        }
        if (type instanceof CType.Ptr) {
            if (ret instanceof Val.Loc l) return (s.ptrStatus(l.region().base()) & State.VALID) == 0;
            if (ret instanceof Val.Num n) {
                Range rg = s.rangeOf(n.lin());
                return rg.isConstant() && rg.lo() == 0 || rg.hi() < 0 && rg.lo() >= -4095;
            }
        }
        return false;
    }

    // ------------------------------------------------------------ across functions

    private static void crossCheck(ProgramCtx cx, DriverRoles.Pair p) {
        Summary acq = cx.summary(p.acquirer());
        Summary rel = cx.summary(p.releaser());
        if (acq == null || rel == null || !acq.complete() || !rel.complete()) return;
        Map<String, Acquired> acquired = new LinkedHashMap<>();
        for (Summary.Outcome o : acq.outcomes()) {
            for (State.Custom c : customs(o, ACQUIRE_EFFECT)) {
                if (c.data() instanceof Acquired a) acquired.putIfAbsent(a.kind(), a);
            }
        }
        TreeSet<String> released = new TreeSet<>();
        for (Summary.Outcome o : rel.outcomes()) {
            for (State.Custom c : customs(o, RELEASE_EFFECT)) released.add(String.valueOf(c.data()));
        }
        Map<SourcePos, List<Acquired>> byCall = new LinkedHashMap<>();
        for (Acquired a : acquired.values()) {
            if (!released.contains(a.kind())) byCall.computeIfAbsent(a.pos(), k -> new ArrayList<>()).add(a);
        }
        for (List<Acquired> as : byCall.values()) {
            Acquired a = as.get(0);
            SourcePos end = p.releaser().endPos();
            List<PathEvent> path = List.of(
                    new PathEvent(a.pos(), "acquired here by '" + a.fn() + "' (" + p.acquirerRole() + ": '" + p.acquirer().name() + "')"),
                    new PathEvent(end, "'" + p.releaser().name() + "' (" + p.releaserRole() + ") returns without releasing it"));
            cx.report(Rules.MISSING_RELEASE, p.releaser(), end, "the " + kinds(as.stream().map(Acquired::kind).toList())
                    + " acquired by the " + p.acquirerRole() + " " + (as.size() > 1 ? "are" : "is") + " never released by the "
                    + p.releaserRole(), path);
        }
    }

    private static String kinds(List<String> ks) {
        return ks.size() == 1 ? ks.get(0) : String.join(", ", ks.subList(0, ks.size() - 1)) + " and " + ks.get(ks.size() - 1);
    }

    private static List<State.Custom> customs(Summary.Outcome o, String kind) {
        List<State.Custom> out = new ArrayList<>();
        if (o.state().effects() == null) return out;
        for (State.Effect e : o.state().effects().inOrder()) {
            if (e instanceof State.Custom c && c.kind().equals(kind)) out.add(c);
        }
        return out;
    }
}
