package dev.ferrite.analysis;

import dev.ferrite.frontend.SourcePos;
import dev.ferrite.ir.CType;
import dev.ferrite.ir.Function;
import dev.ferrite.ir.Instr;
import dev.ferrite.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a callee's summary at a call site. For each outcome: the callee's input symbols are
 * replaced by what the caller passes (arguments, globals, what they point to); the outcome is kept
 * only if its facts about the inputs can hold; the callee's effects on inputs (reads, writes,
 * releases) are replayed on the caller's objects, so checkers see them at the call; the callee's
 * writes and new objects are copied into the caller's state; the returned value is mapped.
 */
final class Instantiate {
    /** Above this many cells, a write-back copies the target's cells once (Exec.writeAll), not once per cell. */
    private static final int MANY_CELLS = 64;

    private Instantiate() {
    }

    static List<State> apply(FunctionAnalysis A, State s, Instr.Call c, String name, Summary sum, List<Val> args) {
        List<Summary.Outcome> outs = sum.outcomes();
        Function callee = A.program.resolve(A.fn, name);
        if (outs.isEmpty()) return List.of(); // the callee never returns
        List<State> result = new ArrayList<>();
        Object before = null; // the caller's input facts before any outcome (each starts from a copy of s)
        // A struct result whose address is taken (the usual lowering of `x = f()`) lives in memory:
        // a by-value result is written there directly.
        Region resultObject = c.dst() != null && c.dst().inMemory() ? A.varRegion(c.dst()) : null;
        for (int i = 0; i < outs.size(); i++) {
            Summary.Outcome o = outs.get(i);
            State t = s.copy();
            Mapper m = new Mapper(A, t, args, o.state(), callee, c.pos(), name);
            m.summary = sum;
            m.resultObject = resultObject;
            boolean checkFacts = outs.size() > 1 && failureResult(o);
            if (checkFacts && before == null) before = inputFacts(s);
            if (!m.preconditions()) continue;
            // A NULL or error result that needs facts about our inputs we do not have is the
            // callee's business under conditions we cannot see: not a case we make up here.
            if (checkFacts && !before.equals(inputFacts(t))) continue;
            m.replay(c);
            if (t.dead) continue;
            m.refineAfterReplay();
            m.writeBack(o.ret());
            if (m.conditional) m.latentUnwritten(outs);
            Val ret = o.ret() != null ? m.map(o.ret()) : null;
            // (a by-value result not kept in memory stays unknown, as before)
            if (m.byValue == null) A.calls.setResult(t, c, ret);
            else if (m.resultObject == null) A.calls.setResult(t, c, null);
            result.add(t);
        }
        if (result.isEmpty()) {
            // No outcome fits what we know here (our facts are coarser than the callee's): treat as unknown.
            return A.calls.unknown(s, c, name, args);
        }
        return result;
    }

