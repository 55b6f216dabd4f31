package dev.ferrite.analysis;

/**
 * A symbolic value: an unknown the analysis names so that facts about it (its range, whether it is
 * NULL) can be learnt from branches. A symbol with an {@link AccessPath} stands for a value the
 * function received (a parameter, a global, or something read through them), so summaries can be
 * instantiated at call sites.
 */
public final class Sym implements Comparable<Sym> {
    private final int id;
    private final AccessPath input;
    private final boolean tainted;

    Sym(int id, AccessPath input, boolean tainted) {
        this.id = id;
        this.input = input;
        this.tainted = tainted;
    }

    public int id() {
        return id;
    }

    /** The input this symbol stands for, or null for values made inside the function. */
    public AccessPath input() {
        return input;
    }

    /** True for values that come from outside the program (files, sockets, rand(), user space). */
    public boolean tainted() {
        return tainted;
    }

    @Override
    public int compareTo(Sym o) {
        return Integer.compare(id, o.id);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sym s && s.id == id;
    }

    @Override
    public int hashCode() {
        return id;
    }

    @Override
    public String toString() {
        return "$" + id + (input != null ? "<" + input + ">" : "") + (tainted ? "!" : "");
    }
}
