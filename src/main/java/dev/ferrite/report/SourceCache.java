package dev.ferrite.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 */
public final class SourceCache implements Function<String, List<String>> {
    private static final Pattern EOL = Pattern.compile("\r\n|\r|\n");

    private final Path root;
    private final Map<String, List<String>> cache = new ConcurrentHashMap<>();

    /** Relative file names are resolved against the current directory. */
    public SourceCache() {
        this(null);
    }

    /** Relative file names are resolved against {@code root} (null: the current directory). */
    public SourceCache(Path root) {
        this.root = root;
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
            Path p = root == null ? Path.of(file) : root.resolve(file);
            if (!Files.isRegularFile(p)) return List.of();
            byte[] bytes = Files.readAllBytes(p);
            CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            return splitLines(dec.decode(ByteBuffer.wrap(bytes)).toString());
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
