package dev.ferrite.analysis;

import dev.ferrite.ir.Var;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The abstract state at one program point on one path (or a join of similar paths): register
 * values, memory, what is known of symbols, and the lifetime of objects. States are mutable while a
 * block is executed and copied at every fork; maps keep insertion order so runs are deterministic.
 */
public final class State {
    /** Pointer status bits of a region's base symbol. */
    public static final int NULL = 1;
    public static final int ERR = 2;
    public static final int VALID = 4;
    public static final int ANY_PTR = NULL | ERR | VALID;

    /** A comparison whose outcome a symbol holds (from {@code c = a < b}), so branches on it refine a and b. */
    public record Cmp(dev.ferrite.ir.Rvalue.BinOp op, Val left, Val right) {
    }

    final LinkedHashMap<Var, Val> regs;
    final LinkedHashMap<Region, Mem> mem;
    final LinkedHashMap<Sym, Range> ranges;
    /** Values a symbol is known not to take (from {@code x != c} inside its range). */
    final LinkedHashMap<Sym, java.util.Set<Long>> excl;
    final LinkedHashMap<Sym, Integer> ptr;
    final LinkedHashMap<Region, Resource> res;
    final LinkedHashMap<Sym, Region> symRegions;
    final LinkedHashMap<Sym, Region> handles;
    final LinkedHashMap<Sym, Cmp> cmps;
    final LinkedHashMap<String, Object> ext;
    /** Checker facts that hold on every path joined here (not part of join keys; joins intersect them). */
    final LinkedHashMap<String, Object> marks;
    /** Sizes of objects sized at run time (heap allocations, variable-length arrays), in bytes. */
    final LinkedHashMap<Region, Lin> sizes;
    Effects effects;
    Trail trail;
    /** Set on the path after a call that does not return. */
    boolean dead;

    State() {
        regs = new LinkedHashMap<>();
        mem = new LinkedHashMap<>();
        ranges = new LinkedHashMap<>();
        excl = new LinkedHashMap<>();
        ptr = new LinkedHashMap<>();
        res = new LinkedHashMap<>();
        symRegions = new LinkedHashMap<>();
        handles = new LinkedHashMap<>();
        cmps = new LinkedHashMap<>();
        ext = new LinkedHashMap<>();
        marks = new LinkedHashMap<>();
        sizes = new LinkedHashMap<>();
        effects = null;
        trail = null;
    }

    private State(State o) {
        regs = new LinkedHashMap<>(o.regs);
        mem = new LinkedHashMap<>(o.mem);
        ranges = new LinkedHashMap<>(o.ranges);
        excl = new LinkedHashMap<>(o.excl);
        ptr = new LinkedHashMap<>(o.ptr);
        res = new LinkedHashMap<>(o.res);
        symRegions = new LinkedHashMap<>(o.symRegions);
        handles = new LinkedHashMap<>(o.handles);
        cmps = new LinkedHashMap<>(o.cmps);
        ext = new LinkedHashMap<>(o.ext);
        marks = new LinkedHashMap<>(o.marks);
        sizes = new LinkedHashMap<>(o.sizes);
        effects = o.effects;
        signature = o.signature;
        trail = o.trail;
        dead = o.dead;
    }

    public State copy() {
        return new State(this);
    }

    // ------------------------------------------------------------ read access for checkers

    public Val reg(Var v) {
        return regs.get(v);
    }

    public Range range(Sym s) {
        return ranges.getOrDefault(s, Range.TOP);
    }

    public int ptrStatus(Sym base) {
        Integer st = ptr.get(base);
        if (st != null) return st;
        return base.isObjectAddress() ? VALID : ANY_PTR;
    }

    /** True when the symbol is known to differ from {@code v}. */
    public boolean excludes(Sym x, long v) {
        java.util.Set<Long> e = excl.get(x);
        return e != null && e.contains(v);
    }

    void exclude(Sym x, long v) {
        java.util.Set<Long> e = excl.get(x);
        if (e != null && e.contains(v)) return;
        java.util.TreeSet<Long> n = e == null ? new java.util.TreeSet<>() : new java.util.TreeSet<>(e);
        n.add(v);
        if (n.size() > 8) return; // keep it small: forget further facts
        excl.put(x, java.util.Collections.unmodifiableSet(n));
    }

