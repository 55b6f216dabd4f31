package dev.ferrite.analysis;

import dev.ferrite.frontend.SourcePos;
import dev.ferrite.ir.Block;
import dev.ferrite.ir.CType;
import dev.ferrite.ir.Function;
import dev.ferrite.ir.Global;
import dev.ferrite.ir.Instr;
import dev.ferrite.ir.Operand;
import dev.ferrite.ir.Terminator;
import dev.ferrite.ir.Var;
import dev.ferrite.report.PathEvent;
import dev.ferrite.report.Rule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Analyses one function, path-sensitively, with symbolic inputs: explores the control-flow graph
 * block by block in reverse post-order, keeps up to a budgeted number of states per block (states
 * that agree on what is tracked are joined; loop heads are widened), lets checkers see every event,
 * and collects the states at returns into the function's summary.
 */
public final class FunctionAnalysis implements Checker.Ctx {
    private static final boolean DEBUG = Boolean.getBoolean("ferrite.debugBlocks");
    final Function fn;
    final Program program;
    final Models models;
    final Map<Function, Summary> summaries;
    final PureCalls pureCalls = new PureCalls(this);
    final List<Checker> checkers;
    final AnalysisOptions.Budget budget;
    /** False when no checker reads lock state ({@code --disable locks}): lock models are then plain calls. */
    final boolean tracksLocks;
    /** Locks the function's callers hold by the contract of a structure it is stored in (see {@link CallbackContracts}). */
    private final List<CallbackContracts.HeldAtEntry> heldAtEntry;
    final Findings findings;
    final Exec exec;
    final Calls calls;

    private final long idBase;
    private long nextSym;
    private long nextRegion;
    private final Map<Var, Region> varRegions = new IdentityHashMap<>();
    private final Map<String, Region> stringRegions = new HashMap<>();
    private final Map<Sym, Region> baseToRegion = new HashMap<>();
    private final List<Summary.Outcome> outcomes = new ArrayList<>();
    /** Path notes of replayed callee effects, per callee name and effect (see Instantiate: made once, shared). */
    final Map<String, Map<State.Effect, List<String>>> replayNotes = new HashMap<>();
    final Map<String, Map<State.Effect, List<String>>> replayNotesShort = new HashMap<>();
    /** Texts naming a callee's input at a call, per call, callee name and input path (see Instantiate). */
    final Map<dev.ferrite.ir.Instr.Call, Map<String, Map<AccessPath, String>>> replayTexts = new IdentityHashMap<>();
    /** Per callee summary: the caller-visible locks it takes on some path (see {@link Locks#replay}). */
    final Map<Summary, java.util.Set<List<Object>>> locksTaken = new IdentityHashMap<>();
    private Instr current;
    private long steps;
    private boolean overBudget;
    private String budgetReason;
    private boolean timedOut;
    private long deadline;
    private int loopCutoffs;
    private static final Object TOTAL = new Object();

    /** Collects findings of one run, deduplicated. */
    public interface Findings {
        void add(Rule rule, Function fn, SourcePos pos, String message, List<PathEvent> path, boolean latent);
    }

    FunctionAnalysis(Function fn, Program program, Models models, Map<Function, Summary> summaries, List<Checker> checkers,
                     AnalysisOptions.Budget budget, boolean tracksLocks, List<CallbackContracts.HeldAtEntry> heldAtEntry,
                     Findings findings, long idBase) {
        this.idBase = idBase << 32;
        this.nextSym = this.idBase;
        this.nextRegion = this.idBase;
        this.fn = fn;
        this.program = program;
        this.models = models;
        this.summaries = summaries;
        this.checkers = checkers;
        this.budget = budget;
        this.tracksLocks = tracksLocks;
        this.heldAtEntry = heldAtEntry;
        this.findings = findings;
        this.exec = new Exec(this);
        this.calls = new Calls(this);
    }

    public boolean overBudget() {
        return overBudget;
    }

    /** Which budget stopped the analysis ("more than 200,000 steps"), or null. */
    public String budgetReason() {
        return budgetReason;
    }

