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

    private static final long[] NO_OFFSETS = new long[0];
    private static final Cell[] NO_CELLS = new Cell[0];

    static final Mem UNDEF = new Mem(NO_OFFSETS, NO_CELLS, Fill.UNDEF);
    static final Mem ZERO = new Mem(NO_OFFSETS, NO_CELLS, Fill.ZERO);
    static final Mem INPUT = new Mem(NO_OFFSETS, NO_CELLS, Fill.INPUT);
    static final Mem UNKNOWN = new Mem(NO_OFFSETS, NO_CELLS, Fill.UNKNOWN);
    static final Mem TAINTED = new Mem(NO_OFFSETS, NO_CELLS, Fill.TAINTED);

    /**
     * The cells as two arrays sorted by offset (never changed once made): a store copies two flat arrays
     * instead of rebuilding a tree of entries (a struct of hundreds of fields is written field by field).
     */
    private final long[] offs;
    private final Cell[] vals;
    private final Fill fill;
    /**
     * In an UNDEF-filled object, the byte span {@code [writtenLo, writtenHi)} written at indices we
     * could not pin down (a loop over part of an array): those bytes hold unknown values, the rest of
     * the object stays unwritten. Empty when {@code writtenLo >= writtenHi}.
     */
    private final long writtenLo;
    private final long writtenHi;

    private Mem(long[] offs, Cell[] vals, Fill fill) {
        this(offs, vals, fill, 0, 0);
    }

    private Mem(long[] offs, Cell[] vals, Fill fill, long writtenLo, long writtenHi) {
        this.offs = offs;
        this.vals = vals;
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

    /** The cells by offset, in ascending order (a read-only view). */
    public Map<Long, Cell> cells() {
        Map<Long, Cell> v = view;
        if (v == null) {
            v = new CellsView(offs, vals);
            view = v;
        }
        return v;
    }

    private Map<Long, Cell> view;

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
        long nlo = hasWrittenSpan() ? Math.min(lo, writtenLo) : lo;
        long nhi = hasWrittenSpan() ? Math.max(hi, writtenHi) : hi;
        return replaced(lo, hi - lo, null, fill, nlo, nhi);
    }

    /** True when some byte of {@code [lo, hi)} is covered neither by a cell nor by the written span. */
    boolean hasUnwrittenByte(long lo, long hi) {
        long at = lo;
        while (at < hi) {
            if (hasWrittenSpan() && at >= writtenLo && at < writtenHi) {
                at = writtenHi;
                continue;
            }
            int below = floorIndex(at);
            if (below >= 0 && offs[below] + vals[below].size() > at) {
                at = offs[below] + vals[below].size();
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
        int i = java.util.Arrays.binarySearch(offs, off);
        return i >= 0 ? vals[i] : null;
    }

    /** True when some cell overlaps {@code [off, off+size)} without starting at {@code off} with that size. */
    boolean overlapsPartially(long off, long size) {
        int below = floorIndex(off);
        if (below >= 0 && offs[below] < off && offs[below] + vals[below].size() > off) return true;
        int lo = ceilingIndex(off);
        int hi = ceilingIndex(checkedEnd(off, size));
        for (int i = lo; i < hi; i++) {
            if (offs[i] != off || vals[i].size() != size) return true;
        }
        return false;
    }

    /** True when any cell overlaps {@code [off, off+size)}. */
    boolean covers(long off, long size) {
        int below = floorIndex(off);
        if (below >= 0 && offs[below] + vals[below].size() > off) return true;
        long end = checkedEnd(off, size);
        int lo = ceilingIndex(off);
        return lo < offs.length && offs[lo] < end;
    }

    /** Writes a value, removing cells it overlaps. */
    Mem put(long off, CType type, Val v) {
        long size = Math.max(1, type.size());
        return replaced(off, size, new Cell(type, v), fill, writtenLo, writtenHi);
    }

    /**
     * These contents with the cells overlapping {@code [off, off+size)} removed (as {@link #clear}: the
     * one cell starting below that reaches into it, and those starting inside) and {@code cell}, when
     * not null, stored at {@code off}.
     */
    private Mem replaced(long off, long size, Cell cell, Fill f, long wlo, long whi) {
        long end = checkedEnd(off, size);
        int lo = ceilingIndex(off);
        int below = floorIndex(off);
        boolean dropBelow = below >= 0 && offs[below] < off && offs[below] + vals[below].size() > off;
        int to = ceilingIndex(end);
        int n = offs.length;
        int from = dropBelow ? below : lo;
        int m = from + (cell != null ? 1 : 0) + (n - to);
        long[] no = new long[m];
        Cell[] nv = new Cell[m];
        System.arraycopy(offs, 0, no, 0, from);
        System.arraycopy(vals, 0, nv, 0, from);
        int at = from;
        if (cell != null) {
            no[at] = off;
            nv[at] = cell;
            at++;
        }
        System.arraycopy(offs, to, no, at, n - to);
        System.arraycopy(vals, to, nv, at, n - to);
        return new Mem(no, nv, f, wlo, whi);
    }

    /** {@code off + size}; an end below the start is refused as the tree map's sub-map refused it. */
    private static long checkedEnd(long off, long size) {
        long end = off + size;
        if (end < off) throw new IllegalArgumentException("fromKey > toKey");
        return end;
    }

    /** The index of the first cell at or above {@code off} (the number of cells when none is). */
    private int ceilingIndex(long off) {
        int i = java.util.Arrays.binarySearch(offs, off);
        return i >= 0 ? i : -i - 1;
    }

    /** The index of the last cell at or below {@code off}, or -1. */
    private int floorIndex(long off) {
        int i = java.util.Arrays.binarySearch(offs, off);
        return i >= 0 ? i : -i - 2;
    }

    /** Many writes with one copy of the cells (an initializer of 100,000 elements must not copy 100,000 times). */
    static final class Builder {
        private final TreeMap<Long, Cell> cells;
        private final Fill fill;
        private final long writtenLo;
        private final long writtenHi;

        Builder(Mem start) {
            cells = new TreeMap<>();
            for (int i = 0; i < start.offs.length; i++) cells.put(start.offs[i], start.vals[i]);
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
            long[] o = new long[cells.size()];
            Cell[] v = new Cell[cells.size()];
            int i = 0;
            for (Map.Entry<Long, Cell> e : cells.entrySet()) {
                o[i] = e.getKey();
                v[i++] = e.getValue();
            }
            return new Mem(o, v, fill, writtenLo, writtenHi);
        }
    }

    /** Removes the cells overlapping {@code [off, off+size)}. */
    Mem clearRange(long off, long size) {
        return replaced(off, size, null, fill, writtenLo, writtenHi);
    }

    private static void clear(TreeMap<Long, Cell> c, long off, long size) {
        Map.Entry<Long, Cell> below = c.floorEntry(off);
        if (below != null && below.getKey() < off && below.getKey() + below.getValue().size() > off) c.remove(below.getKey());
        c.subMap(off, true, off + size, false).clear();
    }

    Mem withFill(Fill f) {
        return new Mem(offs, vals, f, writtenLo, writtenHi);
    }

    /** The symbols the cells' values mention (computed once: a Mem never changes). */
    Sym[] mentionedSyms() {
        Sym[] out = syms;
        if (out != null) return out;
        java.util.Set<Sym> set = new java.util.LinkedHashSet<>();
        for (Cell c : vals) {
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

    /**
     * The regions the cells point into and the symbols of their numbers (computed once), for the
     * reachability walk of {@link State#collectGarbage}: one pass over small arrays per object, not
     * over its cells.
     */
    Region[] pointedRegions() {
        if (pointed == null) collectLinks();
        return pointed;
    }

    /** See {@link #pointedRegions}. */
    Sym[] numberSyms() {
        if (numbers == null) collectLinks();
        return numbers;
    }

    private void collectLinks() {
        java.util.Set<Region> rs = new java.util.LinkedHashSet<>();
        java.util.Set<Sym> xs = new java.util.LinkedHashSet<>();
        for (Cell c : vals) {
            Val v = c.val();
            if (v instanceof Val.Loc l) rs.add(l.region());
            else if (v instanceof Val.Num n) xs.addAll(n.lin().terms().keySet());
        }
        numbers = xs.toArray(new Sym[0]);
        pointed = rs.toArray(new Region[0]);
    }

    private Region[] pointed;
    private Sym[] numbers;

    @Override
    public boolean equals(Object o) {
        if (o == this) return true;
        return o instanceof Mem m && m.fill == fill && m.writtenLo == writtenLo && m.writtenHi == writtenHi
                && java.util.Arrays.equals(m.offs, offs) && java.util.Arrays.equals(m.vals, vals);
    }

    @Override
    public int hashCode() {
        int h = 0; // as a map of the cells hashes (the sum of key ^ value over the entries)
        for (int i = 0; i < offs.length; i++) h += Long.hashCode(offs[i]) ^ vals[i].hashCode();
        return h * 5 + fill.hashCode() + Long.hashCode(writtenLo * 31 + writtenHi);
    }

    @Override
    public String toString() {
        return fill + (hasWrittenSpan() ? "[" + writtenLo + "," + writtenHi + ")" : "") + cells().toString();
    }

    /** The read-only map view of the two sorted arrays. */
    private static final class CellsView extends ArrayMapView<Long, Cell> {
        private final long[] offs;
        private final Cell[] vals;

        CellsView(long[] offs, Cell[] vals) {
            this.offs = offs;
            this.vals = vals;
        }

        @Override
        int length() {
            return offs.length;
        }

        @Override
        Long keyAt(int i) {
            return offs[i];
        }

        @Override
        Cell valueAt(int i) {
            return vals[i];
        }

        @Override
        int indexOf(Object key) {
            return key instanceof Long k ? java.util.Arrays.binarySearch(offs, k) : -1;
        }
    }
}
