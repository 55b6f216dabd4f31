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
 * block is executed and copied at every fork; a copy shares each map with the original until one
 * side changes it ({@link CowMap}); maps keep insertion order so runs are deterministic.
 */
public final class State {
    /** Pointer status bits of a region's base symbol. */
    public static final int NULL = 1;
    public static final int ERR = 2;
    public static final int VALID = 4;
    public static final int ANY_PTR = NULL | ERR | VALID;

    /** A comparison whose outcome a symbol holds (from {@code c = a < b}), so branches on it refine a and b. */
    public record Cmp(dev.ferrite.ir.Rvalue.BinOp op, Val left, Val right, int unsignedBits) {
    }

    /** How a symbol was computed from others by an operator ranges cannot follow ({@code pos & 3}). */
    public record Def(dev.ferrite.ir.Rvalue.BinOp op, Lin left, Lin right, dev.ferrite.ir.CType.Int type) {
    }

    /**
     * A branch condition on a value computed from inputs ({@code def} with the range and excluded
     * values it had to have on this path): a precondition callers check with what they pass.
     * Kept as a mark ({@link #PRE_KEY} and the symbol's id), so joins keep it only when both paths needed it.
     */
    public record Pre(Def def, Range range, java.util.Set<Long> excl) {
    }

    static final String PRE_KEY = "pre#";

    final CowMap<Var, Val> regs;
    final CowMap<Region, Mem> mem;
    final CowMap<Sym, Range> ranges;
    /** Values a symbol is known not to take (from {@code x != c} inside its range). */
    final CowMap<Sym, java.util.Set<Long>> excl;
    final CowMap<Sym, Integer> ptr;
    final CowMap<Region, Resource> res;
    final CowMap<Sym, Region> symRegions;
    final CowMap<Sym, Region> handles;
    final CowMap<Sym, Cmp> cmps;
    final CowMap<Sym, Def> defs;
    final CowMap<String, Object> ext;
    /** Checker facts that hold on every path joined here (not part of join keys; joins intersect them). */
    final CowMap<String, Object> marks;
    /** Sizes of objects sized at run time (heap allocations, variable-length arrays), in bytes. */
    final CowMap<Region, Lin> sizes;
    Effects effects;
    Trail trail;
    /** Set on the path after a call that does not return. */
    boolean dead;

    State() {
        regs = new CowMap<>();
        mem = new CowMap<>();
        ranges = new CowMap<>();
        excl = new CowMap<>();
        ptr = new CowMap<>();
        res = new CowMap<>();
        symRegions = new CowMap<>();
        handles = new CowMap<>();
        cmps = new CowMap<>();
        defs = new CowMap<>();
        ext = new CowMap<>();
        marks = new CowMap<>();
        sizes = new CowMap<>();
        effects = null;
        trail = null;
    }

    /** A read at a symbolic offset: the object, the offset, and the size and kind of what was read. */
    record SymbolicRead(Region region, Lin offset, long size, boolean pointer, boolean tainted) {
        // the generated equals and hashCode, written out: those of a record go through method handles that
        // the JIT does not fully inline in deep call chains (a third of the analysis time of a warm server)
        @Override
        public boolean equals(Object obj) {
            if (this == obj) return true;
            return obj instanceof SymbolicRead o && Objects.equals(region, o.region) && Objects.equals(offset, o.offset) &&
                    size == o.size && pointer == o.pointer && tainted == o.tainted;
        }

        @Override
        public int hashCode() {
            int h = Objects.hashCode(region);
            h = 31 * h + Objects.hashCode(offset);
            h = 31 * h + Long.hashCode(size);
            h = 31 * h + Boolean.hashCode(pointer);
            h = 31 * h + Boolean.hashCode(tainted);
            return h;
        }
    }

    /** A value read at a symbolic offset from one version of an object's contents. */
    private record ReadValue(Mem version, Val value) {
    }

    /**
     * Values this path read at symbolic offsets (see {@link FunctionAnalysis#symbolicRead}); not part
     * of joining (a join forgets them), shared by copies until one of them reads something new.
     */
    private Map<SymbolicRead, ReadValue> symbolicReads = Map.of();

    /** The value this path read at {@code key} from exactly this version of the contents, or null. */
    Val symbolicRead(SymbolicRead key, Mem version) {
        ReadValue rv = symbolicReads.get(key);
        return rv != null && rv.version() == version ? rv.value() : null;
    }