    /**
     * True when the wall-time safety net stopped the analysis: the caller then drops the function's
     * findings and summary, so what is reported never depends on machine speed.
     */
    public boolean timedOut() {
        return timedOut;
    }

    /** Counts {@code n} steps; false (and over budget) when the function's budget is exhausted. */
    private boolean step(long n) {
        steps += n;
        if (EngineStats.ON) EngineStats.STEPS.add(n);
        if (steps > budget.maxStepsPerFunction()) {
            stop(String.format(java.util.Locale.ROOT, "more than %,d steps", budget.maxStepsPerFunction()));
            return false;
        }
        if ((steps & 0xfff) < n && System.nanoTime() - deadline > 0) {
            timedOut = true;
            stop("still running after " + budget.safetySecondsPerFunction() + " s (safety net; function skipped)");
            return false;
        }
        return true;
    }

    private void stop(String reason) {
        overBudget = true;
        if (budgetReason == null) budgetReason = reason;
    }

    /** How many times a loop was cut off because its states never settled. */
    public int loopCutoffs() {
        return loopCutoffs;
    }

    // ------------------------------------------------------------ factories

    Sym sym(AccessPath input, boolean tainted) {
        return new Sym(nextSym++, input, tainted, null);
    }

    Sym sym(AccessPath input, boolean tainted, CType type) {
        return new Sym(nextSym++, input, tainted, type);
    }

    Region newRegion(Region.Kind kind, Var var, Sym pointer, String name, CType type, SourcePos site, State s, int status) {
        Sym base = kind == Region.Kind.SYM ? pointer : sym(null, false);
        if (kind != Region.Kind.SYM) base.markObjectAddress();
        Region r = new Region(nextRegion++, kind, base, var, pointer, name, type, site);
        if (kind != Region.Kind.SYM) {
            baseToRegion.put(base, r);
            if (s != null && status != State.VALID) s.ptr.put(base, status);
        }
        return r;
    }

    /**
     * The region of a variable (one per variable for the whole analysis). Globals are canonical by
     * their definition, so an {@code extern} declaration in one unit and the definition in another,
     * and a callee's view and its caller's, are one object.
     */
    Region varRegion(Var v) {
        Region r = varRegions.get(v);
        if (r != null) return r;
        if (v.isGlobal()) {
            Global g = program.global(fn, v.name());
            Var canon = g != null ? g.var() : v;
            r = globalRegion(canon);
        } else {
            r = newRegion(Region.Kind.VAR, v, null, v.name(), v.type(), v.pos(), null, State.VALID);
        }
        varRegions.put(v, r);
        return r;
    }

    private final Map<Var, Region> globalRegions = new IdentityHashMap<>();

    /** The region of a global by its defining variable. */
    Region globalRegion(Var canon) {
        return globalRegions.computeIfAbsent(canon, k -> newRegion(Region.Kind.VAR, k, null, k.name(), k.type(), k.pos(), null, State.VALID));
    }

    /** The region of a global as a function (possibly in another unit) names it. */
    Region globalRegion(Function from, String name) {
        Global g = program.global(from, name);
        return g == null ? null : globalRegion(g.var());
    }

    Region stringRegion(Operand.StrConst s) {
        String key = (s.wide() ? "L" : "") + s.value();
        return stringRegions.computeIfAbsent(key, k -> newRegion(Region.Kind.STRING, null, null, s.toString(),
                new CType.Array(s.wide() ? CType.INT : CType.CHAR, s.value().length() + 1, false), null, null, State.VALID));
    }

    private final Map<Sym, Region> pointees = new HashMap<>();

    /** The object an unknown or input pointer symbol points to (one per symbol for the whole analysis). */
    Region symRegion(State s, Sym p) {
        Region r = s.symRegions.get(p);
        if (r == null) {
            r = pointees.computeIfAbsent(p, k -> newRegion(Region.Kind.SYM, null, k, k.input() != null ? InputNames.describe(k.input(), fn, program) : "*" + k,
                    null, null, null, State.ANY_PTR));
            s.symRegions.put(p, r);
        }
        return r;
    }

    /** The region whose address symbol this is (for integer-to-pointer casts of addresses). */
    Region regionOfBase(Sym base) {
        return baseToRegion.get(base);
    }

