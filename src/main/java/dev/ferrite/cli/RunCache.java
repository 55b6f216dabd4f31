package dev.ferrite.cli;

import dev.ferrite.cache.BuildId;
import dev.ferrite.cache.CachedRun;
import dev.ferrite.cache.Hashes;
import dev.ferrite.cache.Manifests;
import dev.ferrite.cache.ResultCache;
import dev.ferrite.frontend.CompileCommand;
import dev.ferrite.frontend.FrontendException;
import dev.ferrite.frontend.LineMap;
import dev.ferrite.frontend.PreprocessedFile;
import dev.ferrite.frontend.Preprocessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The result cache of {@code ferrite check}. Analysis is whole-program (summaries flow across files), so
 * what is cached is a whole run's outcome, keyed by Ferrite's build, the options and models that change
 * results, and each input's name and content key (the hash of its preprocessed text). Content keys come
 * from {@link Manifests} without running the preprocessor when no file a command read has changed, so a
 * second run over an unchanged tree neither preprocesses, parses nor analyses anything. When anything
 * changed the whole run is redone, giving exactly what an uncached run gives.
 */
final class RunCache {
    private final Manifests manifests;
    private final ResultCache results;
    private final Preprocessor pp;
    private final List<String> options;
    /** Content keys seen by the front end in this run, by command. */
    private final Map<CompileCommand, String> seen = new IdentityHashMap<>();

    /**
     * @param options what else changes results (report-latent, user model files with their hashes...)
     */
    RunCache(Path dir, Preprocessor pp, List<String> options) {
        this.manifests = new Manifests(dir);
        this.results = new ResultCache(dir);
        this.pp = pp;
        List<String> o = new ArrayList<>();
        o.add("build=" + BuildId.get());
        o.addAll(options);
        this.options = List.copyOf(o);
    }

    /** The hash of a user model file, for the options. */
    static String fileOption(String what, Path file) {
        try {
            return what + "=" + file + "@" + Hashes.ofFile(file);
        } catch (IOException e) {
            return what + "=" + file + "@unreadable";
        }
    }

    /** The run key of these inputs, preprocessing (on {@code threads} threads) only those whose manifest is stale. */
    String runKey(List<Inputs.Input> inputs, int threads) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, inputs.size())), r -> {
            Thread t = new Thread(r, "ferrite-cache-key");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<String>> keys = new ArrayList<>();
            for (Inputs.Input in : inputs) keys.add(pool.submit(() -> contentKey(in)));
            List<String> parts = new ArrayList<>(options);
            for (int i = 0; i < inputs.size(); i++) {
                parts.add(inputs.get(i).name());
                try {
                    parts.add(keys.get(i).get());
                } catch (ExecutionException e) {
                    parts.add("error:" + e.getCause());
                }
            }
            return Hashes.of(parts);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The run key of what the front end actually saw in this run (see {@link #listener}). */
    String runKey(List<FrontEndResult> results) {
        List<String> parts = new ArrayList<>(options);
        for (FrontEndResult r : results) {
            parts.add(r.name());
            String k;
            synchronized (seen) {
                k = r.command() != null ? seen.get(r.command()) : null;
            }
            parts.add(k != null ? k : "fail:" + r.failure().message());
        }
        return Hashes.of(parts);
    }

    Optional<CachedRun> lookup(String runKey) {
        return results.load(runKey);
    }

    void store(String runKey, CachedRun run) {
        results.store(runKey, run);
    }

    /** Records each preprocessed file's content key and manifest as the front end runs. */
    FrontEnd.Listener listener() {
        return (cmd, pf, map) -> {
            String key = Hashes.of(pf.text());
            synchronized (seen) {
                seen.put(cmd, key);
            }
            manifests.record(commandKey(cmd), key, inputsOf(cmd, pf, map));
        };
    }

    private String contentKey(Inputs.Input in) {
        CompileCommand cmd = in.command();
        if (cmd == null) return "fail:" + in.skipReason();
        String ck = commandKey(cmd);
        String k = manifests.lookup(ck);
        if (k != null) return k;
        try {
            PreprocessedFile pf = pp.preprocess(cmd);
            k = Hashes.of(pf.text());
            manifests.record(ck, k, inputsOf(cmd, pf, pf.lineMap()));
            return k;
        } catch (FrontendException e) {
            return "fail:" + e.getMessage();
        } catch (RuntimeException e) {
            return "error:" + e;
        }
    }

    private String commandKey(CompileCommand cmd) {
        List<String> parts = new ArrayList<>();
        parts.add(cmd.directory().toString());
        parts.add(cmd.file().toString());
        parts.addAll(cmd.arguments());
        if (!cmd.isPreprocessed()) {
            try {
                Path cc = pp.compiler();
                parts.add(cc + "@" + Files.size(cc) + "@" + Files.getLastModifiedTime(cc).toMillis());
            } catch (IOException | RuntimeException e) {
                parts.add("no-compiler");
            }
        }
        return Hashes.of(parts);
    }

    /** The files a preprocessed text was made of: a {@code .i} itself, else the source and every header. */
    private static Set<Path> inputsOf(CompileCommand cmd, PreprocessedFile pf, LineMap map) {
        Set<Path> files = new LinkedHashSet<>();
        files.add(cmd.file());
        if (cmd.isPreprocessed()) return files;
        for (String f : map.files()) {
            if (f.startsWith("<")) continue; // <built-in>, <command-line>
            files.add(pf.resolve(f));
        }
        return files;
    }
}
