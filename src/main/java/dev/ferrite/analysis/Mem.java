package dev.ferrite.analysis;

import java.util.Objects;
import dev.ferrite.ir.CType;
import java.util.Map;
import java.util.TreeMap;

/**
 * The contents of one region: values at concrete byte offsets, and what unwritten bytes hold. Mem is
 * immutable; every update returns a new one.
 */
public final class Mem {
    /** What bytes no cell covers hold. */
    public enum Fill {
        /** Never written: reading them is a read of uninitialized memory. */
        UNDEF,
        /** Zero (static storage, calloc, kzalloc, = {0}). */
        ZERO,
        /** Whatever the caller had there: read as input symbols (parameters' and globals' targets). */
        INPUT,
        /** Written with values we did not track (a loop over an array, an unknown call). */
        UNKNOWN,
        /** Written with data from outside the program (fgets, recv, copy_from_user). */
        TAINTED
    }

    /** A value stored at an offset with the type it was written with. */
    public record Cell(CType type, Val val) {
        // the generated equals and hashCode, written out: those of a record go through method handles that
        // the JIT does not fully inline in deep call chains (a third of the analysis time of a warm server)
        @Override
        public boolean equals(Object obj) {
            if (this == obj) return true;
            return obj instanceof Cell o && Objects.equals(type, o.type) && Objects.equals(val, o.val);
        }

        @Override
        public int hashCode() {
            int h = Objects.hashCode(type);
            h = 31 * h + Objects.hashCode(val);
            return h;
        }

        long size() {
            return Math.max(1, type.size());
        }
    }

    static final Mem UNDEF = new Mem(new TreeMap<>(), Fill.UNDEF);
    static final Mem ZERO = new Mem(new TreeMap<>(), Fill.ZERO);
    static final Mem INPUT = new Mem(new TreeMap<>(), Fill.INPUT);
    static final Mem UNKNOWN = new Mem(new TreeMap<>(), Fill.UNKNOWN);
    static final Mem TAINTED = new Mem(new TreeMap<>(), Fill.TAINTED);

    private final TreeMap<Long, Cell> cells;
    private final Fill fill;
    /**
     * In an UNDEF-filled object, the byte span {@code [writtenLo, writtenHi)} written at indices we
     * could not pin down (a loop over part of an array): those bytes hold unknown values, the rest of
     * the object stays unwritten. Empty when {@code writtenLo >= writtenHi}.
     */
    private final long writtenLo;
    private final long writtenHi;

    private Mem(TreeMap<Long, Cell> cells, Fill fill) {
        this(cells, fill, 0, 0);
    }

    private Mem(TreeMap<Long, Cell> cells, Fill fill, long writtenLo, long writtenHi) {
        this.cells = cells;
        this.fill = fill;
        boolean none = writtenLo >= writtenHi || fill != Fill.UNDEF;
        this.writtenLo = none ? 0 : writtenLo;
        this.writtenHi = none ? 0 : writtenHi;
    }

    static Mem of(Fill f) {
        return switch (f) {
            case UNDEF -> UNDEF;
            case ZERO -> ZERO;
            case INPUT -> INPUT;
            case UNKNOWN -> UNKNOWN;
            case TAINTED -> TAINTED;
        };
    }

    public Fill fill() {
        return fill;
    }

    public Map<Long, Cell> cells() {
        return cells;
    }

    /** True when some bytes were written at untracked indices ({@link #writtenLo}). */
    public boolean hasWrittenSpan() {
        return writtenLo < writtenHi;
    }

    public long writtenLo() {
        return writtenLo;
    }

    public long writtenHi() {
        return writtenHi;
    }

    /** True when {@code [off, off+size)} overlaps the span written at untracked indices. */
    boolean inWrittenSpan(long off, long size) {
        return hasWrittenSpan() && off < writtenHi && off + size > writtenLo;
    }

    /** The span written at untracked indices grown to include {@code [lo, hi)}; cells there are dropped. */
    Mem withWrittenSpan(long lo, long hi) {
        TreeMap<Long, Cell> c = new TreeMap<>(cells);
        clear(c, lo, hi - lo);
        long nlo = hasWrittenSpan() ? Math.min(lo, writtenLo) : lo;
        long nhi = hasWrittenSpan() ? Math.max(hi, writtenHi) : hi;
        return new Mem(c, fill, nlo, nhi);
    }