    /**
     * The facts a state holds that a callee's precondition could invent: everything known about
     * input symbols, and which other symbols have any fact at all. A symbol the caller knows nothing
     * about (an input, or a value left by unknown code) that a precondition constrains is a case the
     * caller never chose; a refinement of what the caller already knows (a "may be NULL" allocation
     * result found NULL) is not.
     */
    private static Object inputFacts(State t) {
        Map<Long, Object> out = new java.util.TreeMap<>();
        for (Map.Entry<Sym, Range> e : t.ranges.entrySet()) fact(out, e.getKey(), "r", e.getValue());
        for (Map.Entry<Sym, java.util.Set<Long>> e : t.excl.entrySet()) fact(out, e.getKey(), "x", e.getValue());
        for (Map.Entry<Sym, Integer> e : t.ptr.entrySet()) fact(out, e.getKey(), "p", e.getValue());
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void fact(Map<Long, Object> out, Sym y, String kind, Object value) {
        if (y.input() != null) {
            ((List<Object>) out.computeIfAbsent(y.id(), k -> new ArrayList<>())).add(List.of(kind, value));
        } else {
            out.putIfAbsent(y.id(), "known");
        }
    }

    /** True when the outcome returns NULL or an error pointer. */
    private static boolean failureResult(Summary.Outcome o) {
        Val r = o.ret();
        if (r instanceof Val.Num n && n.isConstant()) {
            long c = n.lin().constant();
            return c == 0 || c >= -4095 && c < 0;
        }
        if (r instanceof Val.Loc l && l.offset().equals(Lin.ZERO)) {
            int st = o.state().ptrStatus(l.region().base());
            return (st & State.VALID) == 0;
        }
        return false;
    }

    /** Maps the callee's symbols and regions of one outcome to the caller's values. */
    @SuppressWarnings("unchecked")
    private static final class Mapper {
        final FunctionAnalysis A;
        final Exec X;
        final State t;
        final List<Val> args;
        final State f;
        final Function callee;
        final SourcePos pos;
        final String name;
        final Map<Sym, Val> syms = new HashMap<>();
        final Map<Region, Val.Loc> regions = new HashMap<>();
        final Map<AccessPath, Val> paths = new HashMap<>();
        /** Non-NULL facts the callee learnt only after dereferencing the pointer unchecked: adopted after the replay. */
        final List<Object[]> laterFacts = new ArrayList<>();
        /** True when the outcome needs facts about our values that our state does not already imply. */
        boolean conditional;
        /** The summary the outcome belongs to (its other outcomes tell which locks the callee takes). */
        Summary summary;
        /** The callee's local it returns by value (see {@link State#returnedByValue}), or null. */
        Region byValue;
        /** Where the call's result lives when it is in memory (a struct result whose address is taken), or null. */
        Region resultObject;

        Mapper(FunctionAnalysis a, State t, List<Val> args, State f, Function callee, SourcePos pos, String name) {
            this.A = a;
            this.X = a.exec;
            this.t = t;
            this.args = args;
            this.f = f;
            this.callee = callee;
            this.pos = pos;
            this.name = name;
        }

        // -------------------------------------------------------- values

        Val map(Val v) {
            if (v instanceof Val.Num n) return mapNum(n.lin());
            if (v instanceof Val.Loc l) {
                Val.Loc base = mapRegion(l.region());
                if (base == null) return A.fresh(t, CType.VOID_PTR, false);
                Val off = mapNum(l.offset());
                if (!(off instanceof Val.Num on)) return A.fresh(t, CType.VOID_PTR, false);
                return new Val.Loc(base.region(), base.offset().add(on.lin()));
            }
            return v;
        }

        private Val mapNum(Lin l) {
            if (l.isConstant()) return new Val.Num(l);
            Sym only = l.asSym();
            if (only != null) return mapSym(only);
            Lin out = Lin.of(l.constant());
            for (Map.Entry<Sym, Long> e : l.terms().entrySet()) {
                Val v = mapSym(e.getKey());
                if (v instanceof Val.Num n) {
                    out = out.add(n.lin().scale(e.getValue()));
                } else if (v instanceof Val.Loc loc && e.getValue() == 1) {
                    out = out.add(Lin.of(loc.region().base())).add(loc.offset());
                } else {
                    return A.fresh(t, CType.LONG, false);
                }
            }
            return new Val.Num(out);
        }

        Val mapSym(Sym x) {
            Val v = syms.get(x);
            if (v != null) return v;
            if (x.input() != null) {
                v = resolve(x.input(), x.type());
            } else {
                Region r = f.symRegions.get(x);
                Sym n = A.sym(null, x.tainted(), x.type());
                Range rr = f.ranges.get(x);
                if (rr != null) t.ranges.put(n, rr);
                if (r != null) {
                    Region nr = A.symRegion(t, n);
                    t.ptr.put(nr.base(), f.ptrStatus(x));
                    v = new Val.Loc(nr, Lin.ZERO);
                } else {
                    v = Val.Num.of(n);
                }
            }
            syms.put(x, v);
            return v;
        }

        /** The caller's value for a callee input. */
        Val resolve(AccessPath ap, CType type) {
            Val known = paths.get(ap);
            if (known != null) return known;
            Val v;
            if (ap.depth() == 0) {
                if (ap.root() == AccessPath.Root.PARAM) {
                    v = ap.index() < args.size() ? args.get(ap.index()) : A.fresh(t, type != null ? type : CType.LONG, false);
                } else {
                    Region g = A.globalRegion(callee, ap.global());
                    v = g != null ? new Val.Loc(g, Lin.ZERO) : A.fresh(t, CType.VOID_PTR, false);
                }
            } else {
                List<Long> d = ap.derefs();
                AccessPath parent = new AccessPath(ap.root(), ap.index(), ap.global(), d.subList(0, d.size() - 1));
                Val p = resolve(parent, CType.VOID_PTR);
                Val.Loc loc = X.asLoc(t, p);
                CType ty = type != null ? type : CType.LONG;
                if (loc == null) {
                    v = A.fresh(t, ty, false);
                } else {
                    v = X.read(t, loc.region(), loc.offset().addConst(d.get(d.size() - 1)), ty);
                    if (v instanceof Val.Undef u) {
                        X.undefUse(t, u, "value read by a called function", pos);
                        v = A.fresh(t, ty, false);
                    }
                }
            }
            paths.put(ap, v);
            return v;
        }

        Val.Loc mapRegion(Region r) {
            if (regions.containsKey(r)) return regions.get(r);
            Val.Loc out;
            switch (r.kind()) {
                case SYM -> {
                    Val v = mapSym(r.pointer());
                    out = X.asLoc(t, v);
                    if (out == null && v instanceof Val.Num n && n.isConstant()) out = null;
                }
                case VAR -> {
                    Var var = r.var();
                    if (var != null && var.isGlobal()) {
                        Region g = A.globalRegion(callee, var.name());
                        out = g != null ? new Val.Loc(g, Lin.ZERO) : null;
                    } else if (r == byValue) {
                        // The struct the callee returns by value: our result object, or a new one, gets its contents.
                        out = new Val.Loc(resultObject != null ? resultObject
                                : A.newRegion(Region.Kind.ALLOCA, null, null, r.name(), r.type(), r.site(), t, State.VALID), Lin.ZERO);
                    } else {
                        out = null; // a callee local: gone after the call
                    }
                }
                case STRING -> out = new Val.Loc(r, Lin.ZERO);
                default -> {
                    // An object the callee created: a new object of ours.
                    Region nr = A.newRegion(r.kind(), null, null, r.name(), r.type(), r.site(), t, f.ptrStatus(r.base()));
                    syms.put(r.base(), Val.Num.of(nr.base()));
                    Range br = f.ranges.get(r.base());
                    if (br != null) t.ranges.put(nr.base(), br);
                    if (f.handles.containsKey(r.base())) t.handles.put(nr.base(), nr);
                    out = new Val.Loc(nr, Lin.ZERO);
                    regions.put(r, out);
                    Lin size = f.sizes.get(r);
                    if (size != null && mapNum(size) instanceof Val.Num sn) t.sizes.put(nr, sn.lin());
                    Resource res = f.res.get(r);
                    if (res != null) t.res.put(nr, res);
                }
            }
            regions.put(r, out);
            return out;
        }

        // -------------------------------------------------------- preconditions

        /** Checks the facts the outcome learnt about inputs against the caller's values, and adopts them. */
        boolean preconditions() {
            for (Map.Entry<Sym, Range> e : f.ranges.entrySet()) {
                Sym x = e.getKey();
                if (x.input() == null) continue;
                Range r = e.getValue();
                Val v = mapSym(x);
                if (v instanceof Val.Num n) {
                    if (!r.includes(t.rangeOf(n.lin()))) conditional = true;
                    State st = t;
                    if (r.lo() != Long.MIN_VALUE) st = Assume.ints(A, st, dev.ferrite.ir.Rvalue.BinOp.GE, n.lin(), Lin.of(r.lo()));
                    if (st != null && r.hi() != Long.MAX_VALUE) st = Assume.ints(A, st, dev.ferrite.ir.Rvalue.BinOp.LE, n.lin(), Lin.of(r.hi()));
                    if (st == null) return false;
                }
            }
            for (Map.Entry<Sym, java.util.Set<Long>> e : f.excl.entrySet()) {
                Sym x = e.getKey();
                if (x.input() == null) continue;
                Val v = mapSym(x);
                if (!(v instanceof Val.Num n)) continue;
                for (Long c : e.getValue()) {
                    if (mayEqual(n.lin(), c)) conditional = true;
                    if (Assume.ints(A, t, dev.ferrite.ir.Rvalue.BinOp.NE, n.lin(), Lin.of(c)) == null) return false;
                }
            }
            if (!derivedPreconditions()) return false;
            Set<AccessPath> unchecked = uncheckedAccesses();
            for (Map.Entry<Sym, Integer> e : f.ptr.entrySet()) {
                Sym x = e.getKey();
                if (x.input() == null) continue;
                int bits = e.getValue();
                if (bits == State.ANY_PTR) continue;
                Val v = mapSym(x);
                if ((bits & State.NULL) == 0 && unchecked.contains(x.input())) {
                    // The callee dereferenced the pointer before it ruled NULL out: with ours NULL,
                    // that dereference is what happens (the replay reports it), not another outcome.
                    if (v instanceof Val.Loc l && l.offset().equals(Lin.ZERO)) {
                        laterFacts.add(new Object[] {l.region().base(), bits});
                        continue;
                    }
                    if (v instanceof Val.Num n && n.isConstant() && n.lin().constant() == 0) continue;
                }
                if (v instanceof Val.Loc l) {
                    if (!l.offset().isConstant() || l.offset().constant() != 0) {
                        if ((bits & State.VALID) == 0) return false;
                        continue;
                    }
                    // The callee handles a NULL or error pointer, but nothing here says ours may be
                    // one: we do not invent that case (it would only be the callee's defensive check).
                    if ((bits & State.VALID) == 0 && t.ptrStatus(l.region().base()) == State.ANY_PTR) return false;
                    if ((t.ptrStatus(l.region().base()) & ~bits) != 0) conditional = true;
                    if (Assume.refinePtr(t, l.region().base(), bits) == null) return false;
                } else if (v instanceof Val.Num n && n.isConstant()) {
                    long c = n.lin().constant();
                    int have = c == 0 ? State.NULL : c >= -4095 && c < 0 ? State.ERR : State.VALID;
                    if ((have & bits) == 0) return false;
                } else if (v instanceof Val.Fn && (bits & State.VALID) == 0) {
                    return false;
                }
            }
            return true;
        }

        private boolean mayEqual(Lin v, long c) {
            if (v.isConstant()) return v.constant() == c;
            Sym x = v.asSym();
            return t.rangeOf(v).contains(c) && (x == null || !t.excludes(x, c));
        }

        /**
         * The callee's branch conditions on values it computed from its inputs ({@code pos & 3}),
         * evaluated with ours: false when ours rule the outcome out (a constant aligned offset);
         * a condition our values do not decide is adopted (our own callers see it in turn).
         */
        private boolean derivedPreconditions() {
            for (Object o : f.marks.values()) {
                if (!(o instanceof State.Pre p)) continue;
                if (!(mapNum(p.def().left()) instanceof Val.Num l) || !(mapNum(p.def().right()) instanceof Val.Num r)) {
                    conditional = true;
                    continue;
                }
                if (!(X.arith(t, p.def().op(), l, r, p.def().type()) instanceof Val.Num v)) {
                    conditional = true;
                    continue;
                }
                Range have = t.rangeOf(v.lin());
                if (!p.range().includes(have)) conditional = true;
                State st = t;
                if (p.range().lo() != Long.MIN_VALUE) st = Assume.ints(A, st, dev.ferrite.ir.Rvalue.BinOp.GE, v.lin(), Lin.of(p.range().lo()));
                if (st != null && p.range().hi() != Long.MAX_VALUE) st = Assume.ints(A, st, dev.ferrite.ir.Rvalue.BinOp.LE, v.lin(), Lin.of(p.range().hi()));
                if (st == null) return false;
                for (Long c : p.excl()) {
                    if (mayEqual(v.lin(), c)) conditional = true;
                    if (Assume.ints(A, t, dev.ferrite.ir.Rvalue.BinOp.NE, v.lin(), Lin.of(c)) == null) return false;
                }
            }
            return true;
        }

        /** The input paths the outcome dereferenced while NULL was still possible for them. */
        private Set<AccessPath> uncheckedAccesses() {
            Set<AccessPath> out = new HashSet<>();
            if (f.effects == null) return out;
            for (State.Effect e : f.effects.inOrder()) {
                if (e instanceof State.Access a && a.unchecked()) out.add(a.pointer());
            }
            return out;
        }

        /** Adopts the non-NULL facts deferred by {@link #preconditions}; false when one cannot hold. */
        void refineAfterReplay() {
            for (Object[] fact : laterFacts) {
                if (Assume.refinePtr(t, (Sym) fact[0], (Integer) fact[1]) == null) {
                    t.dead = true;
                    return;
                }
            }
        }

        // -------------------------------------------------------- effects

        void replay(Instr.Call c) {
            if (f.effects == null) return;
            List<State.Effect> effects = f.effects.inOrder();
            if (EngineStats.ON) {
                EngineStats.REPLAYED.add(effects.size());
                for (State.Effect e : effects) EngineStats.replayed(e);
            }
            // Reads and writes first (against the objects as the caller passed them), then releases.
            Set<Object> seen = new HashSet<>();
            Map<State.Access, Lin[]> extents = new HashMap<>();
            for (State.Effect e : effects) {
                if (e instanceof State.Access a) {
                    if (!seen.add(a.sized() ? List.of(a.pointer(), a.write(), a.offset(), a.length(), a.unchecked()) : List.of(a.pointer(), a.unchecked()))) continue;
                    Val p = resolve(a.pointer(), CType.VOID_PTR);
                    List<String> v = notes(a, a.via());
                    // An access under conditions on the callee's inputs our values cannot meet never happens here.
                    if (a.sized() && !a.guards().isEmpty() && cannotMeet(a.guards())) continue;
                    Lin[] ext = a.sized() ? extent(a) : null;
                    Val.Loc base = ext != null ? X.asLoc(t, p) : null;
                    if (base != null) {
                        // The callee's reach into our object: its offset and length, in our terms.
                        Val.Loc at = new Val.Loc(base.region(), base.offset().add(ext[0]));
                        Checker.Access.Kind kind = a.kind();
                        if (kind == Checker.Access.Kind.SCAN || kind == Checker.Access.Kind.SCAN_WIDE) {
                            // The callee reads the string up to its terminator: measure the one we pass.
                            int unit = kind == Checker.Access.Kind.SCAN_WIDE ? 4 : 1;
                            ext = new Lin[] {ext[0], MemModels.scanExtent(t, at, unit)};
                            boolean stillInput = at.region().kind() == Region.Kind.SYM && at.region().pointer().input() != null
                                    && Strings.exactAt(t, at, unit) == null;
                            if (!stillInput) kind = Checker.Access.Kind.STRING;
                        }
                        extents.put(a, ext);
                        X.deref(t, at, ext[1], kind, a.write(), pos, describe(c, a.pointer()), v,
                                a.guards().isEmpty() ? null : guardsHere(a.guards()));
                    } else {
                        X.deref(t, p, 0, a.write(), pos, describe(c, a.pointer()), v);
                    }
                    if (t.dead) return;
                } else if (e instanceof State.OwnReach r) {
                    replayReach(r, notes(r, r.via()));
                } else if (e instanceof State.Use u) {
                    // Resolving reports a value the caller never wrote; our own inputs pass the use on.
                    X.used(t, resolve(u.value(), u.type()), pos);
                }
            }
            Set<AccessPath> released = new HashSet<>();
            for (State.Effect e : effects) {
                if (e instanceof State.Release r) {
                    if (!released.add(r.pointer())) continue;
                    Val p = resolve(r.pointer(), CType.VOID_PTR);
                    List<String> v = notes(r, r.via());
                    A.calls.release(t, p, r.fn(), r.family(), pos, describe(c, r.pointer()), v);
                    // Keep the release in our own summary when the object is one of our inputs.
                    Val.Loc loc = X.asLoc(t, p);
                    if (loc != null && loc.region().kind() == Region.Kind.SYM && loc.region().pointer().input() != null) {
                        t.addEffect(new State.Release(loc.region().pointer().input(), r.fn(), r.family(), pos, v));
                    }
                } else if (e instanceof State.Custom cu) {
                    Val p = cu.pointer() != null ? resolve(cu.pointer(), CType.VOID_PTR) : null;
                    if (cu.kind().equals("escape")) {
                        Val.Loc loc = p != null ? X.asLoc(t, p) : null;
                        if (loc != null) A.calls.escapeDeep(t, loc.region(), 1);
                    } else if (cu.kind().equals(Locks.EFFECT)) {
                        Locks.replay(A, t, cu, p, pos, name, summary);
                    } else {
                        for (Checker ch : A.checkers) ch.onReplay(A, t, cu, p, pos, name);
                    }
                }
            }
            for (State.Effect e : effects) {
                if (e instanceof State.Access a) {
                    // Accesses to our own inputs become our effects too.
                    Val p = paths.get(a.pointer());
                    Val.Loc loc = p != null ? X.asLoc(t, p) : null;
                    if (loc != null && loc.region().kind() == Region.Kind.SYM && loc.region().pointer().input() != null) {
                        boolean unchecked = a.unchecked() && (t.ptrStatus(loc.region().base()) & State.NULL) != 0;
                        List<String> v = notes(a, null);
                        Lin[] ext = extents.get(a);
                        if (ext != null && !Assume.related(t, loc.offset().add(ext[0])) && !Assume.related(t, ext[1])) {
                            t.addAccess(loc.region().pointer().input(), a.write(), pos, a.what(), v, loc.offset().add(ext[0]), ext[1], a.kind(), unchecked,
                                    guardsHere(a.guards()));
                        } else {
                            t.addEffect(new State.Access(loc.region().pointer().input(), a.write(), pos, a.what(), v, unchecked));
                        }
                    }
                }
            }
        }

        /**
         * A callee's access to its own object, checked with our values: only when they can satisfy the
         * ranges its inputs had there (the callee's own guards), on a copy refined by them.
         */
        private void replayReach(State.OwnReach r, List<String> via) {
            // Lengths of input strings become the lengths of our strings, when we know them and they fit.
            Map<Sym, Lin> known = new HashMap<>();
            for (Map.Entry<Sym, Strings.LengthOf> e : r.lengths().entrySet()) {
                Val.Loc s = X.asLoc(t, resolve(e.getValue().pointer(), CType.VOID_PTR));
                Lin n = s != null ? Strings.exactAt(t, s, e.getValue().unit()) : null;
                if (n == null) continue;
                Range frozen = r.ranges().getOrDefault(e.getKey(), Range.TOP);
                Range have = t.rangeOf(n);
                if (have.hi() < frozen.lo() || have.lo() > frozen.hi()) return; // the callee's guard rules it out
                known.put(e.getKey(), n);
            }
            Lin off = mapWith(r.offset(), r.ranges(), known);
            Lin len = off == null ? null : mapWith(r.length(), r.ranges(), known);
            Lin size = len == null ? null : mapWith(r.size(), r.ranges(), known);
            if (size == null) return;
            State g = guarded(r.guards());
            if (g == null) return;
            g.sizes.put(r.region(), size);
            Val.Loc at = new Val.Loc(r.region(), off);
            long bytes = len.isConstant() ? Math.max(0, len.constant()) : 1;
            Checker.Access a = new Checker.Access(at, r.region(), off, bytes, r.write(), pos, r.what(), via, len, r.kind());
            for (Checker ch : A.checkers) ch.onAccess(A, g, a);
            // Still depending on our own inputs: our callers check it in turn.
            X.reach(g, r.region(), off, len, r.kind(), r.write(), pos, r.what(), via);
            if (g.effects != t.effects) t.addEffect(g.effects.head());
        }

        /** The guards last checked by {@link #cannotMeet}, the versions of our facts then, and the answer. */
        private Map<Sym, Range> lastGuards;
        private int[] lastGuardFacts;
        private boolean lastCannotMeet;

        /**
         * True when our values cannot have the ranges the callee's inputs had at an access. A callee's
         * accesses mostly share their guards: the answer is kept while our facts (the ranges, excluded
         * values and definitions the check reads) stay as they were.
         */
        private boolean cannotMeet(Map<Sym, Range> guards) {
            int[] before = guardFacts();
            if (lastGuards != null && java.util.Arrays.equals(before, lastGuardFacts) && guards.equals(lastGuards)) {
                return lastCannotMeet;
            }
            boolean out = guarded(guards) == null;
            // (a first check may map new symbols into our state: kept only once checking changed nothing)
            int[] after = guardFacts();
            lastGuards = java.util.Arrays.equals(before, after) ? guards : null;
            lastGuardFacts = after;
            lastCannotMeet = out;
            return out;
        }

        private int[] guardFacts() {
            return new int[] {t.ranges.version(), t.excl.version(), t.defs.version()};
        }

        /**
         * The ranges our inputs have where a callee's access happens: ours here, narrowed by the callee's
         * guards on its inputs (the fourth pass of a loop needs a count of at least 4, in our callers too).
         */
        private Map<Sym, Range> guardsHere(Map<Sym, Range> calleeGuards) {
            if (calleeGuards.isEmpty()) return t.inputGuards();
            // A callee's accesses mostly share one guards map: its result is kept while our state is unchanged.
            Object[] memo = guardsMemo.get(calleeGuards);
            if (memo != null && t.sameContents((int[]) memo[0])) return (Map<Sym, Range>) memo[1];
            State g = guarded(calleeGuards);
            Map<Sym, Range> out = g != null ? g.inputGuards() : t.inputGuards();
            guardsMemo.put(calleeGuards, new Object[] {t.contentVersions(), out});
            return out;
        }

        /** Results of {@link #guardsHere} per callee guards map (by identity), with the versions of our state they hold for. */
        private final Map<Map<Sym, Range>, Object[]> guardsMemo = new java.util.IdentityHashMap<>();

        /** A copy of our state refined by the ranges the callee's inputs had at an access, or null when our values cannot have them. */
        private State guarded(Map<Sym, Range> guards) {
            State g = t.copy();
            for (Map.Entry<Sym, Range> e : guards.entrySet()) {
                if (!(mapSym(e.getKey()) instanceof Val.Num n)) continue;
                Range rg = e.getValue();
                if (rg.lo() != Long.MIN_VALUE) g = Assume.ints(A, g, dev.ferrite.ir.Rvalue.BinOp.GE, n.lin(), Lin.of(rg.lo()));
                if (g != null && rg.hi() != Long.MAX_VALUE) g = Assume.ints(A, g, dev.ferrite.ir.Rvalue.BinOp.LE, n.lin(), Lin.of(rg.hi()));
                if (g == null) return null;
            }
            return g;
        }

        /** The offset and length of a callee's access in the caller's terms (its own symbols as they ranged then), or null. */
        private Lin[] extent(State.Access a) {
            Lin off = mapWith(a.offset(), a.ranges());
            Lin len = off == null ? null : mapWith(a.length(), a.ranges());
            return len == null ? null : new Lin[] {off, len};
        }

        private Lin mapWith(Lin l, Map<Sym, Range> frozen) {
            return mapWith(l, frozen, Map.of());
        }

        private Lin mapWith(Lin l, Map<Sym, Range> frozen, Map<Sym, Lin> known) {
            Lin out = Lin.of(l.constant());
            for (Map.Entry<Sym, Long> e : l.terms().entrySet()) {
                Sym x = e.getKey();
                Val v;
                Range r = frozen.get(x);
                if (known.containsKey(x)) {
                    v = new Val.Num(known.get(x));
                } else if (r != null) {
                    Sym n = A.sym(null, x.tainted(), x.type());
                    if (r.lo() != Long.MIN_VALUE || r.hi() != Long.MAX_VALUE) t.ranges.put(n, r);
                    v = Val.Num.of(n);
                } else {
                    v = mapSym(x);
                }
                if (!(v instanceof Val.Num n)) return null;
                out = out.add(n.lin().scale(e.getValue()));
            }
            return out;
        }

        /**
         * The path notes of a callee effect replayed here: where in the callee it happened, then the
         * effect's own notes ({@code rest}, or none when null). Made once per callee name and effect in
         * this function (a summary is replayed on every state at every call): the same list each time.
         */
        private List<String> notes(State.Effect e, List<String> rest) {
            Map<State.Effect, List<String>> byEffect = (rest != null ? A.replayNotes : A.replayNotesShort)
                    .computeIfAbsent(name, k -> new java.util.IdentityHashMap<>());
            List<String> v = byEffect.get(e);
            if (v == null) {
                List<String> n = new ArrayList<>();
                n.add(name + ":" + e.pos().line() + ":" + e.pos().column());
                if (rest != null) n.addAll(rest);
                v = java.util.Collections.unmodifiableList(n);
                byEffect.put(e, v);
            }
            return v;
        }

        /** {@link #describeOnce}, remembered per call, callee name and input path in this function. */
        private String describe(Instr.Call c, AccessPath ap) {
            Map<AccessPath, String> byPath = A.replayTexts.computeIfAbsent(c, k -> new HashMap<>())
                    .computeIfAbsent(name, k -> new HashMap<>());
            String d = byPath.get(ap);
            if (d == null) {
                d = describeOnce(c, ap);
                byPath.put(ap, d);
            }
            return d;
        }

        private String describeOnce(Instr.Call c, AccessPath ap) {
            if (ap.root() == AccessPath.Root.PARAM && ap.depth() == 0 && ap.index() < c.args().size()) {
                return Calls.argText(c, ap.index());
            }
            // Deeper: the callee's fields, from our argument when it is a variable (leds->num_leds), else
            // from the callee's parameter; never the internal path ('*(arg0+8)').
            String root = null;
            if (ap.root() == AccessPath.Root.PARAM && ap.index() < c.args().size()
                    && c.args().get(ap.index()) instanceof dev.ferrite.ir.Var v && !v.isTemp()) {
                root = v.name();
            }
            return InputNames.describe(ap, callee, A.program, root);
        }

        // -------------------------------------------------------- writes and new objects

        void writeBack(Val ret) {
            Set<Region> visible = Reach.fromExit(f, ret);
            byValue = State.returnedByValue(ret);
            // Objects the callee created and the caller can reach (also handles without memory).
            for (Region r : f.res.keySet()) {
                if ((r.kind() == Region.Kind.HEAP || r.kind() == Region.Kind.ALLOCA) && visible.contains(r)) mapRegion(r);
            }
            for (Map.Entry<Region, Mem> e : f.mem.entrySet()) {
                Region r = e.getKey();
                if ((r.kind() == Region.Kind.HEAP || r.kind() == Region.Kind.ALLOCA) && !visible.contains(r)) continue;
                if (r.kind() == Region.Kind.STRING) continue;
                if (r.kind() == Region.Kind.VAR && (r.var() == null || !r.var().isGlobal()) && r != byValue) continue;
                Resource res = f.res.get(r);
                if (r.kind() == Region.Kind.HEAP && res != null && res.status() == Resource.Status.FREED) continue;
                Val.Loc to = mapRegion(r);
                if (Boolean.getBoolean("ferrite.debugWriteBack")) System.err.println("writeBack " + name + " " + r + " -> " + to + " cells " + e.getValue().cells());
                if (to == null || to.region().kind() == Region.Kind.STRING) continue;
                Mem m = e.getValue();
                boolean created = r.kind() == Region.Kind.HEAP || r.kind() == Region.Kind.ALLOCA || r == byValue;
                AccessPath base = created ? null : A.inputPathOf(r);
                if (created) {
                    t.mem.put(to.region(), Mem.of(m.fill()));
                } else if ((m.fill() == Mem.Fill.UNKNOWN || m.fill() == Mem.Fill.TAINTED) && !initialFill(r, m)) {
                    X.havoc(t, to.region(), to.offset(), -1, m.fill() == Mem.Fill.TAINTED);
                }
                // Many cells at a constant place: one copy of the target's cells for all of them (Exec.writeAll).
                List<Exec.CellWrite> batch = m.cells().size() > MANY_CELLS && to.offset().isConstant() ? new ArrayList<>() : null;
                for (Map.Entry<Long, Mem.Cell> c : m.cells().entrySet()) {
                    Val v = c.getValue().val();
                    if (base != null && unchanged(v, base.deref(c.getKey()))) continue;
                    if (batch != null) batch.add(new Exec.CellWrite(to.offset().constant() + c.getKey(), c.getValue().type(), map(v)));
                    else X.write(t, to.region(), to.offset().addConst(c.getKey()), c.getValue().type(), map(v));
                }
                if (batch != null) X.writeAll(t, to.region(), batch);
                // The string the callee left in the object (its length in our terms).
                Strings.Fact sf = Strings.get(f, r);
                if (sf != null && to.offset().equals(Lin.ZERO) && mapNum(sf.len()) instanceof Val.Num sl) {
                    Strings.set(t, to.region(), new Strings.Fact(sl.lin(), sf.exact(), sf.unit()));
                }
            }
            for (Map.Entry<Region, Resource> e : f.res.entrySet()) {
                Region r = e.getKey();
                if (r.kind() == Region.Kind.SYM && e.getValue().status() == Resource.Status.ESCAPED) {
                    Val.Loc to = mapRegion(r);
                    if (to != null) A.calls.escapeDeep(t, to.region(), 1);
                }
            }
        }

        /**
         * Cells of the objects our pointers reach that another outcome writes and this one leaves
         * alone, where ours were never written: the callee leaves them unwritten only under conditions
         * on values we do not decide, so a use of them is latent, not manifest.
         */
        void latentUnwritten(List<Summary.Outcome> all) {
            for (Summary.Outcome other : all) {
                if (other.state() == f) continue;
                for (Map.Entry<Region, Mem> e : other.state().mem.entrySet()) {
                    Region r = e.getKey();
                    if (r.kind() != Region.Kind.SYM || r.pointer().input() == null || r.pointer().input().depth() != 0) continue;
                    Mem mine = f.mem.get(r);
                    AccessPath base = r.pointer().input();
                    Val.Loc to = null;
                    for (Map.Entry<Long, Mem.Cell> c : e.getValue().cells().entrySet()) {
                        long off = c.getKey();
                        if (mine != null && mine.at(off) != null) continue;
                        if (unchanged(c.getValue().val(), base.deref(off))) continue;
                        if (to == null) to = mapRegion(r);
                        if (to == null || to.region().kind() == Region.Kind.STRING) break;
                        if (!to.offset().isConstant()) break;
                        long at = to.offset().constant() + off;
                        Mem ours = X.mem(t, to.region());
                        Mem.Cell cell = ours.at(at);
                        CType ty = c.getValue().type();
                        // (only never-written bytes matter: reading an input's implicit value would make it a precondition)
                        Val cur = cell != null ? cell.val() : ours.fill() == Mem.Fill.UNDEF ? X.implicit(t, to.region(), ours, at, ty) : null;
                        if (cur instanceof Val.Undef u && !u.latent() && (cell == null || cell.type().size() == ty.size())) {
                            t.mem.put(to.region(), ours.put(at, ty, new Val.Undef(u.origin(), true)));
                        }
                    }
                }
            }
        }

        /** True when the region's contents are still what the callee started with (nothing written over all). */
        private boolean initialFill(Region r, Mem m) {
            return r.kind() == Region.Kind.SYM && r.pointer().input() == null;
        }

        private static boolean unchanged(Val v, AccessPath expected) {
            Sym x = v instanceof Val.Num n ? n.lin().asSym()
                    : v instanceof Val.Loc l && l.offset().equals(Lin.ZERO) && l.region().kind() == Region.Kind.SYM ? l.region().pointer() : null;
            return x != null && expected.equals(x.input());
        }
    }
}
