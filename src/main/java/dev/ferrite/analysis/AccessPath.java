package dev.ferrite.analysis;

import java.util.Objects;
import java.util.ArrayList;
import java.util.List;

/**
 * Names a value a function receives from its caller: a parameter, a global's value, or a value read
 * through them ({@code *(param0 + 8)}, {@code *(*(g) + 0)}). Offsets are in bytes.
 */
public record AccessPath(Root root, int index, String global, List<Long> derefs) {
    // the generated equals and hashCode, written out: those of a record go through method handles that
    // the JIT does not fully inline in deep call chains (a third of the analysis time of a warm server)
    @Override
    public boolean equals(Object obj) {
        if (this == obj) return true;
        return obj instanceof AccessPath o && Objects.equals(root, o.root) && index == o.index &&
                Objects.equals(global, o.global) && Objects.equals(derefs, o.derefs);
    }

    @Override
    public int hashCode() {
        int h = Objects.hashCode(root);
        h = 31 * h + index;
        h = 31 * h + Objects.hashCode(global);
        h = 31 * h + Objects.hashCode(derefs);
        return h;
    }

    public enum Root { PARAM, GLOBAL }

    public AccessPath {
        derefs = List.copyOf(derefs);
    }

    public static AccessPath param(int i) {
        return new AccessPath(Root.PARAM, i, null, List.of());
    }

    public static AccessPath global(String name) {
        return new AccessPath(Root.GLOBAL, -1, name, List.of());
    }

    /** The value stored at {@code offset} in the object this path's value points to. */
    public AccessPath deref(long offset) {
        List<Long> d = new ArrayList<>(derefs);
        d.add(offset);
        return new AccessPath(root, index, global, d);
    }

    public int depth() {
        return derefs.size();
    }

    @Override
    public String toString() {
        String s = root == Root.PARAM ? "arg" + index : global;
        for (Long off : derefs) s = off == 0 ? "*" + s : "*(" + s + "+" + off + ")";
        return s;
    }
}