    /** True when some byte of {@code [lo, hi)} is covered neither by a cell nor by the written span. */
    boolean hasUnwrittenByte(long lo, long hi) {
        long at = lo;
        while (at < hi) {
            if (hasWrittenSpan() && at >= writtenLo && at < writtenHi) {
                at = writtenHi;
                continue;
            }
            Map.Entry<Long, Cell> below = cells.floorEntry(at);
            if (below != null && below.getKey() + below.getValue().size() > at) {
                at = below.getKey() + below.getValue().size();
                continue;
            }
            return true;
        }
        return false;
    }

    /** True when no byte of {@code [lo, hi)} was ever written (never-written contents, no cell, not in the written span). */
    boolean neverWritten(long lo, long hi) {
        return fill == Fill.UNDEF && !covers(lo, hi - lo) && !inWrittenSpan(lo, hi - lo);
    }

    /** The cell that starts exactly at {@code off}, if any. */
    public Cell at(long off) {
        return cells.get(off);
    }

    /** True when some cell overlaps {@code [off, off+size)} without starting at {@code off} with that size. */
    boolean overlapsPartially(long off, long size) {
        Map.Entry<Long, Cell> below = cells.floorEntry(off);
        if (below != null && below.getKey() < off && below.getKey() + below.getValue().size() > off) return true;
        for (Map.Entry<Long, Cell> e : cells.subMap(off, true, off + size, false).entrySet()) {
            if (e.getKey() != off || e.getValue().size() != size) return true;
        }
        return false;
    }

    /** True when any cell overlaps {@code [off, off+size)}. */
    boolean covers(long off, long size) {
        Map.Entry<Long, Cell> below = cells.floorEntry(off);
        if (below != null && below.getKey() + below.getValue().size() > off) return true;
        return !cells.subMap(off, true, off + size, false).isEmpty();
    }

    /** Writes a value, removing cells it overlaps. */
    Mem put(long off, CType type, Val v) {
        TreeMap<Long, Cell> c = new TreeMap<>(cells);
        long size = Math.max(1, type.size());
        clear(c, off, size);
        c.put(off, new Cell(type, v));
        return new Mem(c, fill, writtenLo, writtenHi);
    }

    /** Many writes with one copy of the cells (an initializer of 100,000 elements must not copy 100,000 times). */
    static final class Builder {
        private final TreeMap<Long, Cell> cells;
        private final Fill fill;
        private final long writtenLo;
        private final long writtenHi;

        Builder(Mem start) {
            cells = new TreeMap<>(start.cells);
            fill = start.fill;
            writtenLo = start.writtenLo;
            writtenHi = start.writtenHi;
        }

        /** Like {@link Mem#put}. */
        Builder put(long off, CType type, Val v) {
            clear(cells, off, Math.max(1, type.size()));
            cells.put(off, new Cell(type, v));
            return this;
        }

        Mem build() {
            return new Mem(cells, fill, writtenLo, writtenHi);
        }
    }

    /** Removes the cells overlapping {@code [off, off+size)}. */
    Mem clearRange(long off, long size) {
        TreeMap<Long, Cell> c = new TreeMap<>(cells);
        clear(c, off, size);
        return new Mem(c, fill, writtenLo, writtenHi);
    }

    private static void clear(TreeMap<Long, Cell> c, long off, long size) {
        Map.Entry<Long, Cell> below = c.floorEntry(off);
        if (below != null && below.getKey() < off && below.getKey() + below.getValue().size() > off) c.remove(below.getKey());
        c.subMap(off, true, off + size, false).clear();
    }

    Mem withFill(Fill f) {
        return new Mem(cells, f, writtenLo, writtenHi);
    }

    /** The symbols the cells' values mention (computed once: a Mem never changes). */
    Sym[] mentionedSyms() {
        Sym[] out = syms;
        if (out != null) return out;
        java.util.Set<Sym> set = new java.util.LinkedHashSet<>();
        for (Cell c : cells.values()) {
            Val v = c.val();
            if (v instanceof Val.Num n) {
                set.addAll(n.lin().terms().keySet());
            } else if (v instanceof Val.Loc l) {
                set.addAll(l.offset().terms().keySet());
                set.add(l.region().base());
            }
        }
        out = set.toArray(new Sym[0]);
        syms = out;
        return out;
    }

    private Sym[] syms;

    @Override
    public boolean equals(Object o) {
        return o instanceof Mem m && m.fill == fill && m.cells.equals(cells) && m.writtenLo == writtenLo && m.writtenHi == writtenHi;
    }

    @Override
    public int hashCode() {
        return cells.hashCode() * 5 + fill.hashCode() + Long.hashCode(writtenLo * 31 + writtenHi);
    }

    @Override
    public String toString() {
        return fill + (hasWrittenSpan() ? "[" + writtenLo + "," + writtenHi + ")" : "") + cells.toString();
    }
}
