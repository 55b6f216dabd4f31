package dev.ferrite.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The results of whole runs, by run key ({@link RunKey}): a run whose every input, option and model is
 * the same as an earlier one's is answered from here. Entries are written atomically, so concurrent runs
 * (a server's clients, two builds) may share a directory.
 */
public final class ResultCache {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;

    public ResultCache(Path cacheDir) {
        this.dir = cacheDir.resolve("results");
    }

    public Optional<CachedRun> load(String runKey) {
        try {
            return Optional.of(JSON.readValue(file(runKey).toFile(), CachedRun.class));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // missing or damaged: a miss
        }
    }

    public void store(String runKey, CachedRun run) {
        try {
            AtomicFiles.write(file(runKey), JSON.writeValueAsBytes(run));
        } catch (IOException e) {
            // a cache that cannot be written only costs time
        }
    }

    private Path file(String key) {
        return dir.resolve(key.substring(0, 2)).resolve(key + ".json");
    }

    /** The default directory: {@code $XDG_CACHE_HOME/ferrite}, else {@code ~/.cache/ferrite}. */
    public static Path defaultDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) return Path.of(xdg, "ferrite");
        return Path.of(System.getProperty("user.home"), ".cache", "ferrite");
    }
}