    public Resource resource(Region r) {
        return res.get(r);
    }

    public Map<Region, Resource> resources() {
        return java.util.Collections.unmodifiableMap(res);
    }

    public Mem memory(Region r) {
        return mem.get(r);
    }

    public Map<Region, Mem> memories() {
        return java.util.Collections.unmodifiableMap(mem);
    }

    /** The effects on inputs so far, in order (null: none). */
    public Effects effects() {
        return effects;
    }

    /** Checker-specific state (lock sets, ...); values must be immutable and have value equality. */
    public Object ext(String key) {
        return ext.get(key);
    }

    public void setExt(String key, Object value) {
        if (value == null) ext.remove(key);
        else ext.put(key, value);
    }

    /** The object's size in bytes when known: run-time sizes first, then the declared type's. */
    public Lin size(Region r) {
        Lin l = sizes.get(r);
        if (l != null) return l;
        if (r.type() != null && r.type().size() >= 0 && r.kind() != Region.Kind.HEAP && r.kind() != Region.Kind.SYM) {
            return Lin.of(r.type().size());
        }
        return null;
    }

    /** A fact that holds on this path (kept through a join only if every joined path has it). */
    public Object mark(String key) {
        return marks.get(key);
    }

    public void setMark(String key, Object value) {
        if (value == null) marks.remove(key);
        else marks.putIfAbsent(key, value);
    }

    public Trail trail() {
        return trail;
    }

    public void note(dev.ferrite.frontend.SourcePos pos, String msg) {
        trail = new Trail(pos, msg, trail);
    }

    /**
     * Forgets registers that are dead at this point and facts about symbols nothing mentions any more
     * (facts about inputs are kept: they are the preconditions of the summary).
     */
    void prune(java.util.Set<Var> live) {
        regs.keySet().removeIf(v -> !live.contains(v));
        collectGarbage();
        java.util.Set<Sym> used = mentionedSyms();
        for (Lin l : sizes.values()) used.addAll(l.terms().keySet());
        for (Region r : res.keySet()) used.add(r.base());
        for (Sym h : handles.keySet()) used.add(h);
        for (Cmp c : cmps.values()) {
            mention(c.left(), used);
            mention(c.right(), used);
        }
        ranges.keySet().removeIf(x -> x.input() == null && !used.contains(x));
        excl.keySet().removeIf(x -> x.input() == null && !used.contains(x));
        cmps.keySet().removeIf(x -> !used.contains(x));
        ptr.keySet().removeIf(x -> x.input() == null && !used.contains(x) && !symRegionBases(x));
    }

    private boolean symRegionBases(Sym x) {
        return false;
    }

    /**
     * Drops the contents of objects nothing can reach any more (registers, globals, inputs and live
     * objects are the roots). Lifetimes stay: an unreachable allocated object is a leak to report.
     */
    void collectGarbage() {
        java.util.Set<Region> seen = new java.util.HashSet<>();
        java.util.ArrayDeque<Region> work = new java.util.ArrayDeque<>();
        for (Val v : regs.values()) markVal(v, seen, work);
        for (Region r : mem.keySet()) {
            boolean root = r.isGlobal() || r.kind() == Region.Kind.SYM && r.pointer().input() != null
                    || r.kind() == Region.Kind.VAR && r.var() != null && !r.var().isGlobal();
            if (root && seen.add(r)) work.add(r);
        }
        while (!work.isEmpty()) {
            Mem m = mem.get(work.poll());
            if (m == null) continue;
            for (Mem.Cell c : m.cells().values()) markVal(c.val(), seen, work);
        }
        mem.keySet().removeIf(r -> !seen.contains(r));
        symRegions.entrySet().removeIf(e -> e.getKey().input() == null && !seen.contains(e.getValue()));
    }

    private void markVal(Val v, java.util.Set<Region> seen, java.util.ArrayDeque<Region> work) {
        if (v instanceof Val.Loc l && seen.add(l.region())) work.add(l.region());
        else if (v instanceof Val.Num n) {
            for (Sym x : n.lin().terms().keySet()) {
                Region h = handles.get(x);
                if (h != null && seen.add(h)) work.add(h);
                Region sr = symRegions.get(x);
                if (sr != null && seen.add(sr)) work.add(sr);
            }
        }
    }

