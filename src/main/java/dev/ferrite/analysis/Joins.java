package dev.ferrite.analysis;

import dev.ferrite.ir.CType;
import dev.ferrite.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Joining states: states that agree on what is tracked (object lifetimes, which object each
 * register points to) are merged into one, numbers widened to ranges. Different shapes stay separate
 * paths up to the budget, after which they are folded together (losing some precision, never
 * termination).
 */
final class Joins {
    private Joins() {
    }

    /** Merges states with equal join keys; at most {@code max} states remain. */
    static List<State> mergeAll(FunctionAnalysis A, List<State> in, int max, boolean widen) {
        if (in.size() <= 1) return in;
        List<State> out = new ArrayList<>();
        List<Object> keys = new ArrayList<>();
        Map<Object, Integer> index = new java.util.HashMap<>();
        for (State s : in) {
            Object k = s.joinKey();
            Integer found = index.get(k);
            int idx = found == null ? -1 : found;
            if (idx >= 0) {
                out.set(idx, join(A, out.get(idx), s, widen));
            } else if (out.size() < max) {
                index.put(k, out.size());
                out.add(s);
                keys.add(k);
            } else {
                // Over budget: fold into the last state. The fold keeps the objects and symbol facts of both
                // sides, and those only the replaced registers reached are garbage now: without collecting them,
                // a block folding hundreds of states (a call with many outcomes on many states) makes
                // states of thousands of dead objects that every later step copies and compares.
                int last = foldTarget(out, s, out.size() - 1);
                State folded = join(A, out.get(last), s, widen);
                folded.dropUnreachable(true);
                out.set(last, folded);
                index.remove(keys.get(last));
                Object nk = out.get(last).joinKey();
                keys.set(last, nk);
                index.put(nk, last);
            }
        }
        return out;
    }

    /**
     * Which of the kept states a state over budget is folded into: {@code fallback} when it holds the
     * same locks, else the first that does, else {@code fallback}. Folding paths that hold different
     * locks makes those locks unknown, and a later unlock then looks like a release of a lock the path
     * never took. Only the locks choose: the rest of the checkers' state (resources held, with the values
     * they name) differs between most paths, and sorting folds by it moves every other finding around.
     */
    static int foldTarget(List<State> kept, State s, int fallback) {
        LockSet locks = LockSet.of(s);
        if (LockSet.of(kept.get(fallback)).equals(locks)) return fallback;
        for (int i = 0; i < kept.size(); i++) {
            if (LockSet.of(kept.get(i)).equals(locks)) return i;
        }
        return fallback;
    }

    static List<Summary.Outcome> mergeOutcomes(FunctionAnalysis A, List<Summary.Outcome> in, int max) {
        if (in.size() <= 1) return in;
        List<Summary.Outcome> out = new ArrayList<>();
        List<Object> keys = new ArrayList<>();
        for (Summary.Outcome o : in) {
            Object k = List.of(o.state().joinKey(), retKey(o.ret()), effectsKey(o.state()));
            int idx = keys.indexOf(k);
            if (idx >= 0) {
                Summary.Outcome prev = out.get(idx);
                State j = join(A, prev.state(), o.state(), false);
                out.set(idx, new Summary.Outcome(j, joinVal(A, j, prev.ret(), o.ret(), prev.state(), o.state(), false)));
            } else if (out.size() < max) {
                out.add(o);
                keys.add(k);
            } else {
                List<State> kept = new ArrayList<>();
                for (Summary.Outcome prior : out) kept.add(prior.state());
                int last = foldTarget(kept, o.state(), out.size() - 1);
                Summary.Outcome prev = out.get(last);
                State j = join(A, prev.state(), o.state(), false);
                out.set(last, new Summary.Outcome(j, joinVal(A, j, prev.ret(), o.ret(), prev.state(), o.state(), false)));
            }
        }
        return out;
    }

    private static Object retKey(Val v) {
        if (v == null) return "void";
        if (v instanceof Val.Loc l) return "loc" + l.region().id();
        if (v instanceof Val.Num n && n.isConstant()) return "n" + n.lin().constant();
        return v.getClass().getSimpleName();
    }

    private static Object effectsKey(State s) {
        List<Object> k = new ArrayList<>();
        for (State.Effect e : s.effects == null ? List.<State.Effect>of() : s.effects.inOrder()) {
            if (e instanceof State.Release r) k.add("free:" + r.pointer());
            else if (e instanceof State.Custom c && c.keyed()) k.add(c.kind() + ":" + c.pointer() + ":" + c.data());
        }
        return k;
    }

