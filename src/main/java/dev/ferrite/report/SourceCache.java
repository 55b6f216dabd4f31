package dev.ferrite.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads source files once and hands out their lines, for the caret display of {@link TextReporter}
 * and the fingerprints of {@link Fingerprinter}. Thread-safe.
 *
 * <p>Files are decoded as UTF-8 with malformed bytes replaced (U+FFFD), so a Latin-1 file still
 * yields lines. Lines are split at {@code \r\n}, {@code \r} and {@code \n}, without the terminators.
 * An unreadable file gives an empty list (and is not retried).
 *
 * <p>File names come from line markers, which code under check can forge ({@code #line 1
 * "/proc/self/environ"}), and the lines read end up in reports: a file larger than {@link #MAX_BYTES},
 * one under {@code /proc}, {@code /sys} or {@code /dev}, or (when the cache is given the directories a
 * run may read) one whose real path lies outside them, reads as empty.
 */
public final class SourceCache implements Function<String, List<String>> {
    private static final Pattern EOL = Pattern.compile("\r\n|\r|\n");

    /** Larger files are not read: no source file is this large, and its lines would be held in memory. */
    public static final long MAX_BYTES = 32L << 20;
    private static final List<Path> NEVER = List.of(Path.of("/proc"), Path.of("/sys"), Path.of("/dev"));

    private final Path root;
    /** Real paths of the directories files may be read from; null: anywhere (but {@link #NEVER}). */
    private final List<Path> allowed;
    private final Map<String, List<String>> cache = new ConcurrentHashMap<>();

    /** Relative file names are resolved against the current directory. */
    public SourceCache() {
        this(null);
    }

    /** Relative file names are resolved against {@code root} (null: the current directory). */
    public SourceCache(Path root) {
        this(root, null);
    }

    /**
     * Reads only files whose real path (symbolic links resolved) lies below one of {@code allowedDirs}
     * (null: no such limit). Directories that do not exist are dropped.
     */
    public SourceCache(Path root, Collection<Path> allowedDirs) {
        this.root = root;
        if (allowedDirs == null) {
            this.allowed = null;
        } else {
            List<Path> real = new ArrayList<>();
            for (Path d : allowedDirs) {
                try {
                    Path r = (root == null ? d : root.resolve(d)).toRealPath();
                    if (Files.isDirectory(r) && !real.contains(r)) real.add(r);
                } catch (IOException | RuntimeException e) {
                    // a directory that does not exist allows nothing
                }
            }
            this.allowed = List.copyOf(real);
        }
    }

    /** The lines of {@code file}, or an empty list if it cannot be read. */
    @Override
    public List<String> apply(String file) {
        return cache.computeIfAbsent(file, this::load);
    }

    /** Line {@code line} (1-based) of {@code file}, if the file is readable and has that line. */
    public Optional<String> line(String file, int line) {
        return line(this, file, line);
    }

    /** Registers the text of a file without reading it from disk (generated or in-memory sources). */
    public void put(String file, String text) {
        cache.put(file, splitLines(text));
    }

    /** Line {@code line} (1-based) of {@code file} according to {@code sources}. */
    public static Optional<String> line(Function<String, List<String>> sources, String file, int line) {
        if (sources == null || file == null || line < 1) return Optional.empty();
        List<String> lines = sources.apply(file);
        if (lines == null || line > lines.size()) return Optional.empty();
        return Optional.of(lines.get(line - 1));
    }

    /** Splits text into lines the way this cache does (a final line terminator adds no empty line). */
    public static List<String> splitLines(String text) {
        if (text.isEmpty()) return List.of();
        String[] parts = EOL.split(text, -1);
        int n = parts.length;
        if (parts[n - 1].isEmpty()) n--;
        return List.of(parts).subList(0, n);
    }

    private List<String> load(String file) {
        try {
            Path p = (root == null ? Path.of(file) : root.resolve(file)).toRealPath();
            if (!mayRead(p) || !Files.isRegularFile(p) || Files.size(p) > MAX_BYTES) return List.of();
            byte[] bytes = readAtMost(p, MAX_BYTES);
            CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            return splitLines(dec.decode(ByteBuffer.wrap(bytes)).toString());
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private boolean mayRead(Path real) {
        for (Path n : NEVER) {
            if (real.startsWith(n)) return false;
        }
        if (allowed == null) return true;
        for (Path d : allowed) {
            if (real.startsWith(d)) return true;
        }
        return false;
    }

    /** The file's bytes, or empty when it has grown past {@code max} since its size was asked. */
    private static byte[] readAtMost(Path p, long max) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] bytes = in.readNBytes((int) max + 1);
            return bytes.length > max ? new byte[0] : bytes;
        }
    }
}
