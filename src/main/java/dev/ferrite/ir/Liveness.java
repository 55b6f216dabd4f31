package dev.ferrite.ir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Classic backward liveness of register variables, so analyses can forget dead values. */
final class Liveness {
    private Liveness() {
    }

    static Map<Block, Set<Var>> compute(Function f) {
        Map<Block, Set<Var>> use = new IdentityHashMap<>();
        Map<Block, Set<Var>> def = new IdentityHashMap<>();
        for (Block b : f.blocks()) {
            Set<Var> u = new HashSet<>();
            Set<Var> d = new HashSet<>();
            for (Instr i : b.instrs()) {
                for (Operand o : reads(i)) {
                    if (o instanceof Var v && !v.inMemory() && !d.contains(v)) u.add(v);
                }
                Var w = written(i);
                if (w != null && !w.inMemory()) d.add(w);
            }
            for (Operand o : reads(b.terminator())) {
                if (o instanceof Var v && !v.inMemory() && !d.contains(v)) u.add(v);
            }
            use.put(b, u);
            def.put(b, d);
        }
        Map<Block, Set<Var>> in = new IdentityHashMap<>();
        for (Block b : f.blocks()) in.put(b, new HashSet<>(use.get(b)));
        List<Block> order = new ArrayList<>(f.blocks());
        java.util.Collections.reverse(order);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Block b : order) {
                Set<Var> out = new HashSet<>();
                for (Block s : b.successors()) {
                    Set<Var> si = in.get(s);
                    if (si != null) out.addAll(si);
                }
                out.removeAll(def.get(b));
                Set<Var> cur = in.get(b);
                int before = cur.size();
                cur.addAll(out);
                if (cur.size() != before) changed = true;
            }
        }
        Map<Block, Set<Var>> frozen = new HashMap<>();
        for (Map.Entry<Block, Set<Var>> e : in.entrySet()) frozen.put(e.getKey(), Set.copyOf(e.getValue()));
        return new IdentityHashMap<>(frozen);
    }

    static Var written(Instr i) {
        if (i instanceof Instr.Assign a) return a.dst();
        if (i instanceof Instr.Load l) return l.dst();
        if (i instanceof Instr.Call c) return c.dst();
        if (i instanceof Instr.Decl d) return d.var();
        return null;
    }

    static List<Operand> reads(Instr i) {
        return References.operands(i, false);
    }

    static List<Operand> reads(Terminator t) {
        List<Operand> out = new ArrayList<>();
        if (t instanceof Terminator.Branch b) {
            out.add(b.left());
            out.add(b.right());
        } else if (t instanceof Terminator.Switch s) {
            out.add(s.value());
        } else if (t instanceof Terminator.Return r) {
            if (r.value() != null) out.add(r.value());
        } else if (t instanceof Terminator.Choice c) {
            if (c.address() != null) out.add(c.address());
        }
        return out;
    }
}
