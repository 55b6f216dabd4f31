package dev.ferrite.checkers;

import dev.ferrite.analysis.CallbackContracts;
import dev.ferrite.analysis.Checker;
import dev.ferrite.analysis.LockSet;
import dev.ferrite.analysis.Models;
import dev.ferrite.analysis.Region;
import dev.ferrite.analysis.State;
import dev.ferrite.analysis.Sym;
import dev.ferrite.analysis.Val;
import dev.ferrite.frontend.SourcePos;
import dev.ferrite.ir.Attr;
import dev.ferrite.ir.Block;
import dev.ferrite.ir.Function;
import dev.ferrite.ir.Global;
import dev.ferrite.ir.Instr;
import dev.ferrite.ir.Operand;
import dev.ferrite.ir.Rvalue;
import dev.ferrite.ir.Unit;
import dev.ferrite.ir.Var;
import dev.ferrite.report.PathEvent;
import dev.ferrite.report.Rule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CWE-366 / CWE-362, in the style of RacerD: code that runs concurrently is the functions the program
 * hands to thread starters and registrars (models {@code thread_start(f, arg)} and {@code callback(f)},
 * functions stored in memory or in a global's initializer such as a file_operations table). Each such
 * entry's accesses to shared data (globals, fields of structs, what its parameters point to) are
 * recorded with whether a lock was held. At the end of the run a race is reported when
 * <ul>
 *   <li>shared data is written with a lock held (or maybe held: its state was lost where paths
 *       joined) in one entry and read or written with no lock in another (the lock shows the data
 *       is meant to be protected), or</li>
 *   <li>a thread function started more than once (or alongside another thread touching the same
 *       data) writes it with no lock while another instance accesses it with no lock.</li>
 * </ul>
 * Functions that are not entries (the registrar itself, its callers) are not considered: what they
 * do before the threads start or after they are joined is ordered by those calls.
 */
public final class DataRaceChecker implements Checker {
    /** A summary effect: the value at this path is started as a thread (replayed in callers). */
    static final String THREAD_START = "thread_start";

    /** Path state: the callback objects a stop call ({@code del_timer_sync}) has quiesced on this path. */
    private static final String STOPPED = "race.stopped";
    /** Path state: the functions this path has registered as callbacks or threads so far. */
    private static final String REGISTERED = "race.registered";

    /**
     * One access to shared data by a function, with the callback objects stopped before it and the
     * functions its path had registered before it (what the access is ordered with).
     */
    private record Use(Function fn, String location, boolean write, boolean locked, boolean surelyLocked, SourcePos pos, String text,
            Set<String> stopped, Set<String> registeredBefore) {
        // written out: a record's generated methods go through method handles, slow under the C1-only JIT
        // (every access of every path is added to a set)
        @Override
        public boolean equals(Object o) {
            if (this == o) return true;
            return o instanceof Use u && fn == u.fn && write == u.write && locked == u.locked && surelyLocked == u.surelyLocked
                    && java.util.Objects.equals(location, u.location) && java.util.Objects.equals(pos, u.pos)
                    && java.util.Objects.equals(text, u.text) && java.util.Objects.equals(stopped, u.stopped)
                    && java.util.Objects.equals(registeredBefore, u.registeredBefore);
        }

        @Override
        public int hashCode() {
            int h = System.identityHashCode(fn);
            h = 31 * h + java.util.Objects.hashCode(location);
            h = 31 * h + Boolean.hashCode(write);
            h = 31 * h + Boolean.hashCode(locked);
            h = 31 * h + Boolean.hashCode(surelyLocked);
            h = 31 * h + java.util.Objects.hashCode(pos);
            h = 31 * h + java.util.Objects.hashCode(text);
            h = 31 * h + java.util.Objects.hashCode(stopped);
            h = 31 * h + java.util.Objects.hashCode(registeredBefore);
            return h;
        }
    }

    /** How a function is started concurrently: as a thread (with the call sites that start it) or a callback. */
    private static final class Entry {
        final Set<String> threadSites = new LinkedHashSet<>();
        boolean callback;
        /** Registered by a call or store (interrupt handler, timer, work, thread), not only listed in a table. */
        boolean registered;
        /** Listed in a table (ops, driver structure): the kernel may call it at any time. */
        boolean listed;
        /** The functions that register it. */
        final Set<Function> registrars = new LinkedHashSet<>();
        /** The objects it is registered on (field chains, see {@link #chain}); null for an unknown object. */
        final Set<String> handles = new LinkedHashSet<>();
    }

    /** A function value handed to a thread starter or registrar, by the function that did it. */
    private record Registration(Function registrar, String name, boolean thread, String site, String handle, boolean listedOnly) {
    }

    /** What all functions of one run recorded. */
    private static final class RunData {
        final Map<Function, List<Use>> accesses = new LinkedHashMap<>();
        final List<Registration> registrations = new ArrayList<>();
        final Map<Function, Entry> entries = new LinkedHashMap<>();

        /** Resolves the registrations to functions (names are per unit: static functions of different files differ). */
        void resolve(ProgramCtx cx) {
            for (Registration r : registrations) {
                Function f = cx.program().resolve(r.registrar(), r.name());
                if (f == null) continue;
                Entry e = entries.computeIfAbsent(f, k -> new Entry());
                if (r.listedOnly()) {
                    e.callback = true;
                    e.listed = true;
                    continue;
                }
                if (r.thread()) e.threadSites.add(r.site());
                else e.callback = true;
                e.registered = true;
                e.registrars.add(r.registrar());
                e.handles.add(r.handle());
            }
            for (Unit u : new ArrayList<>(cx.program().units())) {
                if (u.functions().isEmpty()) continue;
                Function any = u.functions().get(0);
                // Resolving may lower more of the unit: collect the names first.
                List<String> names = new ArrayList<>();
                for (Global g : new ArrayList<>(u.globals().values())) {
                    for (Global.Init i : g.inits()) if (i.value() instanceof Operand.FuncRef ref) names.add(ref.name());
                }
                for (String n : names) {
                    Function f = cx.program().resolve(any, n);
                    if (f == null) continue;
                    Entry e = entries.computeIfAbsent(f, k -> new Entry());
                    e.callback = true;
                    e.listed = true;
                }
            }
        }
    }

    public static final class Factory implements Checker.Factory {
        private RunData data = new RunData();

        @Override
        public List<Rule> rules() {
            return List.of(LockRules.DATA_RACE);
        }

        @Override
        public Checker create() {
            return new DataRaceChecker(data);
        }

        @Override
        public void onProgramEnd(ProgramCtx cx) {
            RunData d = data;
            data = new RunData();
            d.resolve(cx);
            new Races(d, cx).report();
        }
    }

    private final RunData data;
    /** This function's accesses, each once: paths repeat the same access many times, and a whole tree keeps them all to the end. */
    private final Set<Use> mine = new LinkedHashSet<>();
    private Map<Var, Rvalue.FieldAddr> fieldAddrs;
    private final Map<Var, Rvalue.IndexAddr> indexAddrs = new IdentityHashMap<>();
    private final Map<Var, Operand.FuncRef> funcs = new IdentityHashMap<>();

    private DataRaceChecker(RunData data) {
        this.data = data;
    }

    // ------------------------------------------------------------ entries

    @Override
    public void onCall(Ctx cx, State s, CallEvent c) {
        if (c.callee() == null) return;
        Models.Spec spec = cx.models().get(c.callee());
        if (spec == null) return;
        for (Attr a : spec.all("stops_callbacks")) {
            int i = a.intArg(0, 0) - 1;
            String h = i >= 0 && i < c.call().args().size() ? chain(cx, c.call().args().get(i)) : null;
            if (h != null) s.setExt(STOPPED, with(s.ext(STOPPED), h, false));
        }
        for (Attr a : spec.all("thread_start")) {
            Val fn = arg(c, a.intArg(0, 0));
            started(cx, s, fn, true, c.pos(), null);
            // Functions stored in the thread's argument are what a start routine calls (wrappers).
            Val arg = arg(c, a.intArg(1, 0));
            Region r = arg instanceof Val.Loc l ? l.region() : null;
            if (r != null && s.memory(r) != null) {
                for (dev.ferrite.analysis.Mem.Cell cell : s.memory(r).cells().values()) {
                    if (cell.val() instanceof Val.Fn || inputPath(cell.val()) != null) started(cx, s, cell.val(), true, c.pos(), null);
                }
            }
        }
        for (Attr a : spec.all("callback")) {
            int h = a.intArg(1, 0) - 1;
            String handle = h >= 0 && h < c.call().args().size() ? chain(cx, c.call().args().get(h)) : null;
            started(cx, s, arg(c, a.intArg(0, 0)), false, c.pos(), handle);
        }
    }

    @Override
    public void onReplay(Ctx cx, State s, State.Custom effect, Val target, SourcePos callPos, String callee) {
        if (THREAD_START.equals(effect.kind())) started(cx, s, target, true, callPos, null);
    }

    private static Val arg(CallEvent c, int oneBased) {
        int i = oneBased - 1;
        return i >= 0 && i < c.args().size() ? c.args().get(i) : null;
    }

    private void started(Ctx cx, State s, Val fn, boolean thread, SourcePos pos, String handle) {
        if (fn instanceof Val.Fn f) {
            synchronized (data) {
                data.registrations.add(new Registration(cx.function(), f.name(), thread, cx.function().file() + ":" + cx.function().name() + "@" + pos, handle, false));
            }
            s.setExt(REGISTERED, with(s.ext(REGISTERED), f.name(), true));
            return;
        }
        dev.ferrite.analysis.AccessPath ap = inputPath(fn);
        if (ap != null && thread) cx.effect(s, new State.Custom(THREAD_START, ap, null, pos));
    }

    /** The input a value stands for (a parameter's function pointer), or null. */
    private static dev.ferrite.analysis.AccessPath inputPath(Val v) {
        if (v instanceof Val.Loc l && l.offset().isConstant() && l.offset().constant() == 0 && l.region().kind() == Region.Kind.SYM) {
            return l.region().pointer().input();
        }
        if (v instanceof Val.Num n) {
            Sym x = n.lin().asSym();
            return x != null ? x.input() : null;
        }
        return null;
    }

    // ------------------------------------------------------------ accesses

    @Override
    public void onAccess(Ctx cx, State s, Access a) {
        Instr cur = cx.current();
        if (a.write() && cur instanceof Instr.Store st && st.value() instanceof Operand.FuncRef f) {
            synchronized (data) {
                data.registrations.add(new Registration(cx.function(), f.name(), false, null, chain(cx, st.addr()), false));
            }
            s.setExt(REGISTERED, with(s.ext(REGISTERED), f.name(), true));
        } else if (a.write() && cur instanceof Instr.Store st && storedFunction(cx, st) != null && contractField(cx, st)) {
            // The address of a function stored (through a cast) into a field whose model says code
            // elsewhere calls it ({@code dev->event = fn}, called_holding): like an entry of an ops
            // table. Other stores are not entries: a function pointer a driver keeps for itself
            // (psmouse->protocol_handler) is called by its own code, in that code's context.
            synchronized (data) {
                data.registrations.add(new Registration(cx.function(), storedFunction(cx, st).name(), false, null, null, true));
            }
        }
        if (a.direct() && (cur instanceof Instr.Load || cur instanceof Instr.Store) && a.region() != null) checkGuards(cx, s, a, cur);
        Region r = a.region();
        if (r == null || !a.offset().isConstant() || Paths.throughUnknown(a.via())) return;
        if (!(cur instanceof Instr.Load || cur instanceof Instr.Store) && a.direct()) return;
        String loc = location(cx, r, a, cur);
        if (loc == null || mine.size() > 2000) return;
        LockSet ls = LockSet.of(s);
        mine.add(new Use(cx.function(), loc, a.write(), protectedBy(ls, true), protectedBy(ls, false), a.pos(), a.text(),
                strings(s.ext(STOPPED)), strings(s.ext(REGISTERED))));
    }

    // ------------------------------------------------------------ guarded_by / pt_guarded_by

    /** The lock that guards what a pointer loaded from a pt_guarded_by field points to. */
    private record PtGuard(Val.Loc lock, String text) {
    }

    private final Map<Var, PtGuard> ptGuards = new HashMap<>();
    private final Set<SourcePos> guardReported = new java.util.HashSet<>();

    /**
     * Clang's guarded_by(lock) on a field: every access to the field needs the lock (a sibling field of
     * the same object) held; pt_guarded_by(lock): every access through the pointer the field holds does.
     */
    private void checkGuards(Ctx cx, State s, Access a, Instr cur) {
        Operand addr = cur instanceof Instr.Load l ? l.addr() : ((Instr.Store) cur).addr();
        Rvalue.FieldAddr f = addr instanceof Var v ? fieldAddrs(cx).get(v) : null;
        dev.ferrite.ir.CType.Struct.Guard g = f != null ? f.struct().guardOf(f.field().name()) : null;
        if (g != null) {
            Val.Loc lock = lockOf(f.struct(), g.lock(), a.region(), a.offset().addConst(-f.field().offset()));
            if (lock != null && g.pointee() && cur instanceof Instr.Load l) ptGuards.put(l.dst(), new PtGuard(lock, g.lock()));
            else if (lock != null && !g.pointee()) require(cx, s, a, lock, g.lock());
        }
        Operand o = addr;
        for (int depth = 0; o instanceof Var v && depth < 8; depth++) {
            PtGuard pg = ptGuards.get(v);
            if (pg != null) {
                require(cx, s, a, pg.lock(), pg.text());
                return;
            }
            Rvalue.FieldAddr fa = fieldAddrs(cx).get(v);
            Rvalue.IndexAddr ia = indexAddrs.get(v);
            o = fa != null ? fa.base() : ia != null ? ia.base() : null;
        }
    }

    /** The address of the lock a guard names (a field path of the same struct), or null. */
    private static Val.Loc lockOf(dev.ferrite.ir.CType.Struct st, String expr, Region r, dev.ferrite.analysis.Lin base) {
        String path = expr.strip();
        while (path.startsWith("&")) path = path.substring(1).strip();
        dev.ferrite.ir.CType cur = st;
        long off = 0;
        for (String part : path.split("\\.")) {
            if (!(cur instanceof dev.ferrite.ir.CType.Struct cs) || cs.field(part.strip()) == null) return null;
            dev.ferrite.ir.Field fld = cs.field(part.strip());
            off += fld.offset();
            cur = fld.type();
        }
        return new Val.Loc(r, base.addConst(off));
    }

    private void require(Ctx cx, State s, Access a, Val.Loc lock, String lockText) {
        LockSet.Held h = LockSet.of(s).get(LockSet.keyOf(lock));
        if (h != null && (h.held() || h.unknown())) return;
        // An object this path made is not shared yet: initialising it needs no lock.
        Region r = a.region();
        if (r.kind() == Region.Kind.HEAP && s.resource(r) != null || r.isStack()) return;
        if (!guardReported.add(a.pos())) return;
        String what = a.write() ? "written" : "read";
        List<PathEvent> path = List.of(new PathEvent(a.pos(), what + " here without '" + lockText + "' held"));
        cx.report(LockRules.DATA_RACE, a.pos(), "'" + a.text() + "' is " + what + " without holding the lock that guards it", path, false);
    }

    /**
     * True when a lock that excludes other code is held (RCU read sides do not exclude writers); with
     * {@code orUnknown}, also when one may be held (its state was lost where paths joined: not
     * evidence of a race).
     */
    private static boolean protectedBy(LockSet ls, boolean orUnknown) {
        for (LockSet.Held h : ls.locks().values()) {
            if ((h.held() || orUnknown && h.unknown()) && !h.kind().equals("rcu") && !h.kind().equals("srcu")) return true;
        }
        return false;
    }

    /**
     * Names shared data the same way in every function: a global and offset, a struct field, or
     * (only meaningful within one function) what an input of this function points to.
     */
    private String location(Ctx cx, Region r, Access a, Instr cur) {
        // The same few places are accessed on every path: their names are made once (a struct's layout
        // string is as long as its list of fields).
        if (a.direct() && (r.kind() == Region.Kind.SYM && cx.isInput(r))) {
            Operand addr = cur instanceof Instr.Load l ? l.addr() : cur instanceof Instr.Store st ? st.addr() : null;
            Rvalue.FieldAddr f = addr instanceof Var v ? fieldAddrs(cx).get(v) : null;
            if (f != null) return fieldNames.computeIfAbsent(f, k -> k.struct() + "#" + layout(k.struct()) + "." + k.field().name());
        }
        Map<Long, String> byOffset = regionNames.computeIfAbsent(r, k -> new HashMap<>());
        long off = a.offset().constant();
        String name = byOffset.get(off);
        if (name == null && !byOffset.containsKey(off)) {
            name = placeName(cx, r, off);
            byOffset.put(off, name);
        }
        return name;
    }

    private final Map<Rvalue.FieldAddr, String> fieldNames = new IdentityHashMap<>();
    private final Map<Region, Map<Long, String>> regionNames = new IdentityHashMap<>();

    /** {@link #location} of an access that is not a direct field access: by object and offset. */
    private static String placeName(Ctx cx, Region r, long offset) {
        if (r.isGlobal()) {
            if (cx.function().staticLocals().containsKey(r.var()) && cx.function().staticLocals().get(r.var()).isConst()) return null;
            String file = r.var().pos() != null ? r.var().pos().file() : "";
            return "global " + file + ":" + r.var().name() + "+" + offset;
        }
        if (r.kind() != Region.Kind.SYM || !cx.isInput(r)) return null;
        return "in " + cx.function().file() + ":" + cx.function().name() + ": " + r.pointer().input() + "+" + offset;
    }

    /**
     * A struct's identity across files: its tag and layout. Two drivers may each define their own
     * {@code struct adapter}; the files of one driver share one definition from one header.
     */
    private static String layout(dev.ferrite.ir.CType.Struct st) {
        StringBuilder b = new StringBuilder().append(st.size());
        for (dev.ferrite.ir.Field f : st.fields()) b.append(',').append(f.name()).append('@').append(f.offset());
        return Integer.toHexString(b.toString().hashCode());
    }

    /**
     * Names the object an address points into by its chain of fields ({@code &ohci->io_watchdog}:
     * the io_watchdog field of struct ohci_hcd; {@code &x->work.func}: work, then func), or null.
     */
    private String chain(Ctx cx, Operand o) {
        java.util.ArrayDeque<String> out = new java.util.ArrayDeque<>();
        Operand cur = o;
        while (cur instanceof Var v && fieldAddrs(cx).get(v) != null && out.size() < 8) {
            Rvalue.FieldAddr f = fieldAddrs(cx).get(v);
            out.addFirst(f.struct() + "#" + layout(f.struct()) + "." + f.field().name());
            cur = f.base();
        }
        return out.isEmpty() ? null : String.join("/", out);
    }

    private static Set<String> strings(Object o) {
        return o instanceof PathNames p ? p.names : Set.of();
    }

    /** The path's names with one more (path state must not change under other paths). */
    private static PathNames with(Object old, String add, boolean union) {
        Set<String> s = strings(old);
        if (s.contains(add)) return (PathNames) old;
        java.util.TreeSet<String> out = new java.util.TreeSet<>(s);
        out.add(add);
        return new PathNames(java.util.Collections.unmodifiableSet(out), union);
    }

    /**
     * Names kept on a path (callbacks stopped, functions registered so far). They do not keep paths
     * apart: where paths join, registrations are the union (registered on some path: what follows is
     * not ordered before the callback) and stops the intersection (stopped on every path). A Use made
     * after the join is then the one of the less ordered path, which reports whatever either would.
     */
    private static final class PathNames implements State.JoinableExt {
        final Set<String> names;
        final boolean union;

        PathNames(Set<String> names, boolean union) {
            this.names = names;
            this.union = union;
        }

        @Override
        public Object joinWith(Object other) {
            Set<String> o = strings(other);
            if (union) {
                if (o.isEmpty() || names.containsAll(o)) return this;
                java.util.TreeSet<String> out = new java.util.TreeSet<>(names);
                out.addAll(o);
                return new PathNames(java.util.Collections.unmodifiableSet(out), true);
            }
            if (o.containsAll(names)) return this;
            java.util.TreeSet<String> out = new java.util.TreeSet<>(names);
            out.retainAll(o);
            return out.isEmpty() ? null : new PathNames(java.util.Collections.unmodifiableSet(out), false);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PathNames p && p.union == union && p.names.equals(names);
        }

        @Override
        public int hashCode() {
            return names.hashCode() * 2 + (union ? 1 : 0);
        }

        @Override
        public String toString() {
            return (union ? "some paths: " : "all paths: ") + names;
        }
    }

    private Map<Var, Rvalue.FieldAddr> fieldAddrs(Ctx cx) {
        if (fieldAddrs != null) return fieldAddrs;
        fieldAddrs = new IdentityHashMap<>();
        for (Block b : cx.function().blocks()) {
            for (Instr i : b.instrs()) {
                if (i instanceof Instr.Assign as && as.rv() instanceof Rvalue.FieldAddr f) fieldAddrs.put(as.dst(), f);
                if (i instanceof Instr.Assign as && as.rv() instanceof Rvalue.IndexAddr x) indexAddrs.put(as.dst(), x);
                Operand.FuncRef r = i instanceof Instr.Assign as ? CallbackContracts.funcRef(as.rv(), funcs) : null;
                if (r != null) funcs.put(((Instr.Assign) i).dst(), r);
            }
        }
        return fieldAddrs;
    }

    /** True when the store writes a field with a called_holding contract. */
    private boolean contractField(Ctx cx, Instr.Store st) {
        Rvalue.FieldAddr fa = st.addr() instanceof Var v ? fieldAddrs(cx).get(v) : null;
        return fa != null && CallbackContracts.calledByContract(cx.models(), fa.struct(), fa.field().name());
    }

    /** The function a store writes: {@code x->fn = f} (the address of f, maybe through a cast), or null. */
    private Operand.FuncRef storedFunction(Ctx cx, Instr.Store st) {
        if (st.value() instanceof Operand.FuncRef r) return r;
        fieldAddrs(cx);
        return st.value() instanceof Var v ? funcs.get(v) : null;
    }

    @Override
    public void onFunctionEnd(Ctx cx) {
        if (mine.isEmpty()) return;
        synchronized (data) {
            data.accesses.computeIfAbsent(cx.function(), k -> new ArrayList<>()).addAll(mine);
        }
    }

    // ------------------------------------------------------------ the end of the run

    /** Pairs the accesses of concurrent entries. */
    private static final class Races {
        final RunData d;
        final ProgramCtx cx;
        final Set<String> reported = new LinkedHashSet<>();

        Races(RunData d, ProgramCtx cx) {
            this.d = d;
            this.cx = cx;
        }

        void report() {
            // Location -> accesses by entry functions.
            Map<String, List<Use>> byLoc = new LinkedHashMap<>();
            for (Map.Entry<Function, Entry> e : d.entries.entrySet()) {
                List<Use> as = d.accesses.get(e.getKey());
                if (as == null) continue;
                for (Use a : as) byLoc.computeIfAbsent(a.location(), k -> new ArrayList<>()).add(a);
            }
            for (List<Use> as : byLoc.values()) {
                protectedWriteUnprotectedUse(as);
                unprotectedThreads(as);
            }
        }

        private boolean concurrent(Use a, Use b) {
            // Functions only listed in tables (ops, exported symbols) are taken as concurrent with
            // asynchronous code (handlers, threads), not with each other: too many are serialised by
            // their callers.
            if (a.fn() != b.fn()) {
                return (registered(a.fn()) || registered(b.fn())) && !orderedWith(a, b.fn()) && !orderedWith(b, a.fn());
            }
            Entry e = d.entries.get(a.fn());
            return e != null && e.threadSites.size() > 1;
        }

        /**
         * Written under a lock somewhere, used without one in concurrent code. One race is one report
         * per function, for its reads and for its writes (RacerD's grouping): a field read, tested and
         * updated on three lines of a timer callback is one finding, not five.
         */
        private void protectedWriteUnprotectedUse(List<Use> as) {
            Set<List<Object>> inFunction = new java.util.HashSet<>();
            for (Use u : as) {
                if (u.locked()) continue;
                // The first concurrent write with a lock surely held; else one where a lock may be held.
                Use w = null;
                for (Use c : as) {
                    if (!c.write() || !c.locked() || !concurrent(c, u)) continue;
                    if (w == null || c.surelyLocked() && !w.surelyLocked()) w = c;
                    if (w.surelyLocked()) break;
                }
                if (w == null || !inFunction.add(List.of(u.fn(), u.write()))) continue;
                List<PathEvent> path = new ArrayList<>();
                // A lock whose state was lost where paths joined may or may not be held: say so.
                path.add(new PathEvent(w.pos(), w.surelyLocked() ? "written here with a lock held"
                        : "written here, maybe with a lock held (some paths to here hold one, others not)"));
                path.add(new PathEvent(u.pos(), (u.write() ? "written" : "read") + " here without a lock, in code that can run at the same time"));
                String how = u.write() ? "written" : "read";
                emit(u, "'" + u.text() + "' is " + how + (w.surelyLocked() ? " without the lock that protects its writes elsewhere"
                        : " without a lock, while a write elsewhere may hold one"), path);
            }
        }

        /** Thread code that writes with no lock while other thread code uses the same data with no lock. */
        private void unprotectedThreads(List<Use> as) {
            for (Use w : as) {
                if (!w.write() || w.locked() || !isThread(w.fn())) continue;
                for (Use u : as) {
                    if (u.locked() || !isThread(u.fn()) || !concurrent(w, u)) continue;
                    List<PathEvent> path = new ArrayList<>();
                    path.add(new PathEvent(w.pos(), "written here without a lock, by a thread"));
                    path.add(new PathEvent(u.pos(), (u.write() ? "written" : "read") + " here without a lock, by a thread running at the same time"));
                    emit(w, "'" + w.text() + "' is written without a lock by threads that run at the same time", path);
                    break;
                }
            }
        }

        /**
         * True when access {@code u} cannot overlap callback {@code cb}: its path registers cb only
         * later (initialisation before registration), or has stopped cb's object ({@code del_timer_sync}).
         */
        private boolean orderedWith(Use u, Function cb) {
            Entry e = d.entries.get(cb);
            if (e == null || !e.registered || e.listed) return false;
            if (e.registrars.size() == 1 && e.registrars.contains(u.fn()) && !u.registeredBefore().contains(cb.name())) return true;
            if (e.handles.contains(null) || u.stopped().isEmpty()) return false;
            for (String h : e.handles) {
                boolean stopped = false;
                for (String st : u.stopped()) if (h.equals(st) || h.startsWith(st + "/")) stopped = true;
                if (!stopped) return false;
            }
            return true;
        }

        private boolean registered(Function f) {
            Entry e = d.entries.get(f);
            return e != null && e.registered;
        }

        private boolean isThread(Function f) {
            Entry e = d.entries.get(f);
            return e != null && !e.threadSites.isEmpty();
        }

        private void emit(Use at, String msg, List<PathEvent> path) {
            if (!reported.add(at.pos() + "|" + msg)) return;
            cx.report(LockRules.DATA_RACE, at.fn(), at.pos(), msg, path);
        }
    }

}
