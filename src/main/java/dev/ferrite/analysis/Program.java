package dev.ferrite.analysis;

import dev.ferrite.ir.Block;
import dev.ferrite.ir.Function;
import dev.ferrite.ir.FunctionDecl;
import dev.ferrite.ir.Global;
import dev.ferrite.ir.Instr;
import dev.ferrite.ir.Operand;
import dev.ferrite.ir.References;
import dev.ferrite.ir.Rvalue;
import dev.ferrite.ir.Terminator;
import dev.ferrite.ir.Unit;
import dev.ferrite.ir.Var;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * All units of one run, linked: which body a call reaches (static functions within their unit,
 * external ones across units), the call graph, and which globals are ever written (a global no code
 * writes keeps its initial value, which the analysis may then use as a constant).
 */
public final class Program {
    private final List<Unit> units;
    private final Map<String, Function> external = new LinkedHashMap<>();
    private final Map<Function, Unit> unitOf = new IdentityHashMap<>();
    private final Map<String, Global> externalGlobals = new LinkedHashMap<>();
    private final Set<String> writtenGlobals = new HashSet<>();
    private final List<Function> functions = new ArrayList<>();
    private final Set<Function> known = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    public Program(List<Unit> units) {
        this.units = List.copyOf(units);
        for (Unit u : this.units) {
            for (Function f : u.functions()) register(u, f);
            for (Global g : u.globals().values()) {
                if (!g.isStatic() && g.defined()) externalGlobals.putIfAbsent(g.name(), g);
            }
        }
        // Header functions reached from main-file functions, transitively (lowered on demand).
        Deque<Function> work = new ArrayDeque<>(functions);
        Set<Function> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        seen.addAll(functions);
        while (!work.isEmpty()) {
            Function f = work.pop();
            Unit u = unitOf.get(f);
            for (String callee : References.functions(f)) {
                if (u.mainFunction(callee) != null) continue;
                if (!u.defines(callee)) continue;
                Function h = u.function(callee);
                if (h != null && seen.add(h)) {
                    unitOf.put(h, u);
                    functions.add(h);
                    known.add(h);
                    work.push(h);
                }
            }
        }
        for (Function f : functions) scanWrites(f);
        // An address stored in an initializer (a module parameter's descriptor, an ops table) lets
        // code we do not see write the object: it does not keep its initial value.
        for (Unit u : this.units) {
            for (Global g : u.globals().values()) {
                for (Global.AddrInit ai : g.addrInits()) {
                    Global target = u.globals().get(ai.target());
                    if (target == null || !target.isConst()) writtenGlobals.add(ai.target());
                }
            }
        }
    }

    private void register(Unit u, Function f) {
        unitOf.put(f, u);
        functions.add(f);
        known.add(f);
        if (!f.decl().isStatic()) external.putIfAbsent(f.name(), f);
    }

    public List<Unit> units() {
        return units;
    }

    /** Every function with a body: main-file functions of all units and the header functions they use. */
    public List<Function> functions() {
        return functions;
    }

    public Unit unitOf(Function f) {
        return unitOf.get(f);
    }

    /** The body a call from {@code caller} to {@code name} reaches, or null when no unit defines it. */
    public Function resolve(Function caller, String name) {
        Unit u = unitOf.get(caller);
        if (u != null) {
            Function own = u.mainFunction(name);
            if (own != null) return own;
            if (u.defines(name)) {
                Function h = u.function(name);
                if (h != null) {
                    unitOf.putIfAbsent(h, u);
                    return h;
                }
                if (u.bodyReleased(name)) return null; // the unit's own body, not lowered: not another unit's
            }
        }
        return external.get(name);
    }

    /** True when the caller's unit defines the function in a header but did not keep its body (nothing reached it). */
    public boolean bodyReleased(Function caller, String name) {
        Unit u = unitOf.get(caller);
        return u != null && u.bodyReleased(name);
    }

    /** The declaration a caller's unit has for a function (attributes), or null. */
    public FunctionDecl declaration(Function caller, String name) {
        Unit u = unitOf.get(caller);
        FunctionDecl d = u != null ? u.decl(name) : null;
        if (d == null) {
            Function f = external.get(name);
            if (f != null) d = f.decl();
        }
        return d;
    }

    /** The global's definition as seen from a function's unit (static ones first), or the program's. */
    public Global global(Function from, String name) {
        Unit u = unitOf.get(from);
        Global g = u != null ? u.globals().get(name) : null;
        if (g != null && (g.defined() || g.isStatic())) return g;
        Global ext = externalGlobals.get(name);
        return ext != null ? ext : g;
    }