    private final Map<AccessPath, Sym> inputs = new HashMap<>();

    /**
     * The symbol standing for an input value: one per access path for the whole analysis, so that
     * paths which read the same input at different points still agree on it (and can be joined).
     */
    Val input(State s, AccessPath path, CType t) {
        Sym sym = inputs.computeIfAbsent(path, k -> sym(k, false, t));
        return typed(s, sym, t);
    }

    /** A value for a fresh symbol of a type: pointers point to a fresh unknown object, integers get the type's range. */
    Val typed(State s, Sym sym, CType t) {
        if (t instanceof CType.Ptr) {
            Region r = symRegion(s, sym);
            return new Val.Loc(r, Lin.ZERO);
        }
        if (t instanceof CType.Int it) {
            long lo = it.min();
            long hi = it.max();
            if (lo != Long.MIN_VALUE || hi != Long.MAX_VALUE) s.ranges.put(sym, new Range(lo, hi));
        }
        return Val.Num.of(sym);
    }

    Val fresh(State s, CType t, boolean tainted) {
        return typed(s, sym(null, tainted, t), t);
    }

    /**
     * The value at a symbolic offset ({@code table[minor]}) that the memory does not hold: unknown, but
     * the same unknown each time this path reads the same contents at the same offset, so that
     * {@code lock(&t[i]->l); ...; unlock(&t[i]->l)} names one lock. Contents are immutable: a write to
     * the object makes a new version, which gets a fresh value again. A join forgets these values: a
     * widened loop variable then stands for another iteration's index.
     */
    Val symbolicRead(State s, Region r, Mem m, Lin off, CType t, boolean tainted) {
        State.SymbolicRead key = new State.SymbolicRead(r, off, t.size(), t instanceof CType.Ptr, tainted);
        Val v = s.symbolicRead(key, m);
        if (v == null) {
            v = fresh(s, t, tainted);
            s.rememberSymbolicRead(key, m, v);
        }
        return v;
    }

    /** The initial contents of a global as this function first sees it. */
    Mem initialGlobal(State s, Var v) {
        Global g = program.global(fn, v.name());
        boolean constant = g != null && g.defined() && program.neverWritten(v.name());
        if (constant) {
            Mem.Builder m = new Mem.Builder(Mem.of(Mem.Fill.ZERO));
            for (Global.Init i : g.inits()) m.put(i.offset(), i.type(), constValue(i.value()));
            // Addresses of other globals (a table of pointers to constant arrays).
            for (Global.AddrInit a : g.addrInits()) {
                Global target = program.global(fn, a.target());
                if (target == null) return Mem.of(Mem.Fill.INPUT);
                m.put(a.offset(), CType.VOID_PTR, new Val.Loc(globalRegion(target.var()), Lin.of(a.targetOffset())));
            }
            for (Global.OpaqueInit o : g.opaqueInits()) m.put(o.offset(), o.type(), fresh(s, o.type(), false));
            return m.build();
        }
        return Mem.of(Mem.Fill.INPUT);
    }

    private Val constValue(Operand op) {
        if (op instanceof Operand.IntConst ic) return Val.Num.of(ic.value());
        if (op instanceof Operand.FuncRef f) return new Val.Fn(f.name());
        if (op instanceof Operand.StrConst sc) return new Val.Loc(stringRegion(sc), Lin.ZERO);
        return Val.Num.of(0);
    }

    /** The access path whose targets fill a region with INPUT contents. */
    AccessPath inputPathOf(Region r) {
        if (r.kind() == Region.Kind.SYM) return r.pointer().input();
        if (r.kind() == Region.Kind.VAR && r.var() != null) {
            if (r.var().isGlobal()) return AccessPath.global(r.var().name());
            if (r.var().kind() == Var.Kind.PARAM) {
                int i = fn.params().indexOf(r.var());
                return i >= 0 ? AccessPath.param(i) : null;
            }
        }
        return null;
    }

    // ------------------------------------------------------------ the exploration