    /**
     * What a caller needs of this state at a return: the objects it can reach (through inputs,
     * globals and the returned value) and their contents, facts about inputs and about the symbols
     * those contents mention, lifetimes of reachable or input objects, and the effects on inputs
     * (one access per input path and kind, every release).
     */
    State forSummary(Val ret) {
        State o = new State();
        java.util.Set<Region> visible = Reach.fromExit(this, ret);
        java.util.Set<Sym> used = new java.util.HashSet<>();
        mention(ret, used);
        for (Map.Entry<Region, Mem> e : mem.entrySet()) {
            Region r = e.getKey();
            // Objects that are neither the caller's (inputs, globals) nor new objects the caller gets
            // (heap) are unknown to the caller anyway: their contents read as unknown there.
            boolean keep = r.kind() == Region.Kind.SYM ? r.pointer().input() != null
                    : r.isGlobal() || visible.contains(r) && (r.kind() == Region.Kind.HEAP || r.kind() == Region.Kind.ALLOCA);
            if (!keep) continue;
            o.mem.put(r, e.getValue());
            for (Mem.Cell c : e.getValue().cells().values()) mention(c.val(), used);
        }
        used.addAll(Strings.keepForSummary(this, o));
        for (Map.Entry<Region, Resource> e : res.entrySet()) {
            Region r = e.getKey();
            if (visible.contains(r) || r.kind() == Region.Kind.SYM) {
                o.res.put(r, e.getValue());
                used.add(r.base());
            }
        }
        for (Map.Entry<Region, Lin> e : sizes.entrySet()) {
            if (visible.contains(e.getKey())) {
                o.sizes.put(e.getKey(), e.getValue());
                used.addAll(e.getValue().terms().keySet());
            }
        }
        for (Map.Entry<Sym, Region> e : symRegions.entrySet()) {
            if (e.getKey().input() != null || used.contains(e.getKey())) o.symRegions.put(e.getKey(), e.getValue());
        }
        for (Map.Entry<Sym, Region> e : handles.entrySet()) {
            if (visible.contains(e.getValue())) o.handles.put(e.getKey(), e.getValue());
        }
        for (Map.Entry<Sym, Range> e : ranges.entrySet()) {
            if (e.getKey().input() != null || used.contains(e.getKey())) o.ranges.put(e.getKey(), e.getValue());
        }
        for (Map.Entry<Sym, java.util.Set<Long>> e : excl.entrySet()) {
            if (e.getKey().input() != null || used.contains(e.getKey())) o.excl.put(e.getKey(), e.getValue());
        }
        for (Map.Entry<Sym, Integer> e : ptr.entrySet()) {
            if (e.getKey().input() != null || used.contains(e.getKey())) o.ptr.put(e.getKey(), e.getValue());
        }
        o.ext.putAll(ext);
        // Effects: releases and checker effects all; accesses once per (path, kind).
        java.util.Set<Object> seenAccess = new java.util.HashSet<>();
        java.util.List<Effect> kept = new java.util.ArrayList<>();
        int sized = 0;
        for (Effect e : effects == null ? java.util.List.<Effect>of() : effects.inOrder()) {
            if (e instanceof Access a) {
                // Extents matter for bounds: a few distinct sized accesses per input are kept.
                boolean keepSized = a.sized() && sized < 16 && seenAccess.add(List.of(a.pointer(), a.write(), a.offset(), a.length()));
                if (keepSized) {
                    sized++;
                } else if (!seenAccess.add(List.of(a.pointer(), a.write(), a.unchecked()))) {
                    continue;
                } else if (a.sized()) {
                    e = new Access(a.pointer(), a.write(), a.pos(), a.what(), a.via(), a.unchecked());
                }
            }
            kept.add(e);
        }
        for (Effect e : kept) o.addEffect(e);
        o.dead = dead;
        return o;
    }