    /** True when no function of the program writes the global or lets its address escape. */
    public boolean neverWritten(String global) {
        return !writtenGlobals.contains(global);
    }

    /**
     * A global is read-only when every use of its address only computes addresses that are loaded
     * from. Anything else (a store, passing the address on, storing it) counts as a write.
     */
    private void scanWrites(Function f) {
        Map<Var, String> addrOf = new HashMap<>(); // temp -> global whose address (or a part of it) it holds
        for (Block b : f.blocks()) {
            for (Instr i : b.instrs()) {
                if (i instanceof Instr.Assign a) {
                    String g = null;
                    if (a.rv() instanceof Rvalue.AddrOf ao && ao.var().isGlobal()) g = ao.var().name();
                    else if (a.rv() instanceof Rvalue.FieldAddr fa && fa.base() instanceof Var v) g = addrOf.get(v);
                    else if (a.rv() instanceof Rvalue.IndexAddr ia && ia.base() instanceof Var v) g = addrOf.get(v);
                    else if (a.rv() instanceof Rvalue.Cast c && c.arg() instanceof Var v) g = addrOf.get(v);
                    if (g != null) {
                        addrOf.put(a.dst(), g);
                        continue;
                    }
                }
                for (Operand o : References.operands(i)) {
                    if (!(o instanceof Var v) || !addrOf.containsKey(v)) continue;
                    boolean readOnly = i instanceof Instr.Load l && l.addr() == v
                            || i instanceof Instr.Copy c && c.src() == v && c.dst() != v;
                    if (!readOnly) writtenGlobals.add(addrOf.get(v));
                }
            }
            Terminator t = b.terminator();
            if (t instanceof Terminator.Return r && r.value() instanceof Var v && addrOf.containsKey(v)) writtenGlobals.add(addrOf.get(v));
        }
    }

    /**
     * Strongly connected components of the call graph, callees before callers (reverse topological
     * order), each in a deterministic order. Recursion lands in one component.
     */
    public List<List<Function>> bottomUp() {
        Map<Function, Integer> index = new IdentityHashMap<>();
        Map<Function, Integer> low = new IdentityHashMap<>();
        Deque<Function> stack = new ArrayDeque<>();
        Set<Function> onStack = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        List<List<Function>> out = new ArrayList<>();
        int[] counter = {0};
        for (Function root : new ArrayList<>(functions)) {
            if (index.containsKey(root)) continue;
            // Iterative Tarjan.
            Deque<Object[]> call = new ArrayDeque<>();
            call.push(new Object[] {root, calleesOf(root), 0});
            index.put(root, counter[0]);
            low.put(root, counter[0]++);
            stack.push(root);
            onStack.add(root);
            while (!call.isEmpty()) {
                Object[] fr = call.peek();
                Function v = (Function) fr[0];
                @SuppressWarnings("unchecked")
                List<Function> cs = (List<Function>) fr[1];
                int i = (Integer) fr[2];
                if (i < cs.size()) {
                    fr[2] = i + 1;
                    Function w = cs.get(i);
                    if (!index.containsKey(w)) {
                        index.put(w, counter[0]);
                        low.put(w, counter[0]++);
                        stack.push(w);
                        onStack.add(w);
                        call.push(new Object[] {w, calleesOf(w), 0});
                    } else if (onStack.contains(w)) {
                        low.put(v, Math.min(low.get(v), index.get(w)));
                    }
                } else {
                    call.pop();
                    if (!call.isEmpty()) {
                        Function parent = (Function) call.peek()[0];
                        low.put(parent, Math.min(low.get(parent), low.get(v)));
                    }
                    if (low.get(v).equals(index.get(v))) {
                        List<Function> scc = new ArrayList<>();
                        Function w;
                        do {
                            w = stack.pop();
                            onStack.remove(w);
                            scc.add(w);
                        } while (w != v);
                        out.add(scc);
                    }
                }
            }
        }
        return out;
    }

    private final Map<Function, List<Function>> calleeCache = new IdentityHashMap<>();

    public List<Function> calleesOf(Function f) {
        List<Function> cached = calleeCache.get(f);
        if (cached != null) return cached;
        List<Function> out = new ArrayList<>();
        for (String name : References.functions(f)) {
            Function c = resolve(f, name);
            if (c != null && !out.contains(c)) {
                if (!unitOf.containsKey(c)) unitOf.put(c, unitOf.get(f));
                if (known.add(c)) functions.add(c);
                out.add(c);
            }
        }
        calleeCache.put(f, out);
        return out;
    }
}