    void rememberSymbolicRead(SymbolicRead key, Mem version, Val v) {
        if (symbolicReads.size() >= 64) return;
        Map<SymbolicRead, ReadValue> m = new java.util.HashMap<>(symbolicReads);
        m.put(key, new ReadValue(version, v));
        symbolicReads = java.util.Collections.unmodifiableMap(m);
    }

    /** Symbols a join kept from one side to stand for both sides' different values (loop counters). */
    private java.util.Set<Sym> reusedInJoin;

    void noteReusedInJoin(Sym x) {
        if (reusedInJoin == null) reusedInJoin = new java.util.HashSet<>();
        reusedInJoin.add(x);
    }

    /**
     * After this state became the join of {@code a} and {@code b}: keeps the reads at symbolic offsets
     * both sides made alike from contents the join left as they were, unless a symbol of the offset or
     * of the value now also stands for another value (a widened loop counter: then {@code t[i]} is
     * another iteration's element).
     */
    void keepCommonSymbolicReads(State a, State b) {
        java.util.Set<Sym> reused = reusedInJoin != null ? reusedInJoin : java.util.Set.of();
        reusedInJoin = null;
        if (a.symbolicReads.isEmpty() || b.symbolicReads.isEmpty()) {
            symbolicReads = Map.of();
            return;
        }
        Map<SymbolicRead, ReadValue> keep = new java.util.HashMap<>();
        for (Map.Entry<SymbolicRead, ReadValue> e : a.symbolicReads.entrySet()) {
            ReadValue ra = e.getValue();
            ReadValue rb = b.symbolicReads.get(e.getKey());
            if (rb == null || !rb.value().equals(ra.value())) continue;
            if (mem.get(e.getKey().region()) != ra.version() || !rb.version().equals(ra.version())) continue;
            if (mentions(e.getKey().offset(), reused) || ra.value() instanceof Val.Num n && mentions(n.lin(), reused)
                    || ra.value() instanceof Val.Loc l && mentions(l.offset(), reused)) {
                continue;
            }
            keep.put(e.getKey(), ra);
        }
        symbolicReads = keep.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(keep);
    }

    private static boolean mentions(Lin l, java.util.Set<Sym> syms) {
        for (Sym x : l.terms().keySet()) if (syms.contains(x)) return true;
        return false;
    }

