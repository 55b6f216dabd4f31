package dev.ferrite.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;

/**
 * The output directory of a multi-file report. Every file is written strictly inside it: names are
 * single path components of safe characters (no separators, no {@code ..}, no leading dot), and an
 * existing symbolic link with the same name is replaced, never followed.
 */
final class ReportDir {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,100}");

    private final Path dir;

    /** Creates the directory if needed; fails if {@code dir} exists and is not a directory. */
    ReportDir(Path dir) throws IOException {
        Path d = dir.toAbsolutePath().normalize();
        if (Files.exists(d, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(d)) {
            throw new IOException(dir + " exists and is not a directory");
        }
        Files.createDirectories(d);
        this.dir = d;
    }

    Path dir() {
        return dir;
    }

    /** True when {@code name} is safe as a file name in the report directory. */
    static boolean isSafeName(String name) {
        return name != null && SAFE.matcher(name).matches() && !name.contains("..");
    }

    /** The path of {@code name} inside the directory; throws for a name that is not safe. */
    Path resolve(String name) {
        if (!isSafeName(name)) throw new IllegalArgumentException("unsafe report file name: " + name);
        Path p = dir.resolve(name).normalize();
        if (!p.getParent().equals(dir)) throw new IllegalArgumentException("report file outside its directory: " + name);
        return p;
    }

    /** Writes {@code text} (UTF-8) to {@code name}, replacing a file or link of that name. */
    void write(String name, String text) throws IOException {
        Path p = resolve(name);
        Files.deleteIfExists(p); // a link is removed, not followed
        Files.writeString(p, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }
}
