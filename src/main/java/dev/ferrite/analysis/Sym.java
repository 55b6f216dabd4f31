package dev.ferrite.analysis;

/**
 * A symbolic value: an unknown the analysis names so that facts about it (its range, whether it is
 * NULL) can be learnt from branches. A symbol with an {@link AccessPath} stands for a value the
 * function received (a parameter, a global, or something read through them), so summaries can be
 * instantiated at call sites.
 */
public final class Sym implements Comparable<Sym> {
    private final long id;
    private final AccessPath input;
    private final boolean tainted;
    private final dev.ferrite.ir.CType type;
    private boolean objectAddress;

    Sym(long id, AccessPath input, boolean tainted, dev.ferrite.ir.CType type) {
        this.id = id;
        this.input = input;
        this.tainted = tainted;
        this.type = type;
    }

    public long id() {
        return id;
    }

    /** True for the address symbol of a variable, heap object, literal or stack block: never NULL unless told. */
    public boolean isObjectAddress() {
        return objectAddress;
    }

    void markObjectAddress() {
        objectAddress = true;
    }

    /** The C type of the value when known (input symbols always have one). */
    public dev.ferrite.ir.CType type() {
        return type;
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
        return Long.compare(id, o.id);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sym s && s.id == id;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return "$" + id + (input != null ? "<" + input + ">" : "") + (tainted ? "!" : "");
    }
}