    /** Checker state ({@link #ext}) that refers to values: their symbols' facts are kept while it does. */
    public interface MentionsVals {
        List<Val> vals();
    }

    /** Every symbol a register, a memory cell or checker state mentions. */
    java.util.Set<Sym> mentionedSyms() {
        java.util.Set<Sym> out = new java.util.HashSet<>();
        for (Val v : regs.values()) mention(v, out);
        for (Mem m : mem.values()) for (Mem.Cell c : m.cells().values()) mention(c.val(), out);
        for (Object o : ext.values()) {
            if (o instanceof MentionsVals mv) for (Val v : mv.vals()) mention(v, out);
        }
        return out;
    }

    private static void mention(Val v, java.util.Set<Sym> out) {
        if (v instanceof Val.Num n) out.addAll(n.lin().terms().keySet());
        else if (v instanceof Val.Loc l) {
            out.addAll(l.offset().terms().keySet());
            out.add(l.region().base());
        }
    }

    /** The range of an integer value (constants, linear expressions over ranged symbols). */
    public Range rangeOf(Lin l) {
        Range r = Range.of(l.constant());
        for (Map.Entry<Sym, Long> e : l.terms().entrySet()) r = r.add(range(e.getKey()).scale(e.getValue()));
        return r;
    }

    // ------------------------------------------------------------ effects log and trail

    /** An effect on an input object, kept in order along the path; summaries are built from it. */
    public sealed interface Effect {
        dev.ferrite.frontend.SourcePos pos();
    }

    /**
     * The function read or wrote through an input pointer. {@code unchecked}: the function had not
     * ruled out NULL for the pointer then (a NULL check it makes later does not protect this access).
     */
    public record Access(AccessPath pointer, boolean write, dev.ferrite.frontend.SourcePos pos, String what, List<String> via,
                         Lin offset, Lin length, Checker.Access.Kind kind, Map<Sym, Range> ranges, boolean unchecked) implements Effect {
        /** An access whose extent does not matter (kept once per input path and kind). */
        public Access(AccessPath pointer, boolean write, dev.ferrite.frontend.SourcePos pos, String what, List<String> via, boolean unchecked) {
            this(pointer, write, pos, what, via, null, null, Checker.Access.Kind.PLAIN, Map.of(), unchecked);
        }

        /** The extent of the access when it is worth replaying for bounds (not a plain one-byte-or-so access at a fixed offset 0). */
        boolean sized() {
            return offset != null && length != null && !(offset.equals(Lin.ZERO) && length.isConstant() && length.constant() <= 8);
        }
    }

    /** The function released an input object. */
    public record Release(AccessPath pointer, String fn, String family, dev.ferrite.frontend.SourcePos pos, List<String> via)
            implements Effect {
    }

    /**
     * The function used a value it read through an input pointer (in a condition or as an argument):
     * in a caller that left that memory unwritten, the call reads an uninitialized value.
     */
    public record Use(AccessPath value, dev.ferrite.ir.CType type, dev.ferrite.frontend.SourcePos pos) implements Effect {
    }

    /** A checker-defined effect (lock operations and the like), replayed in callers by the checker. */
    public record Custom(String kind, AccessPath pointer, Object data, dev.ferrite.frontend.SourcePos pos) implements Effect {
    }

    /** A persistent list of effects (newest first). */
    public record Effects(Effect head, Effects tail) {
        public List<Effect> inOrder() {
            List<Effect> out = new ArrayList<>();
            for (Effects e = this; e != null; e = e.tail) out.add(e.head);
            java.util.Collections.reverse(out);
            return out;
        }
    }

    /**
     * Records an access through an input pointer with its extent; the ranges the offset's and
     * length's own symbols have now are kept with it (later branches refine those symbols, e.g. a
     * loop counter on the loop's exit edge, which must not change what this access reached).
     */
    void addAccess(AccessPath p, boolean write, dev.ferrite.frontend.SourcePos pos, String what, List<String> via, Lin offset, Lin length,
                   Checker.Access.Kind kind, boolean unchecked) {
        Map<Sym, Range> rs = new java.util.TreeMap<>();
        for (Sym x : offset.terms().keySet()) if (x.input() == null) rs.put(x, range(x));
        for (Sym x : length.terms().keySet()) if (x.input() == null) rs.put(x, range(x));
        addEffect(new Access(p, write, pos, what, via, offset, length, kind, java.util.Collections.unmodifiableMap(rs), unchecked));
    }