    Summary run() {
        deadline = System.nanoTime() + budget.safetySecondsPerFunction() * 1_000_000_000L;
        State init = initialState();
        List<Block> blocks = fn.blocks();
        Map<Block, Integer> order = new IdentityHashMap<>();
        for (int i = 0; i < blocks.size(); i++) order.put(blocks.get(i), i);
        Map<Integer, List<State>> pending = new HashMap<>();
        Map<Integer, List<State>> loopHistory = new HashMap<>();
        Map<Integer, Map<Object, Integer>> loopVisits = new HashMap<>();
        PriorityQueue<Integer> queue = new PriorityQueue<>();
        pending.computeIfAbsent(0, k -> new ArrayList<>()).add(init);
        queue.add(0);
        while (!queue.isEmpty()) {
            int bi = queue.poll();
            if (System.nanoTime() - deadline > 0) {
                timedOut = true;
                stop("still running after " + budget.safetySecondsPerFunction() + " s (safety net; function skipped)");
                break;
            }
            List<State> arrived = pending.remove(bi);
            if (arrived == null || arrived.isEmpty()) continue;
            Block b = blocks.get(bi);
            java.util.Set<Var> live = fn.liveIn(b);
            for (State s : arrived) s.prune(live);
            List<State> states = Joins.mergeAll(this, arrived, budget.maxStatesPerBlock(), false);
            if (b.isLoopHead()) states = loopFilter(bi, states, loopHistory, loopVisits);
            if (EngineStats.ON) {
                EngineStats.ARRIVED.add(arrived.size());
                EngineStats.KEPT.add(states.size());
            }
            if (DEBUG) System.err.println("block B" + bi + " states=" + states.size() + " arrived=" + arrived.size());
            for (State s : states) {
                if (DEBUG) System.err.println("   regs=" + s.regs.size() + " mem=" + s.mem.size() + " cells=" + s.mem.values().stream().mapToInt(m -> m.cells().size()).sum()
                        + " ranges=" + s.ranges.size() + " ptr=" + s.ptr.size() + " res=" + s.res.size() + " sym=" + s.symRegions.size()
                        + " eff=" + (s.effects == null ? 0 : s.effects.inOrder().size()));
                if (overBudget) break;
                for (Map.Entry<Block, State> out : execBlock(b, s)) {
                    int si = order.get(out.getKey());
                    pending.computeIfAbsent(si, k -> new ArrayList<>()).add(out.getValue());
                    queue.add(si);
                }
            }
            if (overBudget) break;
        }
        for (Checker c : checkers) c.onFunctionEnd(this);
        List<Summary.Outcome> outs = Joins.mergeOutcomes(this, outcomes, budget.maxOutcomes());
        return new Summary(fn.name(), outs, !overBudget, Ownership.of(fn, outs));
    }

    /** At a loop head: join with what was seen before under the same key, widening after two visits. */
    private List<State> loopFilter(int bi, List<State> states, Map<Integer, List<State>> history,
                                   Map<Integer, Map<Object, Integer>> visits) {
        List<State> hist = history.computeIfAbsent(bi, k -> new ArrayList<>());
        Map<Object, Integer> count = visits.computeIfAbsent(bi, k -> new HashMap<>());
        List<State> out = new ArrayList<>();
        int total = count.merge(TOTAL, states.size(), Integer::sum);
        if (total > 8 * budget.maxStatesPerBlock()) {
            loopCutoffs++;
            return out; // this loop keeps producing new shapes: stop unrolling it (counted, reported)
        }
        List<Object> histKeys = new ArrayList<>();
        for (State h : hist) histKeys.add(h.joinKey());
        for (State s : states) {
            Object key = s.joinKey();
            int idx = histKeys.indexOf(key);
            if (idx < 0) {
                if (hist.size() >= budget.maxStatesPerBlock()) {
                    // Too many shapes at this loop head: fold into one that agrees on inputs and locks.
                    idx = Joins.foldTarget(hist, s, 0);
                } else {
                    // The history keeps its own copy: executing the block refines the state in place
                    // (the loop's exit edge), which must not leak into what later visits join with.
                    hist.add(s.copy());
                    histKeys.add(key);
                    count.put(key, 1);
                    out.add(s);
                    continue;
                }
            }
            State old = hist.get(idx);
            int n = count.merge(histKeys.get(idx), 1, Integer::sum);
            if (n > 6) continue; // a loop that never settles: stop unrolling it
            // The first iteration back is explored exactly (a loop that runs once, or the state after
            // one step, keeps its values); the history joins it all the same, and later visits widen.
            boolean exact = n == 2;
            State joined = Joins.join(this, old, s, n >= 3);
            if (Joins.leq(joined, old)) continue;
            hist.set(idx, joined.copy());
            Object jk = joined.joinKey();
            histKeys.set(idx, jk);
            count.put(jk, n);
            out.add(exact ? s : joined);
        }
        return out;
    }

