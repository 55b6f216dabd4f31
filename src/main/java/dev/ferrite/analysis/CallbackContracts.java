package dev.ferrite.analysis;

import dev.ferrite.ir.Attr;
import dev.ferrite.ir.Block;
import dev.ferrite.ir.CType;
import dev.ferrite.ir.Field;
import dev.ferrite.ir.Function;
import dev.ferrite.ir.Global;
import dev.ferrite.ir.Instr;
import dev.ferrite.ir.Operand;
import dev.ferrite.ir.Rvalue;
import dev.ferrite.ir.Unit;
import dev.ferrite.ir.Var;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Locks a callback is called with, by the contract of the structure that holds it: code the analysis
 * does not see (serio core calls a {@code struct serio_driver}'s {@code interrupt} with
 * {@code serio->lock} held) states it in the models as
 * {@code struct serio_driver: called_holding(interrupt, spin_irq, 1, lock)}. A function stored in that
 * field, by a global's initializer or by a store ({@code drv->interrupt = fn}), then starts with the
 * lock held, as if it were annotated {@code __must_hold(&serio->lock)}.
 */
public final class CallbackContracts {
    static final CallbackContracts NONE = new CallbackContracts();

    /** A lock held at a function's entry: its kind, the parameter (0-based) and the lock's offset in what it points to. */
    record HeldAtEntry(String kind, int param, long offset, String what) {
    }

    private final Map<Function, List<HeldAtEntry>> held = new IdentityHashMap<>();

    private CallbackContracts() {
    }

    /** The locks held when {@code f} is called, by the contracts of the fields it is stored in. */
    List<HeldAtEntry> of(Function f) {
        List<HeldAtEntry> l = held.get(f);
        return l != null ? l : List.of();
    }

    static CallbackContracts find(Program program, Models models) {
        CallbackContracts out = new CallbackContracts();
        if (!hasContracts(models)) return out;
        for (Unit u : program.units()) {
            if (u.functions().isEmpty()) continue;
            Function any = u.functions().get(0);
            for (Global g : new ArrayList<>(u.globals().values())) {
                if (!g.defined()) continue;
                for (Global.Init i : g.inits()) {
                    if (!(i.value() instanceof Operand.FuncRef ref)) continue;
                    for (Attr a : fieldContracts(models, g.var().type(), i.offset(), 0)) out.add(program, any, ref.name(), a);
                }
            }
            for (Function f : new ArrayList<>(u.functions())) out.scanStores(program, models, f);
        }
        return out;
    }

    private static boolean hasContracts(Models models) {
        for (Models.Spec s : models.all().values()) if (s.has("called_holding")) return true;
        return false;
    }

    /**
     * The contracts of the field at {@code offset} of an object of type {@code t}: the structure that
     * directly holds the field names it (an ops table nested in a larger structure, an array of them).
     */
    private static List<Attr> fieldContracts(Models models, CType t, long offset, int depth) {
        if (depth > 8) return List.of();
        if (t instanceof CType.Array arr && arr.elem().size() > 0) {
            return fieldContracts(models, arr.elem(), offset % arr.elem().size(), depth + 1);
        }
        if (!(t instanceof CType.Struct st)) return List.of();
        for (Field f : st.fields()) {
            long size = f.type().size();
            if (offset < f.offset() || offset >= f.offset() + Math.max(size, 1)) continue;
            if (offset == f.offset() && f.type() instanceof CType.Ptr) return contractsOf(models, st, f.name());
            List<Attr> inner = fieldContracts(models, f.type(), offset - f.offset(), depth + 1);
            if (!inner.isEmpty()) return inner;
        }
        return List.of();
    }

    /** True when the models say code elsewhere calls the function stored in this field (called_holding). */
    public static boolean calledByContract(Models models, CType.Struct st, String field) {
        return !contractsOf(models, st, field).isEmpty();
    }

    private static List<Attr> contractsOf(Models models, CType.Struct st, String field) {
        Models.Spec spec = st.name() != null ? models.get("struct " + st.name()) : null;
        if (spec == null) return List.of();
        List<Attr> out = new ArrayList<>();
        for (Attr a : spec.all("called_holding")) if (field.equals(a.strArg(0))) out.add(a);
        return out;
    }

    /** {@code drv->interrupt = fn}: a function stored into a field with a contract. */
    private void scanStores(Program program, Models models, Function f) {
        Map<Var, Rvalue.FieldAddr> fieldAddrs = new IdentityHashMap<>();
        Map<Var, Operand.FuncRef> funcs = new IdentityHashMap<>();
        for (Block b : f.blocks()) {
            for (Instr i : b.instrs()) {
                if (i instanceof Instr.Assign as) {
                    if (as.rv() instanceof Rvalue.FieldAddr fa) fieldAddrs.put(as.dst(), fa);
                    Operand.FuncRef r = funcRef(as.rv(), funcs);
                    if (r != null) funcs.put(as.dst(), r);
                }
                if (!(i instanceof Instr.Store st)) continue;
                Operand.FuncRef ref = st.value() instanceof Operand.FuncRef r ? r : st.value() instanceof Var v ? funcs.get(v) : null;
                Rvalue.FieldAddr fa = st.addr() instanceof Var v ? fieldAddrs.get(v) : null;
                if (ref == null || fa == null) continue;
                for (Attr a : contractsOf(models, fa.struct(), fa.field().name())) add(program, f, ref.name(), a);
            }
        }
    }

    /** The function a copy or cast of a function's address names ({@code t = (fnptr)@fn}), or null. */
    public static Operand.FuncRef funcRef(Rvalue rv, Map<Var, Operand.FuncRef> known) {
        Operand o = rv instanceof Rvalue.Use u ? u.op() : rv instanceof Rvalue.Cast c ? c.arg() : null;
        if (o instanceof Operand.FuncRef r) return r;
        return o instanceof Var v ? known.get(v) : null;
    }

    /** Records {@code called_holding(field, kind, i, lock)} for the function {@code name} resolves to from {@code from}. */
    private void add(Program program, Function from, String name, Attr a) {
        Function cb = program.resolve(from, name);
        if (cb == null || cb.decl() == null) return;
        int param = (int) a.intArg(2, 0) - 1;
        String lock = a.strArg(3);
        List<CType> params = cb.decl().type().params();
        if (param < 0 || param >= params.size() || lock == null || a.strArg(1) == null) return;
        Long off = Models.fieldOffset(params.get(param), lock);
        if (off == null) return;
        String pname = param < cb.decl().paramNames().size() ? cb.decl().paramNames().get(param) : "argument " + (param + 1);
        HeldAtEntry h = new HeldAtEntry(a.strArg(1), param, off, "&" + pname + "->" + lock);
        List<HeldAtEntry> l = held.computeIfAbsent(cb, k -> new ArrayList<>());
        if (!l.contains(h)) l.add(h);
    }
}