    void addEffect(Effect e) {
        effects = new Effects(e, effects);
        signature = null;
    }

    private java.util.Set<Object> signature;

    void resetSignature() {
        signature = null;
    }

    /** Which inputs were read, written, released or otherwise affected (not where or how often). */
    java.util.Set<Object> effectSignature() {
        if (signature != null) return signature;
        java.util.Set<Object> sig = new java.util.TreeSet<>(java.util.Comparator.comparing(Object::toString));
        for (Effects e = effects; e != null; e = e.tail()) {
            Effect h = e.head();
            if (h instanceof Access a) sig.add((a.write() ? "w:" : "r:") + a.pointer());
            else if (h instanceof Release r) sig.add("f:" + r.pointer());
            else if (h instanceof Custom c) sig.add(c.kind() + ":" + c.pointer() + ":" + c.data());
        }
        signature = sig;
        return sig;
    }

    /** A persistent list of path notes (newest first), for the events shown with a finding. */
    public record Trail(dev.ferrite.frontend.SourcePos pos, String message, Trail tail) {
    }

    // ------------------------------------------------------------ joins

    /**
     * What must agree for two states at the same point to be joined: the lifetime of every object and
     * whether each register points into the same region. Values that only differ in numbers are joined.
     */
    Object joinKey() {
        List<Object> key = new ArrayList<>();
        for (Map.Entry<Region, Resource> e : res.entrySet()) {
            key.add(e.getKey().id());
            key.add(e.getValue().status());
            key.add(ptrStatus(e.getKey().base()));
            if (handles.containsKey(e.getKey().base())) {
                // A handle's validity (failed open = -1) matters as much as a pointer's NULL-ness.
                Range r = range(e.getKey().base());
                key.add(r.hi() < 0 ? "bad" : r.lo() >= 0 ? "ok" : "?");
            }
        }
        for (Map.Entry<Var, Val> e : regs.entrySet()) {
            Val v = e.getValue();
            if (v instanceof Val.Loc l) {
                key.add(e.getKey().id());
                key.add(l.region().id());
                key.add(ptrStatus(l.region().base()));
            } else if (v instanceof Val.Undef) {
                key.add(e.getKey().id());
                key.add("U");
            } else if (v instanceof Val.Num n && n.isConstant() && n.lin().constant() == 0 && e.getKey().type().isPointer()) {
                key.add(e.getKey().id());
                key.add("NULL");
            }
        }
        // Facts learnt about inputs are preconditions of the summary: paths that learnt different
        // facts, or had different effects on inputs, are different outcomes for callers.
        for (Map.Entry<Sym, Integer> e : ptr.entrySet()) {
            if (e.getKey().input() != null) {
                key.add(e.getKey().id());
                key.add(e.getValue());
            }
        }
        for (Map.Entry<Sym, Range> e : ranges.entrySet()) {
            // Only point facts (x == c): intervals learnt from loop bounds would keep loops from settling.
            if (e.getKey().input() != null && e.getValue().isConstant()) {
                key.add(e.getKey().id());
                key.add(e.getValue());
            }
        }
        for (Map.Entry<Sym, java.util.Set<Long>> e : excl.entrySet()) {
            if (e.getKey().input() != null) {
                key.add(e.getKey().id());
                key.add(e.getValue());
            }
        }
        key.add(effectSignature());
        key.add(ext);
        key.add(dead);
        return key;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof State s)) return false;
        return regs.equals(s.regs) && mem.equals(s.mem) && ranges.equals(s.ranges) && excl.equals(s.excl) && ptr.equals(s.ptr) && res.equals(s.res)
                && ext.equals(s.ext) && dead == s.dead;
    }

    @Override
    public int hashCode() {
        return Objects.hash(regs, res, ext);
    }

    @Override
    public String toString() {
        return "State{regs=" + regs + ", res=" + res + ", ranges=" + ranges + ", ptr=" + ptr + "}";
    }
}
