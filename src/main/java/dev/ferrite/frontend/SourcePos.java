package dev.ferrite.frontend;

import java.util.Objects;

/** A position in an original source file (after mapping preprocessor line markers back). Lines and columns are 1-based. */
public record SourcePos(String file, int line, int column) implements Comparable<SourcePos> {
    // the generated equals and hashCode, written out: those of a record go through method handles that
    // the JIT does not fully inline in deep call chains (a third of the analysis time of a warm server)
    @Override
    public boolean equals(Object obj) {
        if (this == obj) return true;
        return obj instanceof SourcePos o && Objects.equals(file, o.file) && line == o.line && column == o.column;
    }

    @Override
    public int hashCode() {
        int h = Objects.hashCode(file);
        h = 31 * h + line;
        h = 31 * h + column;
        return h;
    }

    public static final SourcePos UNKNOWN = new SourcePos("<unknown>", 0, 0);

    @Override
    public int compareTo(SourcePos o) {
        int c = file.compareTo(o.file);
        if (c != 0) return c;
        c = Integer.compare(line, o.line);
        return c != 0 ? c : Integer.compare(column, o.column);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