    /** The join of two states at the same program point; {@code widen} pushes moving bounds to infinity. */
    static State join(FunctionAnalysis A, State a, State b, boolean widen) {
        if (EngineStats.ON) EngineStats.JOINS.increment();
        State out = a.copy();
        // Locks the two sides disagree on are no longer known (only budget folds join such states);
        // where a lock was released is merged (it is not part of the key).
        LockSet la = LockSet.of(a);
        LockSet lb = LockSet.of(b);
        if (la != lb) {
            LockSet j = la.join(lb);
            if (j != la) out.setExt(LockSet.KEY, j); // (the join is a itself when it adds nothing)
        }
        out.joinExt(a, b);
        // Object lifetimes: disagreement means we no longer know; stop tracking that object.
        for (Map.Entry<Region, Resource> e : b.res.entrySet()) {
            Resource ra = a.res.get(e.getKey());
            if (ra == null) {
                out.res.put(e.getKey(), e.getValue());
            } else if (ra.status() != e.getValue().status()) {
                out.res.put(e.getKey(), ra.withStatus(Resource.Status.ESCAPED, null, null));
            }
        }
        // Registers.
        for (Map.Entry<Var, Val> e : b.regs.entrySet()) {
            Val va = a.regs.get(e.getKey());
            Val vb = e.getValue();
            if (va == null) {
                out.regs.put(e.getKey(), vb);
            } else if (!va.equals(vb)) {
                out.regs.put(e.getKey(), joinVal(A, out, va, vb, a, b, widen, e.getKey().type()));
            }
        }
        // Memory.
        for (Map.Entry<Region, Mem> e : b.mem.entrySet()) {
            Mem ma = a.mem.get(e.getKey());
            Mem mb = e.getValue();
            if (ma == null) {
                out.mem.put(e.getKey(), mb);
            } else if (!ma.equals(mb)) {
                out.mem.put(e.getKey(), joinMem(A, out, e.getKey(), ma, mb, a, b, widen));
            }
        }
        // Symbol ranges: a symbol known on both sides keeps the hull; widening drops moving bounds.
        Lazy inA = new Lazy(a);
        Lazy inB = new Lazy(b);
        for (Map.Entry<Sym, Range> e : a.ranges.entrySet()) {
            Range rb = b.ranges.get(e.getKey());
            if (rb == null) {
                if (inB.contains(e.getKey())) out.ranges.remove(e.getKey());
                continue;
            }
            Range j = widen ? e.getValue().widen(e.getValue().hull(rb)) : e.getValue().hull(rb);
            if (!j.equals(out.ranges.get(e.getKey()))) out.ranges.put(e.getKey(), j);
        }
        for (Map.Entry<Sym, Range> e : b.ranges.entrySet()) {
            if (!a.ranges.containsKey(e.getKey()) && !inA.contains(e.getKey())) out.ranges.put(e.getKey(), e.getValue());
        }
        out.excl.clear();
        for (Map.Entry<Sym, java.util.Set<Long>> e : a.excl.entrySet()) {
            java.util.Set<Long> eb = b.excl.get(e.getKey());
            if (eb == null) {
                if (!inB.contains(e.getKey()) && e.getKey().input() == null) out.excl.put(e.getKey(), e.getValue());
                continue;
            }
            java.util.Set<Long> common = new java.util.TreeSet<>(e.getValue());
            common.retainAll(eb);
            if (!common.isEmpty()) out.excl.put(e.getKey(), java.util.Collections.unmodifiableSet(common));
        }
        for (Map.Entry<Sym, java.util.Set<Long>> e : b.excl.entrySet()) {
            if (!a.excl.containsKey(e.getKey()) && !inA.contains(e.getKey()) && e.getKey().input() == null) out.excl.put(e.getKey(), e.getValue());
        }
        // A pointer of one side's own making (a call's result) that the other side never saw keeps its
        // status, as its range does: the other path has no such value (budget folds and loop heads
        // meet such states; a failed allocation on one side must not become "maybe valid").
        for (Map.Entry<Sym, Integer> e : b.ptr.entrySet()) {
            Sym x = e.getKey();
            boolean onlyB = !a.ptr.containsKey(x) && x.input() == null && !inA.contains(x);
            out.ptr.put(x, onlyB ? e.getValue() : a.ptrStatus(x) | e.getValue());
        }
        for (Map.Entry<Sym, Integer> e : a.ptr.entrySet()) {
            Sym x = e.getKey();
            if (b.ptr.containsKey(x) || x.input() == null && !inB.contains(x)) continue;
            out.ptr.put(x, e.getValue() | b.ptrStatus(x));
        }
        // Relation marks are kept from either side (they only hold reports back); other marks from both.
        out.marks.entrySet().removeIf(e -> !e.getKey().startsWith("rel#") && !e.getValue().equals(b.marks.get(e.getKey())));
        for (Map.Entry<String, Object> e : b.marks.entrySet()) if (e.getKey().startsWith("rel#")) out.marks.putIfAbsent(e.getKey(), e.getValue());
        b.symRegions.forEach(out.symRegions::put); // (put, unlike putAll, leaves a shared map alone when nothing changes)
        b.handles.forEach(out.handles::put);
        b.cmps.forEach(out.cmps::putIfAbsent);
        b.defs.forEach(out.defs::putIfAbsent);
        b.sizes.forEach(out.sizes::putIfAbsent);
        if (a.effects != b.effects) {
            // Same signature (the join key): the union only adds positions. Different signatures
            // only meet when a budget forces a fold: keep what both did, never invent effects.
            out.effects = a.effectSignature().equals(b.effectSignature()) ? unionEffects(a.effects, b.effects)
                    : intersectEffects(a.effects, b.effects);
        }
        out.keepCommonSymbolicReads(a, b);
        return out;
    }

