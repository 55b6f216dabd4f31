package dev.ferrite.cache;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Identifies the code of this Ferrite (checkers, engine, built-in models): the hash of its jar, or of the
 * names, sizes and mtimes of its class and resource files when it runs from a directory. Cached results of
 * another build are never used, whatever its version number says.
 */
public final class BuildId {
    private static volatile String id;

    private BuildId() {
    }

    public static String get() {
        String v = id;
        if (v == null) {
            v = compute();
            id = v;
        }
        return v;
    }

    private static String compute() {
        try {
            Path p = Path.of(BuildId.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(p)) return Hashes.ofFile(p);
            List<String> parts = new ArrayList<>();
            try (Stream<Path> s = Files.walk(p)) {
                s.filter(Files::isRegularFile).sorted().forEach(f -> {
                    try {
                        parts.add(p.relativize(f) + ":" + Files.size(f) + ":" + Files.getLastModifiedTime(f).toMillis());
                    } catch (IOException e) {
                        parts.add(f + ":?");
                    }
                });
            }
            return Hashes.of(parts);
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return "unknown-" + System.nanoTime(); // never matches: no caching
        }
    }
}
