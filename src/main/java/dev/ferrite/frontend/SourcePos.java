package dev.ferrite.frontend;

/** A position in an original source file (after mapping preprocessor line markers back). Lines and columns are 1-based. */
public record SourcePos(String file, int line, int column) implements Comparable<SourcePos> {
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
