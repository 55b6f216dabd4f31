package dev.ferrite.ir;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What instructions refer to: their operands, and the functions a body calls or takes the address of. */
public final class References {
    private References() {
    }

    /** Names of functions a function calls directly or takes the address of. */
    public static Set<String> functions(Function f) {
        Set<String> out = new LinkedHashSet<>();
        for (Block b : f.blocks()) {
            for (Instr i : b.instrs()) {
                for (Operand o : operands(i)) {
                    if (o instanceof Operand.FuncRef fr) out.add(fr.name());
                }
            }
        }
        return out;
    }

    /** Every operand an instruction mentions, addresses taken included. */
    public static List<Operand> operands(Instr i) {
        return operands(i, true);
    }

    /**
     * The operands an instruction mentions; with {@code addressesTaken} false, a variable whose
     * address is taken ({@code &v}) is left out, since that does not read its value (liveness).
     */
    static List<Operand> operands(Instr i, boolean addressesTaken) {
        List<Operand> out = new ArrayList<>();
        if (i instanceof Instr.Assign a) {
            rvalueOperands(a.rv(), addressesTaken, out);
        } else if (i instanceof Instr.Load l) {
            out.add(l.addr());
        } else if (i instanceof Instr.Store s) {
            out.add(s.addr());
            out.add(s.value());
        } else if (i instanceof Instr.Copy c) {
            out.add(c.dst());
            out.add(c.src());
        } else if (i instanceof Instr.Call c) {
            out.add(c.callee());
            out.addAll(c.args());
        } else if (i instanceof Instr.Decl d) {
            if (d.vlaLength() != null) out.add(d.vlaLength());
        } else if (i instanceof Instr.ZeroFill z) {
            out.add(z.addr());
        } else if (i instanceof Instr.InitString s) {
            out.add(s.addr());
        } else if (i instanceof Instr.Asm a) {
            out.addAll(a.inputs());
            out.addAll(a.outputs());
        }
        return out;
    }

    private static void rvalueOperands(Rvalue rv, boolean addressesTaken, List<Operand> out) {
        if (rv instanceof Rvalue.Use u) {
            out.add(u.op());
        } else if (rv instanceof Rvalue.Unary u) {
            out.add(u.arg());
        } else if (rv instanceof Rvalue.Binary b) {
            out.add(b.left());
            out.add(b.right());
        } else if (rv instanceof Rvalue.Cast c) {
            out.add(c.arg());
        } else if (rv instanceof Rvalue.AddrOf a) {
            if (addressesTaken) out.add(a.var());
        } else if (rv instanceof Rvalue.FieldAddr f) {
            out.add(f.base());
        } else if (rv instanceof Rvalue.IndexAddr x) {
            out.add(x.base());
            out.add(x.index());
        } else if (rv instanceof Rvalue.PtrDiff d) {
            out.add(d.left());
            out.add(d.right());
        }
    }
}