    static State.Effects unionEffects(State.Effects a, State.Effects b) {
        if (a == null) return b;
        if (b == null) return a;
        // b's effects from the tail it shares with a (the path before the fork) are all in a already.
        State.Effects common = commonTail(a, b);
        List<State.Effects> newer = new ArrayList<>();
        for (State.Effects e = b; e != common; e = e.tail()) newer.add(e);
        if (newer.isEmpty()) return a;
        java.util.Collections.reverse(newer);
        if (hasLockOp(newer) && hasLockOpAbove(a, common)) return unionInOrder(a, common, newer);
        State.Effects byKeys = State.Effects.unionByKeys(a, newer);
        if (byKeys != null) return byKeys;
        // Which of b's few new effects a has already: one walk down a against a set of those few
        // (a set of all of a's effects per join made joins quadratic in the path's length).
        java.util.Map<HeadKey, Boolean> seen = new java.util.HashMap<>();
        for (State.Effects e : newer) seen.put(new HeadKey(e), Boolean.FALSE);
        int left = seen.size();
        for (State.Effects e = a; e != null && left > 0; e = e.tail()) {
            HeadKey k = new HeadKey(e);
            if (seen.get(k) == Boolean.FALSE) {
                seen.put(k, Boolean.TRUE);
                left--;
            }
        }
        State.Effects out = a;
        for (State.Effects e : newer) {
            HeadKey k = new HeadKey(e);
            if (seen.put(k, Boolean.TRUE) == Boolean.FALSE) out = new State.Effects(e, out);
        }
        return out;
    }

    /**
     * The union of a and b's new effects with the order of each side kept. Lock operations are not in
     * the join key (what they leave is in the LockSet), so paths that took and released a lock in
     * different steps join; a caller replays the union in order, and b's release and re-acquire put
     * after a's final release would leave the lock held (ehci_adjust_port_wakeup_flags: unlock, msleep,
     * lock on some paths). Each of b's new effects goes before the first of a's later effects that b
     * also has; effects a has elsewhere are not repeated, as in the unordered union.
     */
    private static State.Effects unionInOrder(State.Effects a, State.Effects common, List<State.Effects> newer) {
        List<State.Effects> mine = new ArrayList<>();
        for (State.Effects e = a; e != common; e = e.tail()) mine.add(e);
        java.util.Collections.reverse(mine); // oldest first
        java.util.Map<HeadKey, List<Integer>> where = new java.util.HashMap<>();
        for (int i = 0; i < mine.size(); i++) where.computeIfAbsent(new HeadKey(mine.get(i)), k -> new ArrayList<>()).add(i);
        java.util.Set<HeadKey> before = new java.util.HashSet<>();
        for (State.Effects e = common; e != null; e = e.tail()) before.add(new HeadKey(e));
        java.util.Set<HeadKey> added = new java.util.HashSet<>();
        State.Effects out = common;
        int next = 0; // mine[0, next) are in out
        for (State.Effects e : newer) {
            HeadKey k = new HeadKey(e);
            List<Integer> at = where.get(k);
            int j = -1;
            if (at != null) for (int i : at) if (i >= next) {
                j = i;
                break;
            }
            if (j >= 0) {
                for (; next <= j; next++) out = new State.Effects(mine.get(next), out);
            } else if (at == null && !before.contains(k) && added.add(k)) {
                out = new State.Effects(e, out);
            }
        }
        for (; next < mine.size(); next++) out = new State.Effects(mine.get(next), out);
        return out;
    }

