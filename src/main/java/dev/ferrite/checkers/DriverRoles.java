package dev.ferrite.checkers;

import dev.ferrite.analysis.Models;
import dev.ferrite.analysis.Program;
import dev.ferrite.ir.Attr;
import dev.ferrite.ir.CType;
import dev.ferrite.ir.Field;
import dev.ferrite.ir.Function;
import dev.ferrite.ir.FunctionDecl;
import dev.ferrite.ir.Global;
import dev.ferrite.ir.Operand;
import dev.ferrite.ir.References;
import dev.ferrite.ir.Unit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which functions of a driver undo which: a driver structure's {@code probe} and {@code remove}
 * callbacks, the module's init and exit functions. What marks them is model knowledge:
 * {@code struct platform_driver: driver_callbacks(probe, remove)}, the sections the kernel's macros put
 * the module's functions in ({@code section .exitcall.exit: module_exit}), the aliases of modular
 * builds ({@code init_module: module_init}).
 */
final class DriverRoles {
    /** {@code releaser} must undo what {@code acquirer} leaves acquired when it succeeds. */
    record Pair(Function acquirer, Function releaser, String acquirerRole, String releaserRole) {
    }

    private DriverRoles() {
    }

    static List<Pair> find(Program program, Models models) {
        List<Pair> out = new ArrayList<>();
        for (Unit u : program.units()) {
            String init = null;
            String exit = null;
            for (Global g : u.globals().values()) {
                if (!g.defined()) continue;
                if (g.var().type() instanceof CType.Struct st) {
                    Models.Spec spec = models.get("struct " + st.name());
                    if (spec != null) {
                        for (Attr a : spec.all("driver_callbacks")) {
                            String acq = functionAt(g, st.field(a.strArg(0)));
                            String rel = functionAt(g, st.field(a.strArg(1)));
                            add(out, u, acq, rel, a.strArg(0) + " callback", a.strArg(1) + " callback");
                        }
                    }
                }
                for (Attr a : g.attrs()) {
                    if (!a.name().equals("section")) continue;
                    Models.Spec spec = models.get("section " + a.strArg(0));
                    if (spec == null) continue;
                    String f = functionAt(g, 0);
                    if (spec.has("module_init") && f != null) init = f;
                    if (spec.has("module_exit") && f != null) exit = f;
                }
            }
            for (FunctionDecl d : u.decls().values()) {
                Models.Spec spec = models.get(d.name());
                String target = aliasOf(d);
                if (spec == null || target == null) continue;
                if (spec.has("module_init")) init = target;
                if (spec.has("module_exit")) exit = target;
            }
            if (init == null && exit != null) init = onlyInitCandidate(u, models);
            add(out, u, init, exit, "module init function", "module exit function");
        }
        return out;
    }

    private static void add(List<Pair> out, Unit u, String acq, String rel, String acqRole, String relRole) {
        if (acq == null || rel == null) return;
        Function a = u.function(acq);
        Function r = u.function(rel);
        if (a != null && r != null) out.add(new Pair(a, r, acqRole, relRole));
    }

    private static String functionAt(Global g, Field f) {
        return f == null ? null : functionAt(g, f.offset());
    }

    private static String functionAt(Global g, long offset) {
        for (Global.Init i : g.inits()) {
            if (i.offset() == offset && i.value() instanceof Operand.FuncRef r) return r.name();
        }
        return null;
    }

    private static String aliasOf(FunctionDecl d) {
        for (Attr a : d.attrs()) if (a.name().equals("alias")) return a.strArg(0);
        return null;
    }

    /**
     * Built-in configurations register the init function through an initcall table the IR does not
     * keep: take the one function in init code ({@code module_init_code} sections) that has the
     * initcall signature {@code int (void)} and that no function of the unit refers to.
     */
    private static String onlyInitCandidate(Unit u, Models models) {
        Set<String> referenced = new HashSet<>();
        for (Function f : u.functions()) referenced.addAll(References.functions(f));
        String found = null;
        for (Function f : u.functions()) {
            if (!f.params().isEmpty() || !(f.decl().type().ret() instanceof CType.Int) || referenced.contains(f.name())) continue;
            boolean initCode = false;
            for (Attr a : f.decl().attrs()) {
                Models.Spec spec = a.name().equals("section") ? models.get("section " + a.strArg(0)) : null;
                if (spec != null && spec.has("module_init_code")) initCode = true;
            }
            if (!initCode) continue;
            if (found != null) return null;
            found = f.name();
        }
        return found;
    }
}
