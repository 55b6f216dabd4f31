package dev.ferrite.rustview;

import dev.ferrite.ir.Block;
import dev.ferrite.ir.CType;
import dev.ferrite.ir.Function;
import dev.ferrite.ir.Instr;
import dev.ferrite.ir.Operand;
import dev.ferrite.ir.Rvalue;
import dev.ferrite.ir.Terminator;
import dev.ferrite.ir.Var;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a function's IR does with each pointer parameter beyond what its summary records: whether it
 * is indexed at a variable position (a slice), moved before its start, or turned into an integer;
 * and whether some integer parameter bounds a loop or an index (a length).
 */
record PointerUse(boolean indexed, boolean beforeStart, boolean toInteger) {

    /** One entry per parameter, in order. */
    static List<PointerUse> of(Function fn) {
        List<Var> params = fn.params();
        List<Set<Var>> aliases = new ArrayList<>();
        for (Var p : params) {
            Set<Var> a = new HashSet<>();
            a.add(p);
            aliases.add(a);
        }
        // Plain copies of a parameter (q = p, q = (T *)p) stand for it.
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Block b : fn.blocks()) {
                for (Instr i : b.instrs()) {
                    if (!(i instanceof Instr.Assign as) || !(as.dst().type() instanceof CType.Ptr)) continue;
                    Operand src = as.rv() instanceof Rvalue.Use u ? u.op() : as.rv() instanceof Rvalue.Cast c ? c.arg() : null;
                    if (!(src instanceof Var v)) continue;
                    for (Set<Var> a : aliases) if (a.contains(v) && a.add(as.dst())) grew = true;
                }
            }
        }
        List<PointerUse> out = new ArrayList<>();
        for (Set<Var> a : aliases) {
            boolean indexed = false;
            boolean before = false;
            boolean toInt = false;
            for (Block b : fn.blocks()) {
                for (Instr i : b.instrs()) {
                    if (!(i instanceof Instr.Assign as)) continue;
                    Rvalue rv = as.rv();
                    if (rv instanceof Rvalue.IndexAddr ix && ix.base() instanceof Var v && a.contains(v)) {
                        if (ix.index() instanceof Operand.IntConst c) {
                            if (c.value() < 0) before = true;
                        } else {
                            indexed = true;
                        }
                    } else if (rv instanceof Rvalue.Binary bin && bin.left() instanceof Var v && a.contains(v)
                            && bin.type() instanceof CType.Ptr) {
                        if (bin.op() == Rvalue.BinOp.SUB) before = true;
                        else if (bin.op() == Rvalue.BinOp.ADD && !(bin.right() instanceof Operand.IntConst)) indexed = true;
                    } else if (rv instanceof Rvalue.Cast c && c.arg() instanceof Var v && a.contains(v) && c.to() instanceof CType.Int) {
                        toInt = true;
                    }
                }
            }
            out.add(new PointerUse(indexed, before, toInt));
        }
        return out;
    }

    /** True when some integer parameter is compared in a branch or used as an index: a length. */
    static boolean hasLengthParam(Function fn) {
        Set<Var> ints = new HashSet<>();
        for (Var p : fn.params()) if (p.type() instanceof CType.Int) ints.add(p);
        if (ints.isEmpty()) return false;
        // Copies and conversions of an integer parameter (i = n, (size_t)n) stand for it.
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Block b : fn.blocks()) {
                for (Instr i : b.instrs()) {
                    if (!(i instanceof Instr.Assign as) || !(as.dst().type() instanceof CType.Int)) continue;
                    Operand src = as.rv() instanceof Rvalue.Use u ? u.op() : as.rv() instanceof Rvalue.Cast c ? c.arg() : null;
                    if (src instanceof Var v && ints.contains(v) && ints.add(as.dst())) grew = true;
                }
            }
        }
        for (Block b : fn.blocks()) {
            if (b.terminator() instanceof Terminator.Branch br && (isIn(br.left(), ints) || isIn(br.right(), ints))) return true;
            for (Instr i : b.instrs()) {
                if (i instanceof Instr.Assign as && as.rv() instanceof Rvalue.IndexAddr ix && isIn(ix.index(), ints)) return true;
                if (i instanceof Instr.Assign as && as.rv() instanceof Rvalue.Binary bin && bin.op().isComparison()
                        && (isIn(bin.left(), ints) || isIn(bin.right(), ints))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isIn(Operand o, Set<Var> vars) {
        return o instanceof Var v && vars.contains(v);
    }
}