    private static boolean hasLockOp(List<State.Effects> nodes) {
        for (State.Effects e : nodes) if (isLockOp(e)) return true;
        return false;
    }

    private static boolean hasLockOpAbove(State.Effects list, State.Effects end) {
        for (State.Effects e = list; e != end; e = e.tail()) if (isLockOp(e)) return true;
        return false;
    }

    private static boolean isLockOp(State.Effects node) {
        return node.head() instanceof State.Custom c && c.kind().equals(Locks.EFFECT);
    }

    /** An effect as a set element, with the hash its list node computed once. */
    private static final class HeadKey {
        private final State.Effect effect;
        private final int hash;

        HeadKey(State.Effects node) {
            this.effect = node.head();
            this.hash = node.headHash();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof HeadKey k && k.hash == hash && (k.effect == effect || k.effect.equals(effect));
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** The longest tail two effect lists share (the same nodes), or null. */
    private static State.Effects commonTail(State.Effects a, State.Effects b) {
        int na = length(a);
        int nb = length(b);
        for (; na > nb; na--) a = a.tail();
        for (; nb > na; nb--) b = b.tail();
        while (a != b) {
            a = a.tail();
            b = b.tail();
        }
        return a;
    }

    private static int length(State.Effects e) {
        return e == null ? 0 : e.size();
    }

    private static State.Effects intersectEffects(State.Effects a, State.Effects b) {
        if (a == null || b == null) return null;
        java.util.Set<Object> inB = new java.util.HashSet<>();
        for (State.Effects e = b; e != null; e = e.tail()) inB.add(e.foldKey(Joins::effectKey));
        List<State.Effects> nodes = new ArrayList<>();
        for (State.Effects e = a; e != null; e = e.tail()) nodes.add(e);
        java.util.Collections.reverse(nodes); // oldest first
        // The oldest effects all kept are a's own tail, shared as it is.
        State.Effects out = null;
        int i = 0;
        for (; i < nodes.size() && inB.contains(nodes.get(i).foldKey(Joins::effectKey)); i++) out = nodes.get(i);
        for (; i < nodes.size(); i++) {
            if (inB.contains(nodes.get(i).foldKey(Joins::effectKey))) out = new State.Effects(nodes.get(i), out);
        }
        return out;
    }

    private static Object effectKey(State.Effect e) {
        if (e instanceof State.Access a) return new FoldKey(List.of("a", a.pointer(), a.write()));
        if (e instanceof State.Use u) return new FoldKey(List.of("u", u.value()));
        if (e instanceof State.Release r) return new FoldKey(List.of("r", r.pointer()));
        if (e instanceof State.Custom c) return new FoldKey(List.of("c", c.kind(), String.valueOf(c.pointer()), String.valueOf(c.data())));
        return e;
    }

    /** An effect's parts as a set element, with its hash computed once (the key is kept on the effect's node). */
    private static final class FoldKey {
        private final List<Object> parts;
        private final int hash;

        FoldKey(List<Object> parts) {
            this.parts = parts;
            this.hash = parts.hashCode();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof FoldKey k && k.hash == hash && k.parts.equals(parts);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** The symbols a state mentions, computed on first need. */
    private static final class Lazy {
        private final State s;
        private java.util.Set<Sym> syms;

        Lazy(State s) {
            this.s = s;
        }

        boolean contains(Sym x) {
            if (syms == null) syms = s.mentionedSyms();
            return syms.contains(x);
        }
    }

    static Val joinVal(FunctionAnalysis A, State out, Val va, Val vb, State a, State b, boolean widen) {
        return joinVal(A, out, va, vb, a, b, widen, null);
    }

    private static Val joinVal(FunctionAnalysis A, State out, Val va, Val vb, State a, State b, boolean widen, CType type) {
        if (va == null || vb == null) return va == null ? vb : va;
        if (va.equals(vb)) return va;
        if (va instanceof Val.Num na && vb instanceof Val.Num nb) {
            Range ra = a.rangeOf(na.lin());
            Range rb = b.rangeOf(nb.lin());
            Sym x = na.lin().asSym();
            // Keep a's symbol when it already covers b's value: loops then settle.
            if (x != null && x.input() == null && ra.includes(rb)) {
                out.noteReusedInJoin(x);
                return va;
            }
            Range j = widen ? ra.widen(ra.hull(rb)) : ra.hull(rb);
            Sym n = A.sym(null, tainted(na) || tainted(nb));
            if (j.lo() != Long.MIN_VALUE || j.hi() != Long.MAX_VALUE) out.ranges.put(n, j);
            // A value that was an input on one side (a count the loop decrements) keeps its relation to it
            // only as a mark: its range alone would let callers replay it as if unrelated.
            if (fromInput(a, na.lin()) || fromInput(b, nb.lin())) out.marks.put(Assume.relationKey(n), Boolean.TRUE);
            return Val.Num.of(n);
        }
        if (va instanceof Val.Loc la && vb instanceof Val.Loc lb && la.region().equals(lb.region())) {
            Val off = joinVal(A, out, new Val.Num(la.offset()), new Val.Num(lb.offset()), a, b, widen, null);
            return new Val.Loc(la.region(), ((Val.Num) off).lin());
        }
        if (va instanceof Val.Undef) return vb instanceof Val.Undef ? va : vb;
        if (vb instanceof Val.Undef) return va;
        // Different objects: an unknown pointer (both objects stop being tracked through this value).
        if (va instanceof Val.Loc || vb instanceof Val.Loc) {
            forget(out, va);
            forget(out, vb);
            Sym n = A.sym(null, false);
            Region r = A.symRegion(out, n);
            int bits = 0;
            bits |= va instanceof Val.Loc la2 ? a.ptrStatus(la2.region().base()) : numBits(a, va);
            bits |= vb instanceof Val.Loc lb2 ? b.ptrStatus(lb2.region().base()) : numBits(b, vb);
            out.ptr.put(r.base(), bits == 0 ? State.ANY_PTR : bits);
            return new Val.Loc(r, Lin.ZERO);
        }
        return A.fresh(out, type != null ? type : CType.LONG, false);
    }

    /**
     * What an integer joined with a pointer may be as a pointer: NULL only if it may be 0, an error
     * pointer if it may lie in [-4095, -1] (ERR_PTR(err) on a failure path), else an address.
     */
    private static int numBits(State s, Val v) {
        if (!(v instanceof Val.Num n)) return State.NULL;
        Range r = s.rangeOf(n.lin());
        int bits = 0;
        if (r.contains(0)) bits |= State.NULL;
        if (!r.meet(new Range(-4095, -1)).isEmpty()) bits |= State.ERR;
        if (r.lo() < -4095 || r.hi() > 0) bits |= State.VALID;
        return bits == 0 ? State.NULL : bits;
    }

    private static boolean fromInput(State s, Lin l) {
        for (Sym x : l.terms().keySet()) if (x.input() != null || s.marks.containsKey(Assume.relationKey(x))) return true;
        return false;
    }

    /** A reference the join cannot keep: the object it pointed to is no longer tracked (not leaked). */
    private static void forget(State out, Val v) {
        forget(out, v, 3);
    }

    private static void forget(State out, Val v, int depth) {
        if (!(v instanceof Val.Loc l)) return;
        Resource r = out.res.get(l.region());
        if (r != null && r.status() == Resource.Status.ALLOCATED) {
            out.res.put(l.region(), r.withStatus(Resource.Status.ESCAPED, null, null));
        }
        if (depth <= 0) return;
        Mem m = out.mem.get(l.region());
        if (m == null) return;
        for (Mem.Cell c : m.cells().values()) {
            if (!(c.val() instanceof Val.Loc inner) || !inner.region().equals(l.region())) forget(out, c.val(), depth - 1);
        }
    }

    private static boolean tainted(Val.Num n) {
        for (Sym s : n.lin().terms().keySet()) if (s.tainted()) return true;
        return false;
    }

    private static Mem joinMem(FunctionAnalysis A, State out, Region r, Mem ma, Mem mb, State a, State b, boolean widen) {
        if (ma == mb) return ma; // equal cells join to themselves (a large constant table is shared, not rebuilt)
        Mem.Fill fill = ma.fill() == mb.fill() ? ma.fill()
                : ma.fill() == Mem.Fill.TAINTED || mb.fill() == Mem.Fill.TAINTED ? Mem.Fill.TAINTED : Mem.Fill.UNKNOWN;
        Mem m = Mem.of(fill);
        if (fill == Mem.Fill.UNDEF && (ma.hasWrittenSpan() || mb.hasWrittenSpan())) {
            // Optimistic like the join of an unwritten value with a written one: the hull.
            long lo = Math.min(ma.hasWrittenSpan() ? ma.writtenLo() : Long.MAX_VALUE, mb.hasWrittenSpan() ? mb.writtenLo() : Long.MAX_VALUE);
            long hi = Math.max(ma.hasWrittenSpan() ? ma.writtenHi() : Long.MIN_VALUE, mb.hasWrittenSpan() ? mb.writtenHi() : Long.MIN_VALUE);
            m = m.withWrittenSpan(lo, hi);
        }
        java.util.TreeSet<Long> offsets = new java.util.TreeSet<>(ma.cells().keySet());
        offsets.addAll(mb.cells().keySet());
        for (Long off : offsets) {
            Mem.Cell ca = ma.at(off);
            Mem.Cell cb = mb.at(off);
            if (ca != null && cb != null && ca.size() != cb.size()) {
                forget(out, ca.val());
                forget(out, cb.val());
                continue; // different shapes: the joined bytes are unknown
            }
            dev.ferrite.ir.CType t = ca != null ? ca.type() : cb.type();
            // A cell one side lacks holds that side's fill value there (never "nothing").
            Val va = ca != null ? ca.val() : A.exec.implicit(a, r, ma, off, t);
            Val vb = cb != null ? cb.val() : A.exec.implicit(b, r, mb, off, t);
            if (va == null || vb == null) {
                if (ca != null) forget(out, ca.val());
                if (cb != null) forget(out, cb.val());
                continue;
            }
            Val v = joinVal(A, out, va, vb, a, b, widen, t);
            if (fill == Mem.Fill.UNDEF && v instanceof Val.Undef) continue;
            m = m.put(off, t, v);
        }
        return m;
    }

    /** True when {@code a} says nothing {@code b} does not (then exploring a again adds nothing). */
    static boolean leq(State a, State b) {
        if (!a.joinKey().equals(b.joinKey())) return false;
        if (!State.extCovers(b, a)) return false;
        for (Map.Entry<Var, Val> e : a.regs.entrySet()) {
            Val vb = b.regs.get(e.getKey());
            if (!covers(b, vb, a, e.getValue())) return false;
        }
        for (Map.Entry<Region, Mem> e : a.mem.entrySet()) {
            Mem mb = b.mem.get(e.getKey());
            if (mb == null) return false;
            if (mb.equals(e.getValue())) continue;
            if (mb.fill() != e.getValue().fill() && mb.fill() != Mem.Fill.UNKNOWN) return false;
            Mem ma = e.getValue();
            if (ma.hasWrittenSpan() && mb.fill() == Mem.Fill.UNDEF
                    && !(mb.hasWrittenSpan() && mb.writtenLo() <= ma.writtenLo() && ma.writtenHi() <= mb.writtenHi())) {
                return false;
            }
            for (Map.Entry<Long, Mem.Cell> c : e.getValue().cells().entrySet()) {
                Mem.Cell cb = mb.at(c.getKey());
                if (cb == null) {
                    if (mb.fill() == Mem.Fill.UNKNOWN) continue;
                    return false;
                }
                if (!covers(b, cb.val(), a, c.getValue().val())) return false;
            }
        }
        for (Map.Entry<Sym, Integer> e : a.ptr.entrySet()) {
            if ((b.ptrStatus(e.getKey()) & e.getValue()) != e.getValue()) return false;
        }
        return true;
    }

    private static boolean covers(State sb, Val vb, State sa, Val va) {
        if (vb == null) return va == null;
        if (vb.equals(va)) {
            if (va instanceof Val.Num n) return sb.rangeOf(n.lin()).includes(sa.rangeOf(n.lin()));
            if (va instanceof Val.Loc l) return sb.rangeOf(l.offset()).includes(sa.rangeOf(l.offset()));
            return true;
        }
        if (vb instanceof Val.Num nb && va instanceof Val.Num na) {
            return nb.lin().asSym() != null && sb.rangeOf(nb.lin()).includes(sa.rangeOf(na.lin()));
        }
        if (vb instanceof Val.Loc lb && va instanceof Val.Loc la && lb.region().equals(la.region())) {
            return lb.offset().asSym() != null && sb.rangeOf(lb.offset()).includes(sa.rangeOf(la.offset()))
                    || lb.offset().equals(la.offset());
        }
        return false;
    }
}
