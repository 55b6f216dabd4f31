package dev.ferrite.analysis;

import dev.ferrite.ir.Block;
import dev.ferrite.ir.Function;
import dev.ferrite.ir.Global;
import dev.ferrite.ir.Instr;
import dev.ferrite.ir.Operand;
import dev.ferrite.ir.References;
import dev.ferrite.ir.Terminator;
import dev.ferrite.ir.Unit;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lets go of a callee's summary once no function left to analyse can ask for it: a whole tree keeps
 * thousands of summaries (their outcome states are most of a run's memory), but a summary is only
 * read by the callers that name the function. A function whose address is taken anywhere (a
 * function pointer, an ops table, a returned or passed function) can be reached by any later caller
 * through that pointer, and one nobody names (an entry point: module_init, a probe) is read by the
 * checks at the end of the run: both keep their summaries.
 */
final class SummaryRelease {
    /** Per callee: the functions that name it and have not been analysed yet. */
    private final Map<Function, Integer> pending = new IdentityHashMap<>();
    private final Set<String> addressTaken = new HashSet<>();
    private final Program program;

    SummaryRelease(Program program) {
        this.program = program;
        for (Function f : new java.util.ArrayList<>(program.functions())) {
            for (Function c : program.calleesOf(f)) if (c != f) pending.merge(c, 1, Integer::sum);
            noteAddressesTaken(f);
        }
        for (Unit u : program.units()) {
            for (Global g : u.globals().values()) {
                for (Global.Init i : g.inits()) if (i.value() instanceof Operand.FuncRef r) addressTaken.add(r.name());
                for (Global.AddrInit a : g.addrInits()) addressTaken.add(a.target());
            }
        }
    }

    /** Called when {@code f} is done (analysed or skipped): drops the summaries only it still needed. */
    void done(Function f, Map<Function, Summary> summaries) {
        for (Function c : program.calleesOf(f)) {
            if (c == f) continue;
            Integer left = pending.merge(c, -1, Integer::sum);
            if (left != null && left <= 0 && !addressTaken.contains(c.name())) summaries.remove(c);
        }
    }

    /** Names of functions used other than as the callee of a direct call (by name, so across units too). */
    private void noteAddressesTaken(Function f) {
        for (Block b : f.blocks()) {
            for (Instr i : b.instrs()) {
                List<Operand> ops = References.operands(i);
                boolean directCall = i instanceof Instr.Call c && c.callee() instanceof Operand.FuncRef;
                for (int k = directCall ? 1 : 0; k < ops.size(); k++) {
                    if (ops.get(k) instanceof Operand.FuncRef r) addressTaken.add(r.name());
                }
            }
            Terminator t = b.terminator();
            Operand v = t instanceof Terminator.Return r ? r.value() : t instanceof Terminator.Switch s ? s.value() : null;
            if (v instanceof Operand.FuncRef r) addressTaken.add(r.name());
        }
    }
}