    private State initialState() {
        State s = new State();
        s.shareEffectsAmongCopies();
        List<Var> params = fn.params();
        for (int i = 0; i < params.size(); i++) {
            Var p = params.get(i);
            if (!p.inMemory()) {
                s.regs.put(p, input(s, AccessPath.param(i), p.type()));
            } else if (p.type().isAggregate()) {
                s.mem.put(varRegion(p), Mem.of(Mem.Fill.INPUT));
            } else {
                Region r = varRegion(p);
                s.mem.put(r, Mem.of(Mem.Fill.UNDEF).put(0, p.type(), input(s, AccessPath.param(i), p.type())));
            }
        }
        List<Val> paramVals = new ArrayList<>();
        for (Var p : params) paramVals.add(p.inMemory() ? null : s.regs.get(p));
        SourcePos declPos = fn.decl() != null ? fn.decl().pos() : null;
        Locks.atEntry(this, s, Models.fromDeclaration(fn.decl()), paramVals, declPos);
        Locks.heldByCallers(this, s, heldAtEntry, paramVals, declPos);
        return s;
    }

    /** Executes a block on one state; returns (successor, state) pairs. */
    private List<Map.Entry<Block, State>> execBlock(Block b, State s0) {
        List<State> states = new ArrayList<>();
        states.add(s0);
        for (Instr i : b.instrs()) {
            current = i;
            List<State> next = new ArrayList<>();
            for (State s : states) {
                if (!step(1)) return List.of();
                next.addAll(exec.instr(s, i));
            }
            states = next.size() > budget.maxStatesPerBlock() * 4 ? Joins.mergeAll(this, next, budget.maxStatesPerBlock(), false) : next;
            if (states.isEmpty()) return List.of();
        }
        current = null;
        List<Map.Entry<Block, State>> out = new ArrayList<>();
        Terminator t = b.terminator();
        for (State s : states) {
            if (s.dead) continue;
            List<Map.Entry<Block, State>> succ = exec.terminator(s, t);
            // each successor state is work to come: a switch of 5,000 cases counts 5,000 steps
            if (!step(succ.size())) return List.of();
            out.addAll(succ);
        }
        return out;
    }

    void addOutcome(State s, Val ret) {
        outcomes.add(new Summary.Outcome(s.forSummary(ret), ret));
    }

    // ------------------------------------------------------------ Checker.Ctx

    @Override
    public Function function() {
        return fn;
    }

    @Override
    public boolean isInput(Region r) {
        return r.kind() == Region.Kind.SYM && r.pointer().input() != null;
    }

    @Override
    public Models models() {
        return models;
    }

    @Override
    public Summary summary(String function) {
        Function f = program.resolve(fn, function);
        return f == null ? null : summaries.get(f);
    }

    @Override
    public void report(Rule rule, SourcePos pos, String message, List<PathEvent> path, boolean latent) {
        findings.add(rule, fn, pos, message, path, latent);
    }

    @Override
    public void effect(State s, State.Custom effect) {
        s.addEffect(effect);
    }

    @Override
    public Instr current() {
        return current;
    }

    /** The events kept on a state's trail, oldest first, for a finding's path. */
    public static List<PathEvent> trail(State s) {
        List<PathEvent> out = new ArrayList<>();
        for (State.Trail t = s.trail; t != null; t = t.tail()) out.add(new PathEvent(t.pos(), t.message()));
        java.util.Collections.reverse(out);
        return out;
    }

    /** For tests: how many states the last run explored. */
    long steps() {
        return steps;
    }
}
