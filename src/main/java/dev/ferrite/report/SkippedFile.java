package dev.ferrite.report;

/** A file the run did not analyse, and why ("preprocessing failed: foo.h: No such file", ...). */
public record SkippedFile(String file, String reason) implements Comparable<SkippedFile> {
    public SkippedFile {
        if (file == null) throw new NullPointerException("file");
        if (reason == null) reason = "";
    }

    @Override
    public int compareTo(SkippedFile o) {
        int c = file.compareTo(o.file);
        return c != 0 ? c : reason.compareTo(o.reason);
    }
}