    private State(State o) {
        symbolicReads = o.symbolicReads;
        regs = o.regs.copy();
        mem = o.mem.copy();
        ranges = o.ranges.copy();
        excl = o.excl.copy();
        ptr = o.ptr.copy();
        res = o.res.copy();
        symRegions = o.symRegions.copy();
        handles = o.handles.copy();
        cmps = o.cmps.copy();
        defs = o.defs.copy();
        ext = o.ext.copy();
        marks = o.marks.copy();
        sizes = o.sizes.copy();
        effects = o.effects;
        joinKey = o.joinKey;
        joinKeyEffects = o.joinKeyEffects;
        joinKeyDead = o.joinKeyDead;
        joinKeyVersions = o.joinKeyVersions;
        mentioned = o.mentioned;
        mentionedVersions = o.mentionedVersions;
        guards = o.guards;
        effectTable = o.effectTable;
        guardsVersion = o.guardsVersion;
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

    /**
     * Checker state that does not keep paths apart: where paths meet, the values are joined (a set of
     * facts, their union or their intersection) instead of making the paths different shapes. Such
     * values are left out of the join key.
     */
    public interface JoinableExt {
        /** The value for the paths this one and {@code other} (null: the other path has none) join into; null for none. */
        Object joinWith(Object other);
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
        dropUnreachable(false);
    }

    /**
     * Drops the contents of unreachable objects and the facts about symbols nothing mentions any more;
     * with {@code keepTracked}, objects whose lifetime is tracked count as reachable (see {@link #collectGarbage}).
     */
    void dropUnreachable(boolean keepTracked) {
        collectGarbage(keepTracked);
        java.util.Set<Sym> mentioned = mentionedSyms();
        java.util.Set<Sym> used = new java.util.HashSet<>();
        for (Lin l : sizes.values()) used.addAll(l.terms().keySet());
        for (Region r : res.keySet()) used.add(r.base());
        for (Sym h : handles.keySet()) used.add(h);
        for (Cmp c : cmps.values()) {
            mention(c.left(), used);
            mention(c.right(), used);
        }
        for (Object o : marks.values()) if (o instanceof Val v) mention(v, used); // results of pure calls (PureCalls)
        java.util.function.Predicate<Sym> unused = x -> !mentioned.contains(x) && !used.contains(x);
        ranges.keySet().removeIf(x -> x.input() == null && unused.test(x));
        excl.keySet().removeIf(x -> x.input() == null && unused.test(x));
        cmps.keySet().removeIf(unused);
        defs.keySet().removeIf(unused);
        ptr.keySet().removeIf(x -> x.input() == null && unused.test(x) && !symRegionBases(x));
    }

    private boolean symRegionBases(Sym x) {
        return false;
    }

    /**
     * Drops the contents of objects nothing can reach any more (registers, globals, inputs and live
     * objects are the roots). Lifetimes stay: an unreachable allocated object is a leak to report.
     * {@code keepTracked} also keeps the contents of every tracked object not yet released: after a
     * budget fold, where a link to an object may have been lost only to the fold's imprecision, the
     * objects it points to must not look leaked.
     */
    void collectGarbage(boolean keepTracked) {
        java.util.Set<Region> seen = new java.util.HashSet<>();
        java.util.ArrayDeque<Region> work = new java.util.ArrayDeque<>();
        for (Val v : regs.values()) markVal(v, seen, work);
        for (Region r : mem.keySet()) {
            boolean root = r.isGlobal() || r.kind() == Region.Kind.SYM && r.pointer().input() != null
                    || r.kind() == Region.Kind.VAR && r.var() != null && !r.var().isGlobal()
                    || keepTracked && res.containsKey(r) && res.get(r).status() != Resource.Status.FREED;
            if (root && seen.add(r)) work.add(r);
        }
        while (!work.isEmpty()) {
            Mem m = mem.get(work.poll());
            if (m == null) continue;
            for (Region r : m.pointedRegions()) if (seen.add(r)) work.add(r);
            Sym[] xs = m.numberSyms();
            if (xs.length > 0) markSyms(xs, seen, work);
        }
        mem.keySet().removeIf(r -> !seen.contains(r));
        symRegions.entrySet().removeIf(e -> e.getKey().input() == null && !seen.contains(e.getValue()));
    }

    private void markSyms(Sym[] xs, java.util.Set<Region> seen, java.util.ArrayDeque<Region> work) {
        boolean noHandles = handles.isEmpty();
        for (Sym x : xs) {
            Region h = noHandles ? null : handles.get(x);
            if (h != null && seen.add(h)) work.add(h);
            Region sr = symRegions.get(x);
            if (sr != null && seen.add(sr)) work.add(sr);
        }
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
     * The local a function returns by value (a struct: the result is the address of the callee's
     * variable, which the caller copies), or null. Its contents are part of the result: the kernel's
     * lock guards ({@code guard(spinlock_irqsave)}) return the lock they took in such a struct.
     */
    static Region returnedByValue(Val ret) {
        if (!(ret instanceof Val.Loc l) || !l.offset().equals(Lin.ZERO)) return null;
        Region r = l.region();
        if (r.kind() != Region.Kind.VAR || r.var() == null || r.isGlobal() || !r.var().type().isAggregate()) return null;
        return r;
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
        Region byValue = returnedByValue(ret);
        java.util.Set<Sym> used = new java.util.HashSet<>();
        mention(ret, used);
        for (Map.Entry<Region, Mem> e : mem.entrySet()) {
            Region r = e.getKey();
            // Objects that are neither the caller's (inputs, globals) nor new objects the caller gets
            // (heap) are unknown to the caller anyway: their contents read as unknown there.
            boolean keep = r.kind() == Region.Kind.SYM ? r.pointer().input() != null
                    : r.isGlobal() || r == byValue || visible.contains(r) && (r.kind() == Region.Kind.HEAP || r.kind() == Region.Kind.ALLOCA);
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
        // Conditions on values computed from inputs: preconditions, as the facts on inputs are.
        int pres = 0;
        for (Map.Entry<String, Object> e : marks.entrySet()) {
            if (e.getValue() instanceof Pre && pres++ < 8) o.marks.put(e.getKey(), e.getValue());
        }
        // Effects: releases and checker effects all; accesses once per (path, kind).
        java.util.Set<Object> seenAccess = new java.util.HashSet<>();
        java.util.List<Effect> kept = new java.util.ArrayList<>();
        int sized = 0;
        int reaches = 0;
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
            if (e instanceof OwnReach r && (reaches >= 16 || !seenAccess.add(List.of("reach", r.pos(), r.offset(), r.length())))) continue;
            if (e instanceof OwnReach) reaches++;
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

    /** Every symbol a register, a memory cell or checker state mentions (read-only; cached while those do not change). */
    java.util.Set<Sym> mentionedSyms() {
        if (mentioned != null && mentionedVersions[0] == regs.version() && mentionedVersions[1] == mem.version()
                && mentionedVersions[2] == ext.version()) {
            return mentioned;
        }
        mentioned = java.util.Collections.unmodifiableSet(computeMentionedSyms());
        mentionedVersions = new int[] {regs.version(), mem.version(), ext.version()};
        return mentioned;
    }

    private java.util.Set<Sym> mentioned;
    private int[] mentionedVersions;

    private java.util.Set<Sym> computeMentionedSyms() {
        java.util.Set<Sym> out = new java.util.HashSet<>();
        for (Val v : regs.values()) mention(v, out);
        for (Mem m : mem.values()) java.util.Collections.addAll(out, m.mentionedSyms());
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
                         Lin offset, Lin length, Checker.Access.Kind kind, Map<Sym, Range> ranges, boolean unchecked,
                         Map<Sym, Range> guards) implements Effect {
        // the generated equals and hashCode, written out: those of a record go through method handles that
        // the JIT does not fully inline in deep call chains (a third of the analysis time of a warm server)
        @Override
        public boolean equals(Object obj) {
            if (this == obj) return true;
            return obj instanceof Access o && Objects.equals(pointer, o.pointer) && write == o.write &&
                    Objects.equals(pos, o.pos) && Objects.equals(what, o.what) && Objects.equals(via, o.via) &&
                    Objects.equals(offset, o.offset) && Objects.equals(length, o.length) && Objects.equals(kind, o.kind) &&
                    Objects.equals(ranges, o.ranges) && unchecked == o.unchecked && Objects.equals(guards, o.guards);
        }

        @Override
        public int hashCode() {
            int h = Objects.hashCode(pointer);
            h = 31 * h + Boolean.hashCode(write);
            h = 31 * h + Objects.hashCode(pos);
            h = 31 * h + Objects.hashCode(what);
            h = 31 * h + Objects.hashCode(via);
            h = 31 * h + Objects.hashCode(offset);
            h = 31 * h + Objects.hashCode(length);
            h = 31 * h + Objects.hashCode(kind);
            h = 31 * h + Objects.hashCode(ranges);
            h = 31 * h + Boolean.hashCode(unchecked);
            h = 31 * h + Objects.hashCode(guards);
            return h;
        }

        /** An access whose extent does not matter (kept once per input path and kind). */
        public Access(AccessPath pointer, boolean write, dev.ferrite.frontend.SourcePos pos, String what, List<String> via, boolean unchecked) {
            this(pointer, write, pos, what, via, null, null, Checker.Access.Kind.PLAIN, Map.of(), unchecked, Map.of());
        }

        /** The extent of the access when it is worth replaying for bounds (not a plain one-byte-or-so access at a fixed offset 0). */
        boolean sized() {
            if (kind == Checker.Access.Kind.SCAN || kind == Checker.Access.Kind.SCAN_WIDE) return offset != null;
            return offset != null && length != null && !(offset.equals(Lin.ZERO) && length.isConstant() && length.constant() <= 8);
        }
    }

    /**
     * An access to an object of the function's own (a local array, a block it allocated) whose offset,
     * length or object size depends on its inputs and that may fall outside the object: each caller
     * checks it with the values it passes. {@code ranges} freezes the function's own symbols as they
     * were at the access; {@code guards} are the ranges the inputs had there (the conditions under
     * which the access happens: a caller whose value cannot satisfy them never reaches it).
     */
    public record OwnReach(Region region, Lin size, boolean write, dev.ferrite.frontend.SourcePos pos, String what, List<String> via,
                        Lin offset, Lin length, Checker.Access.Kind kind, Map<Sym, Range> ranges, Map<Sym, Range> guards,
                        Map<Sym, Strings.LengthOf> lengths) implements Effect {
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
        // the generated equals and hashCode, written out: those of a record go through method handles that
        // the JIT does not fully inline in deep call chains (a third of the analysis time of a warm server)
        @Override
        public boolean equals(Object obj) {
            if (this == obj) return true;
            return obj instanceof Use o && Objects.equals(value, o.value) && Objects.equals(type, o.type) &&
                    Objects.equals(pos, o.pos);
        }

        @Override
        public int hashCode() {
            int h = Objects.hashCode(value);
            h = 31 * h + Objects.hashCode(type);
            h = 31 * h + Objects.hashCode(pos);
            return h;
        }
    }

    /** A checker-defined effect (lock operations and the like), replayed in callers by the checker. */
    public record Custom(String kind, AccessPath pointer, Object data, dev.ferrite.frontend.SourcePos pos) implements Effect {
        /** Kinds of effects that state what a path may do (see {@link #mayFact}). */
        private static final java.util.Set<String> MAY_FACTS = java.util.concurrent.ConcurrentHashMap.newKeySet();

        /**
         * Declares effects of this kind facts of the form "the function may do this" (it may sleep): a
         * caller acts on them whichever path made them, so paths with and without one are not kept apart
         * (joins keep the effect). A checker declares its kinds when its factory is made.
         */
        public static void mayFact(String kind) {
            MAY_FACTS.add(kind);
        }

        /**
         * True when the effect keeps paths apart (part of the effect signature and of the outcome key):
         * not lock operations (what they leave is in the path's LockSet) nor {@link #mayFact} kinds.
         */
        boolean keyed() {
            return !kind.equals(Locks.EFFECT) && !MAY_FACTS.contains(kind);
        }

        // the generated equals and hashCode, written out: those of a record go through method handles that
        // the JIT does not fully inline in deep call chains (a third of the analysis time of a warm server)
        @Override
        public boolean equals(Object obj) {
            if (this == obj) return true;
            return obj instanceof Custom o && Objects.equals(kind, o.kind) && Objects.equals(pointer, o.pointer) &&
                    Objects.equals(data, o.data) && Objects.equals(pos, o.pos);
        }

        @Override
        public int hashCode() {
            int h = Objects.hashCode(kind);
            h = 31 * h + Objects.hashCode(pointer);
            h = 31 * h + Objects.hashCode(data);
            h = 31 * h + Objects.hashCode(pos);
            return h;
        }
    }

    /**
     * A persistent list of effects (newest first). Each node knows the signature of the list it
     * heads (which inputs were affected, see {@link State#effectSignature}), computed once and shared
     * with the node below when the effect adds nothing new.
     */
    public static final class Effects {
        private final Effect head;
        private final Effects tail;
        /** The number of nodes from here to the end (joins compare lists of thousands of effects). */
        private final int size;
        private java.util.Set<Object> sig;
        /** The head's part of the signature ("" when it has none), computed on first need. */
        private String item;
        private int headHash;
        private boolean hashed;
        /** The function-wide entry of the head (see {@link State#addEffect}), or null. */
        private EffectKey shared;
        /** The head as effects are matched when paths with different effects fold, made on first need. */
        private Object foldKey;

        public Effects(Effect head, Effects tail) {
            this.head = head;
            this.tail = tail;
            this.size = tail == null ? 1 : tail.size + 1;
        }

        int size() {
            return size;
        }

        /** A node for an effect another node holds (its signature part and hash are reused). */
        Effects(Effects from, Effects tail) {
            this(from.head, tail);
            this.item = from.item;
            this.headHash = from.headHash;
            this.hashed = from.hashed;
            this.shared = from.shared;
            this.foldKey = from.foldKey;
        }

        /** {@code keyOf(head)}, made once per node (a fold matches every effect of both lists). */
        Object foldKey(java.util.function.Function<Effect, Object> keyOf) {
            Object k = foldKey;
            if (k == null) {
                k = keyOf.apply(head);
                foldKey = k;
            }
            return k;
        }

        /**
         * The union of two effect lists of one function's analysis whose effects are all from its
         * table (equal effects are one {@link EffectKey}): {@code a}, then the nodes of {@code newer}
         * (b's nodes above the tail it shares with a, oldest first) whose effect {@code a} lacks, each
         * once. Marks on the table's keys replace a set of effects; the walk down {@code a} stops when
         * every new effect was found. Null when some node's effect is not from one table (the caller
         * then compares effects by value).
         */
        static Effects unionByKeys(Effects a, List<Effects> newer) {
            if (a == null || newer.isEmpty() || a.shared == null) return null;
            Object table = a.shared.table;
            long pending = UNION_EPOCH.addAndGet(2);
            long done = pending + 1;
            int left = 0;
            for (Effects e : newer) {
                EffectKey k = e.shared;
                if (k == null || k.table != table) return null;
                if (k.mark != pending) {
                    k.mark = pending;
                    left++;
                }
            }
            for (Effects e = a; e != null && left > 0; e = e.tail) {
                EffectKey k = e.shared;
                if (k == null || k.table != table) return null;
                if (k.mark == pending) {
                    k.mark = done;
                    left--;
                }
            }
            Effects out = a;
            for (Effects e : newer) {
                EffectKey k = e.shared;
                if (k.mark == pending) {
                    out = new Effects(e, out);
                    k.mark = done;
                }
            }
            return out;
        }

        /** Marks of {@link #unionByKeys}: each union takes two values never used before (any thread). */
        private static final java.util.concurrent.atomic.AtomicLong UNION_EPOCH = new java.util.concurrent.atomic.AtomicLong();

        /** The head's hash code, computed once (effects are deep records). */
        int headHash() {
            if (!hashed) {
                headHash = Objects.hashCode(head);
                hashed = true;
            }
            return headHash;
        }

        public Effect head() {
            return head;
        }

        public Effects tail() {
            return tail;
        }

        /** Oldest first; made once per node (a summary's effects are replayed at every call, on every state). */
        public List<Effect> inOrder() {
            List<Effect> l = ordered;
            if (l == null) {
                List<Effect> out = new ArrayList<>(size);
                for (Effects e = this; e != null; e = e.tail) out.add(e.head);
                java.util.Collections.reverse(out);
                l = java.util.Collections.unmodifiableList(out);
                ordered = l;
            }
            return l;
        }

        private List<Effect> ordered;

        /** The signature of this list; nodes below are filled in first (no deep recursion). */
        java.util.Set<Object> signature() {
            if (sig != null) return sig;
            int count = 0;
            for (Effects e = this; e != null && e.sig == null; e = e.tail) count++;
            Effects[] todo = new Effects[count]; // (counted first: the nodes a block added can be thousands)
            count = 0;
            for (Effects e = this; e != null && e.sig == null; e = e.tail) todo[count++] = e;
            for (int i = todo.length - 1; i >= 0; i--) {
                Effects e = todo[i];
                java.util.Set<Object> below = e.tail == null ? java.util.Collections.emptySet() : e.tail.sig;
                EffectKey shared = e.shared;
                if (e.item == null && shared != null) e.item = shared.item;
                if (e.item == null) {
                    String k = signatureItem(e.head);
                    e.item = k == null ? "" : k;
                    if (shared != null) shared.item = e.item;
                }
                String k = e.item;
                if (k.isEmpty() || below.contains(k)) {
                    e.sig = below;
                } else if (shared != null && shared.sigBelow == below) {
                    e.sig = shared.sigAfter; // the same effect on the same signature (another path): the same set
                } else {
                    java.util.TreeSet<Object> n = new java.util.TreeSet<>(below);
                    n.add(k);
                    e.sig = java.util.Collections.unmodifiableSet(n);
                    if (shared != null) {
                        shared.sigBelow = below;
                        shared.sigAfter = e.sig;
                    }
                }
            }
            return sig;
        }

        private static String signatureItem(Effect h) {
            if (h instanceof Access a) return (a.write() ? "w:" : "r:") + a.pointer();
            if (h instanceof Release r) return "f:" + r.pointer();
            // Lock operations are not: what they leave behind is in the path's LockSet (part of the key),
            // so a path that took and released a lock joins one that never touched it.
            if (h instanceof Custom c && c.keyed()) return c.kind() + ":" + c.pointer() + ":" + c.data();
            return null;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Effects)) return false;
            Effects a = this;
            Effects b = (Effects) o;
            while (a != null && b != null) {
                if (a == b) return true;
                if (!Objects.equals(a.head, b.head)) return false;
                a = a.tail;
                b = b.tail;
            }
            return a == b;
        }

        @Override
        public int hashCode() {
            int h = 0;
            for (Effects e = this; e != null; e = e.tail) h = h * 31 + Objects.hashCode(e.head);
            return h;
        }

        @Override
        public String toString() {
            return "Effects" + inOrder();
        }
    }

    /**
     * Records an access through an input pointer with its extent; the ranges the offset's and
     * length's own symbols have now are kept with it (later branches refine those symbols, e.g. a
     * loop counter on the loop's exit edge, which must not change what this access reached).
     */
    void addAccess(AccessPath p, boolean write, dev.ferrite.frontend.SourcePos pos, String what, List<String> via, Lin offset, Lin length,
                   Checker.Access.Kind kind, boolean unchecked) {
        addAccess(p, write, pos, what, via, offset, length, kind, unchecked, inputGuards());
    }

    /** As above, under the given input guards (a callee's access replayed: its own guards in our terms). */
    void addAccess(AccessPath p, boolean write, dev.ferrite.frontend.SourcePos pos, String what, List<String> via, Lin offset, Lin length,
                   Checker.Access.Kind kind, boolean unchecked, Map<Sym, Range> guards) {
        Map<Sym, Range> rs = new java.util.TreeMap<>();
        for (Sym x : offset.terms().keySet()) if (x.input() == null) rs.put(x, range(x));
        for (Sym x : length.terms().keySet()) if (x.input() == null) rs.put(x, range(x));
        addEffect(new Access(p, write, pos, what, via, offset, length, kind, java.util.Collections.unmodifiableMap(rs), unchecked, guards));
    }

    /**
     * The ranges the inputs have here: the conditions on what the caller passed under which this point
     * is reached (a few; an access replayed in a caller whose values cannot meet them never happens).
     */
    Map<Sym, Range> inputGuards() {
        // Every access records them: computed once per version of the ranges (a scan of all of them).
        if (guards != null && guardsVersion == ranges.version()) return guards;
        guards = computeInputGuards();
        guardsVersion = ranges.version();
        return guards;
    }

    /** The input guards last computed, valid while the ranges keep {@link #guardsVersion}. */
    private Map<Sym, Range> guards;
    private int guardsVersion;

    private Map<Sym, Range> computeInputGuards() {
        Map<Sym, Range> g = new java.util.TreeMap<>();
        for (Map.Entry<Sym, Range> e : ranges.entrySet()) {
            if (e.getKey().input() == null || e.getValue().equals(Range.TOP)) continue;
            g.put(e.getKey(), e.getValue());
            if (g.size() >= 8) break;
        }
        return g.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(g);
    }

    /** Records a {@link OwnReach}: the ranges of the extent's own symbols and of its inputs are frozen with it. */
    void addReach(Region r, Lin size, boolean write, dev.ferrite.frontend.SourcePos pos, String what, List<String> via, Lin offset, Lin length,
                  Checker.Access.Kind kind) {
        Map<Sym, Range> own = new java.util.TreeMap<>();
        Map<Sym, Range> guards = inputGuards();
        Map<Sym, Strings.LengthOf> lengths = new java.util.TreeMap<>();
        for (Lin l : List.of(offset, length, size)) {
            for (Sym x : l.terms().keySet()) {
                Range rg = range(x);
                if (x.input() == null) own.put(x, rg);
                Strings.LengthOf lo = x.input() == null ? Strings.lengthOf(this, x) : null;
                if (lo != null) lengths.put(x, lo);
            }
        }
        addEffect(new OwnReach(r, size, write, pos, what, via, offset, length, kind, java.util.Collections.unmodifiableMap(own),
                guards, java.util.Collections.unmodifiableMap(lengths)));
    }

    void addEffect(Effect e) {
        if (effectTable == null) {
            effects = new Effects(e, effects);
            return;
        }
        // The same effect made on several paths (a callee's replay on each state) becomes one object:
        // joins, which look for one path's effects among the other's, then compare by identity.
        EffectKey k = new EffectKey(e, Objects.hashCode(e), effectTable);
        EffectKey known = effectTable.putIfAbsent(k, k);
        if (known != null) k = known;
        Effects n = new Effects(k.effect, effects);
        n.headHash = k.hash;
        n.hashed = true;
        n.shared = k;
        effects = n;
    }

    /** The effects made so far on the paths of one function (shared by the states of its analysis), or null. */
    private Map<EffectKey, EffectKey> effectTable;

    /** Makes this state and its copies share one table of the effects they make. */
    void shareEffectsAmongCopies() {
        effectTable = new java.util.HashMap<>();
    }

    /** An effect as a table key, with its hash computed once (effects are deep records). */
    private static final class EffectKey {
        final Effect effect;
        final int hash;
        /** The effect's part of effect signatures, once computed. */
        String item;
        /** The last signature this effect was added to, and the result (paths adding it to the same set share the result). */
        java.util.Set<Object> sigBelow;
        java.util.Set<Object> sigAfter;

        /** The table this key is in (keys of one table are equal only when they are the same key). */
        final Object table;
        /** Scratch of {@link Effects#unionByKeys}. */
        long mark;

        EffectKey(Effect effect, int hash, Object table) {
            this.effect = effect;
            this.hash = hash;
            this.table = table;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof EffectKey k && k.hash == hash && (k.effect == effect || Objects.equals(k.effect, effect));
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** Which inputs were read, written, released or otherwise affected (not where or how often). */
    java.util.Set<Object> effectSignature() {
        return effects == null ? java.util.Collections.emptySet() : effects.signature();
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
        if (joinKey != null && joinKeyEffects == effects && joinKeyDead == dead && sameVersions(joinKeyVersions)) return joinKey;
        joinKey = computeJoinKey();
        joinKeyEffects = effects;
        joinKeyDead = dead;
        joinKeyVersions = versions();
        return joinKey;
    }

    /** The join key last computed, valid while the maps it reads keep their versions. */
    private Object joinKey;
    private Effects joinKeyEffects;
    private boolean joinKeyDead;
    private int[] joinKeyVersions;

    /** The versions of all maps and the dead flag (equal versions later: the state has not changed since). */
    int[] contentVersions() {
        return new int[] {regs.version(), mem.version(), ranges.version(), excl.version(), ptr.version(), res.version(), symRegions.version(),
                handles.version(), cmps.version(), defs.version(), ext.version(), marks.version(), sizes.version(), dead ? 1 : 0};
    }

    boolean sameContents(int[] v) {
        return java.util.Arrays.equals(v, contentVersions());
    }

    /** The versions of the maps a join key reads (each only grows along a state and its copies). */
    private int[] versions() {
        return new int[] {res.version(), regs.version(), ptr.version(), ranges.version(), excl.version(), handles.version(), ext.version()};
    }

    private boolean sameVersions(int[] v) {
        return v[0] == res.version() && v[1] == regs.version() && v[2] == ptr.version() && v[3] == ranges.version()
                && v[4] == excl.version() && v[5] == handles.version() && v[6] == ext.version();
    }

    private Object computeJoinKey() {
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
        key.add(keyedExt());
        key.add(dead);
        return key;
    }

    /** The checker state that keeps paths apart: all but {@link JoinableExt} values. */
    private Map<String, Object> keyedExt() {
        Map<String, Object> m = ext.snapshot();
        boolean joinable = false;
        for (Object v : m.values()) if (v instanceof JoinableExt) joinable = true;
        if (!joinable) return m;
        Map<String, Object> out = new java.util.TreeMap<>();
        for (Map.Entry<String, Object> e : m.entrySet()) if (!(e.getValue() instanceof JoinableExt)) out.put(e.getKey(), e.getValue());
        return out;
    }

    /** Joins the {@link JoinableExt} values of {@code a} and {@code b} into this state (a copy of a). */
    void joinExt(State a, State b) {
        java.util.Set<String> keys = null;
        for (Map.Entry<String, Object> e : a.ext.entrySet()) {
            if (e.getValue() instanceof JoinableExt) (keys == null ? keys = new java.util.TreeSet<>() : keys).add(e.getKey());
        }
        for (Map.Entry<String, Object> e : b.ext.entrySet()) {
            if (e.getValue() instanceof JoinableExt) (keys == null ? keys = new java.util.TreeSet<>() : keys).add(e.getKey());
        }
        if (keys == null) return;
        for (String k : keys) {
            Object va = a.ext.get(k);
            Object vb = b.ext.get(k);
            if (java.util.Objects.equals(va, vb)) continue;
            setExt(k, va instanceof JoinableExt ja ? ja.joinWith(vb) : ((JoinableExt) vb).joinWith(va));
        }
    }

    /** True when b's joinable checker state already covers a's (joining a into b changes none of it). */
    static boolean extCovers(State b, State a) {
        for (Map.Entry<String, Object> e : a.ext.entrySet()) {
            if (!(e.getValue() instanceof JoinableExt)) continue;
            Object vb = b.ext.get(e.getKey());
            if (e.getValue().equals(vb)) continue;
            Object j = vb instanceof JoinableExt jb ? jb.joinWith(e.getValue()) : ((JoinableExt) e.getValue()).joinWith(vb);
            if (!java.util.Objects.equals(j, vb)) return false;
        }
        for (Map.Entry<String, Object> e : b.ext.entrySet()) {
            if (!(e.getValue() instanceof JoinableExt jb) || a.ext.containsKey(e.getKey())) continue;
            if (!java.util.Objects.equals(jb.joinWith(null), e.getValue())) return false;
        }
        return true;
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
