package dev.ferrite.analysis;

import java.util.Objects;

/**
 * An abstract value: an integer (a linear expression over symbols), a pointer into a memory region,
 * a function's address, or an uninitialized value.
 */
public sealed interface Val permits Val.Num, Val.Loc, Val.Fn, Val.Undef {

    /** An integer value; pointers converted to integers are numbers too (NULL is {@code Num(0)}). */
    record Num(Lin lin) implements Val {
        // the generated equals and hashCode, written out: those of a record go through method handles that
        // the JIT does not fully inline in deep call chains (a third of the analysis time of a warm server)
        @Override
        public boolean equals(Object obj) {
            if (this == obj) return true;
            return obj instanceof Num o && Objects.equals(lin, o.lin);
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(lin);
        }

        public static final Num ZERO = new Num(Lin.ZERO);

        public static Num of(long v) {
            return v == 0 ? ZERO : new Num(Lin.of(v));
        }

        public static Num of(Sym s) {
            return new Num(Lin.of(s));
        }

        public boolean isConstant() {
            return lin.isConstant();
        }

        @Override
        public String toString() {
            return lin.toString();
        }
    }

    /** A pointer to {@code region} plus a byte offset. */
    record Loc(Region region, Lin offset) implements Val {
        // the generated equals and hashCode, written out: those of a record go through method handles that
        // the JIT does not fully inline in deep call chains (a third of the analysis time of a warm server)
        @Override
        public boolean equals(Object obj) {
            if (this == obj) return true;
            return obj instanceof Loc o && Objects.equals(region, o.region) && Objects.equals(offset, o.offset);
        }

        @Override
        public int hashCode() {
            int h = Objects.hashCode(region);
            h = 31 * h + Objects.hashCode(offset);
            return h;
        }

        @Override
        public String toString() {
            return "&" + region + (offset.equals(Lin.ZERO) ? "" : "+" + offset);
        }
    }

    /** The address of a function. */
    record Fn(String name) implements Val {
        @Override
        public String toString() {
            return "@" + name;
        }
    }

    /**
     * A value never written (a local before assignment, malloc'd memory). {@code origin} says where it came from.
     * {@code latent}: left unwritten by a callee only under conditions on values the caller cannot see
     * (a use is then a latent bug, not a manifest one).
     */
    record Undef(String origin, boolean latent) implements Val {
        public Undef(String origin) {
            this(origin, false);
        }

        @Override
        public String toString() {
            return "undef";
        }
    }
}
