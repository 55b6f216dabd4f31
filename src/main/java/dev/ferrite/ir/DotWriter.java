package dev.ferrite.ir;

/** Prints a function's control-flow graph as Graphviz DOT ({@code --dump-cfg}). */
public final class DotWriter {
    private DotWriter() {
    }

    public static String toDot(Function f) {
        StringBuilder sb = new StringBuilder();
        sb.append("digraph \"").append(escape(f.name())).append("\" {\n");
        sb.append("  node [shape=box, fontname=\"monospace\", fontsize=10];\n");
        for (Block b : f.blocks()) {
            StringBuilder label = new StringBuilder();
            label.append("B").append(b.id());
            if (b == f.entry()) label.append(" (entry)");
            if (b.isLoopHead()) label.append(" (loop head)");
            label.append("\\l");
            for (Instr i : b.instrs()) {
                label.append(i.pos().line()).append(": ").append(escape(i.toString())).append("\\l");
            }
            Terminator t = b.terminator();
            if (t != null) label.append(escape(t.toString())).append("\\l");
            sb.append("  B").append(b.id()).append(" [label=\"").append(label).append("\"];\n");
            if (t instanceof Terminator.Branch br) {
                sb.append("  B").append(b.id()).append(" -> B").append(br.ifTrue().id()).append(" [label=\"true\"];\n");
                sb.append("  B").append(b.id()).append(" -> B").append(br.ifFalse().id()).append(" [label=\"false\"];\n");
            } else if (t instanceof Terminator.Switch sw) {
                for (Terminator.Case c : sw.cases()) {
                    String l = c.lo() == c.hi() ? Long.toString(c.lo()) : c.lo() + "..." + c.hi();
                    sb.append("  B").append(b.id()).append(" -> B").append(c.target().id()).append(" [label=\"").append(l).append("\"];\n");
                }
                sb.append("  B").append(b.id()).append(" -> B").append(sw.defaultTarget().id()).append(" [label=\"default\"];\n");
            } else {
                for (Block s : b.successors()) sb.append("  B").append(b.id()).append(" -> B").append(s.id()).append(";\n");
            }
        }
        sb.append("}\n");
        return sb.toString();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** A plain-text listing of the graph, one instruction a line (for tests and --dump-ir). */
    public static String toText(Function f) {
        StringBuilder sb = new StringBuilder();
        sb.append("function ").append(f.name()).append(f.params()).append('\n');
        for (Block b : f.blocks()) {
            sb.append("B").append(b.id()).append(b.isLoopHead() ? " (loop head)" : "").append(":\n");
            for (Instr i : b.instrs()) sb.append("  ").append(i).append('\n');
            sb.append("  ").append(b.terminator()).append('\n');
        }
        return sb.toString();
    }
}
