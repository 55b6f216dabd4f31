package dev.ferrite.ir;

import dev.ferrite.frontend.SourcePos;
import java.util.List;

/** How control leaves a basic block. */
public sealed interface Terminator {
    SourcePos pos();

    List<Block> successors();

    record Jump(Block target, SourcePos pos) implements Terminator {
        public List<Block> successors() {
            return List.of(target);
        }

        @Override
        public String toString() {
            return "goto B" + target.id();
        }
    }

    /** {@code if (left OP right) goto ifTrue; else goto ifFalse;} with OP a comparison. */
    record Branch(Rvalue.BinOp op, Operand left, Operand right, Block ifTrue, Block ifFalse, SourcePos pos)
            implements Terminator {
        public List<Block> successors() {
            return List.of(ifTrue, ifFalse);
        }

        @Override
        public String toString() {
            return "if " + left + " " + op.symbol() + " " + right + " then B" + ifTrue.id() + " else B" + ifFalse.id();
        }
    }

    /** A case covers the values {@code lo..hi} (GNU case ranges; {@code lo == hi} otherwise). */
    record Case(long lo, long hi, Block target) {
    }

    record Switch(Operand value, List<Case> cases, Block defaultTarget, SourcePos pos) implements Terminator {
        public Switch {
            cases = List.copyOf(cases);
        }

        /** Each target once, in case order, then the default: linear in the cases (a switch may have thousands). */
        public List<Block> successors() {
            java.util.Set<Block> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            java.util.ArrayList<Block> out = new java.util.ArrayList<>();
            for (Case c : cases) if (seen.add(c.target())) out.add(c.target());
            if (seen.add(defaultTarget)) out.add(defaultTarget);
            return out;
        }

        @Override
        public String toString() {
            return "switch " + value + " (" + cases.size() + " cases) default B" + defaultTarget.id();
        }
    }

    /**
     * A jump to one of several targets the program chooses at run time: a computed {@code goto *p}
     * (targets: the labels whose address is taken) or an {@code asm goto} (fall-through plus labels).
     */
    record Choice(Operand address, List<Block> targets, SourcePos pos) implements Terminator {
        public Choice {
            targets = List.copyOf(targets);
        }

        public List<Block> successors() {
            return targets;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("choice");
            for (Block b : targets) sb.append(" B").append(b.id());
            return sb.toString();
        }
    }

    record Return(Operand value, SourcePos pos) implements Terminator {
        public List<Block> successors() {
            return List.of();
        }

        @Override
        public String toString() {
            return value == null ? "return" : "return " + value;
        }
    }

    /** Control never gets here ({@code __builtin_unreachable()}, after a call that does not return). */
    record Unreachable(SourcePos pos) implements Terminator {
        public List<Block> successors() {
            return List.of();
        }

        @Override
        public String toString() {
            return "unreachable";
        }
    }
}
