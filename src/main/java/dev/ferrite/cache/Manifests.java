package dev.ferrite.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ccache's "direct mode": for each compile command, the key of its preprocessed text and the files that
 * text was made of (the source and every header named by a line marker), with their size and hash.
 * When none of those files changed, the key is known without running the preprocessor.
 *
 * <p>A header that would now be found earlier on the include path (a new file shadowing an old one) is
 * not noticed, as in ccache; {@code --no-cache} or a changed command line helps. File states and hashes
 * are read once per run and shared by all commands. Thread-safe.
 */
public final class Manifests {
    /** One input file of a preprocessed text; {@code size} -1: it did not exist. */
    public record Dep(String path, long size, long mtime, String sha) {
    }

    /** What a command's preprocessing produced last time. */
    public record Manifest(String content, List<Dep> deps) {
    }

    private record Stat(long size, long mtime) {
        static final Stat MISSING = new Stat(-1, 0);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Map<Path, Stat> stats = new ConcurrentHashMap<>();
    private final Map<Path, String> hashes = new ConcurrentHashMap<>();

    public Manifests(Path cacheDir) {
        this.dir = cacheDir.resolve("manifests");
    }

    /** The content key recorded for this command if none of its files changed since, else null. */
    public String lookup(String commandKey) {
        Path f = file(commandKey);
        Manifest m;
        try {
            m = JSON.readValue(f.toFile(), Manifest.class);
        } catch (IOException | RuntimeException e) {
            return null; // missing or damaged: a miss
        }
        if (m.content() == null || m.deps() == null) return null;
        for (Dep d : m.deps()) {
            Path p = Path.of(d.path());
            Stat now = stat(p);
            if (now.size() != d.size()) return null;
            if (now.size() < 0) continue; // still missing
            // the content decides, not the mtime (an edit within the mtime's granularity, a restored mtime);
            // each file is hashed once per run, well under a second for a kernel tree's headers
            if (!d.sha().equals(hash(p))) return null;
        }
        return m.content();
    }

    /** Records what preprocessing this command gave: the content key and the files it read. */
    public void record(String commandKey, String contentKey, Collection<Path> files) {
        List<Dep> deps = new ArrayList<>();
        for (Path p : files) {
            Stat s = stat(p);
            deps.add(new Dep(p.toString(), s.size(), s.mtime(), s.size() < 0 ? "" : hash(p)));
        }
        try {
            Files.createDirectories(dir);
            AtomicFiles.write(file(commandKey), JSON.writeValueAsBytes(new Manifest(contentKey, deps)));
        } catch (IOException e) {
            // a cache that cannot be written only costs time
        }
    }

    private Path file(String key) {
        return dir.resolve(key.substring(0, 2)).resolve(key + ".json");
    }

    private Stat stat(Path p) {
        return stats.computeIfAbsent(p, k -> {
            try {
                BasicFileAttributes a = Files.readAttributes(k, BasicFileAttributes.class);
                return new Stat(a.size(), a.lastModifiedTime().toMillis());
            } catch (NoSuchFileException e) {
                return Stat.MISSING;
            } catch (IOException e) {
                return new Stat(-2, 0); // unreadable: never equal to a recorded state
            }
        });
    }

    private String hash(Path p) {
        return hashes.computeIfAbsent(p, k -> {
            try {
                return Hashes.ofFile(k);
            } catch (IOException e) {
                return "unreadable";
            }
        });
    }
}
