package dev.ferrite.frontend;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a {@link CompileCommand} into preprocessed text by running the real C compiler as {@code cc -E}
 * (never through a shell), in the command's working directory, with only the flags that matter for
 * preprocessing (see {@link #preprocessorFlags}). Everything else on the original command line, in
 * particular anything that writes files or loads code, is never passed on.
 *
 * <p>Instances are immutable and thread-safe; use one for a whole run so that caches are shared.
 */
public final class Preprocessor {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final long DEFAULT_MAX_OUTPUT_BYTES = 256L << 20;
    /** The largest output limit that fits in memory as one array. */
    public static final long MAX_OUTPUT_LIMIT = Integer.MAX_VALUE - 64;
    private static final int MAX_STDERR_BYTES = 1 << 20;
    private static final int MAX_RETRIES = 4;

    /** Environment variables removed before running the compiler: they make it write dependency files. */
    private static final List<String> ENV_REMOVED = List.of("DEPENDENCIES_OUTPUT", "SUNPRO_DEPENDENCIES", "GCC_COMPARE_DEBUG");

    private final String compilerName;
    private final Duration timeout;
    private final long maxOutputBytes;
    private final Shared shared;

    /** Caches shared by copies made with the {@code with...} methods when the compiler stays the same. */
    private static final class Shared {
        volatile Path compiler;
        /** Flags the compiler rejected once (unknown target options): left out from then on. */
        final Set<String> rejected = ConcurrentHashMap.newKeySet();
        final Map<List<String>, Map<String, String>> macros = new ConcurrentHashMap<>();
    }

    /**
     * The caches per compiler name, for the whole JVM: a server ({@code ferrite server}) makes a Preprocessor per
     * request, and would otherwise run the compiler twice for every kbuild file (sparse's {@code -mlittle-endian},
     * which gcc rejects on x86, is learned once).
     */
    private static final Map<String, Shared> SHARED = new ConcurrentHashMap<>();

    /** Uses {@code gcc} from PATH, or {@code cc} when there is no gcc, with the default timeout. */
    public Preprocessor() {
        this(null, DEFAULT_TIMEOUT, DEFAULT_MAX_OUTPUT_BYTES, sharedFor(null));
    }

    /** The caches of this compiler name (null: the default); a path is made absolute first. */
    private static Shared sharedFor(String compiler) {
        String key = compiler == null ? "" : compiler.indexOf('/') >= 0 ? Path.of(compiler).toAbsolutePath().normalize().toString() : compiler;
        return SHARED.computeIfAbsent(key, k -> new Shared());
    }

    private Preprocessor(String compilerName, Duration timeout, long maxOutputBytes, Shared shared) {
        this.compilerName = compilerName;
        this.timeout = timeout;
        this.maxOutputBytes = maxOutputBytes;
        this.shared = shared;
    }

    /**
     * Uses this compiler: a name looked up in the absolute directories of PATH (never the current
     * directory), or a path (relative paths are resolved against the current directory of this process).
     */
    public Preprocessor withCompiler(String compiler) {
        Objects.requireNonNull(compiler);
        if (compiler.isBlank()) throw new IllegalArgumentException("empty compiler name");
        return new Preprocessor(compiler, timeout, maxOutputBytes, sharedFor(compiler));
    }

    /** The compiler is killed (with its child processes) when it runs longer than this. */
    public Preprocessor withTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
        return new Preprocessor(compilerName, timeout, maxOutputBytes, shared);
    }

    /** Preprocessed output larger than this is an error (the compiler is killed). */
    public Preprocessor withMaxOutputBytes(long max) {
        if (max <= 0 || max > MAX_OUTPUT_LIMIT) throw new IllegalArgumentException("limit must be in 1.." + MAX_OUTPUT_LIMIT);
        return new Preprocessor(compilerName, timeout, max, shared);
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * The compiler that is run, as an absolute path.
     *
     * @throws FrontendException when it cannot be found
     */
    public Path compiler() {
        Path c = shared.compiler;
        if (c == null) {
            c = findCompiler(compilerName);
            shared.compiler = c;
        }
        return c;
    }

    private static Path findCompiler(String name) {
        if (name == null) {
            Path p = onPath("gcc");
            if (p == null) p = onPath("cc");
            if (p == null) throw new FrontendException(null, 0, "no C compiler found: neither gcc nor cc is on PATH");
            return p;
        }
        if (name.indexOf('/') >= 0) {
            Path p = Path.of(name).toAbsolutePath().normalize();
            if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
                throw new FrontendException(null, 0, "compiler " + name + " is not an executable file");
            }
            return p;
        }
        Path p = onPath(name);
        if (p == null) throw new FrontendException(null, 0, "compiler " + name + " not found on PATH");
        return p;
    }

    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : path.split(":")) {
            if (dir.isEmpty() || !dir.startsWith("/")) continue; // never run a compiler from the current directory
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return p;
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * The flags passed to the compiler for {@code -E}, in this order: {@code -std=}, target flags,
     * {@code -nostdinc}, {@code --sysroot=}, {@code -D}/{@code -U} (command-line order), include directories
     * (command-line order), {@code -imacros}/{@code -include} (command-line order). Every value is joined to
     * its option, so no argument starts with {@code @} (which GCC would read as a response file); paths that
     * start with {@code -} or {@code @} get a {@code ./} prefix.
     */
    public static List<String> preprocessorFlags(CompileFlags flags) {
        return preprocessorFlags(flags, Set.of());
    }

    private static List<String> preprocessorFlags(CompileFlags flags, Set<String> rejected) {
        List<String> out = new ArrayList<>(macroFlags(flags, rejected));
        for (CompileFlags.Macro m : flags.macros()) {
            out.add((m.define() ? "-D" : "-U") + m.text());
        }
        for (CompileFlags.IncludeDir d : flags.includeDirs()) {
            out.add(d.kind().option() + safePath(d.path()));
        }
        for (CompileFlags.ForcedInclude f : flags.forcedIncludes()) {
            out.add(f.kind().option() + safePath(f.path()));
        }
        return out;
    }

    /** The flags that change predefined macros: {@code -std=}, target flags, {@code -nostdinc}, {@code --sysroot=}. */
    public static List<String> macroFlags(CompileFlags flags) {
        return macroFlags(flags, Set.of());
    }

    private static List<String> macroFlags(CompileFlags flags, Set<String> rejected) {
        List<String> out = new ArrayList<>();
        if (flags.std() != null) out.add("-std=" + flags.std());
        out.addAll(flags.targetFlags());
        out.removeIf(rejected::contains);
        if (flags.nostdinc()) out.add("-nostdinc");
        if (flags.sysroot() != null && !flags.sysroot().isEmpty()) out.add("--sysroot=" + safePath(flags.sysroot()));
        return out;
    }

    private static String safePath(String p) {
        return p.startsWith("-") || p.startsWith("@") ? "./" + p : p;
    }

    /**
     * Flags of ours that make {@code gcc -E} cheaper without changing the tokens it puts out: no tracking of the
     * locations of tokens through macro expansions (the preprocessing of a kernel file takes 30% less CPU). The
     * line markers gcc put around the expansion of a system header's macro go with it, so a position inside such
     * an expansion is now the macro's name in the source (a column moves; kernel files, built with -nostdinc,
     * gave the same text). A compiler that rejects one (clang) runs without it from then on.
     */
    static final List<String> CHEAP_FLAGS = List.of("-ftrack-macro-expansion=0");

    /** Those of {@link #CHEAP_FLAGS} the compiler has not rejected. */
    private static List<String> cheapFlags(Set<String> rejected) {
        List<String> out = new ArrayList<>();
        for (String f : CHEAP_FLAGS) if (!rejected.contains(f)) out.add(f);
        return out;
    }

    /** The full command that {@link #preprocess} runs for {@code cmd}: compiler, {@code -E -xc}, {@link #CHEAP_FLAGS}, flags, file. */
    public List<String> commandLine(CompileCommand cmd) {
        return commandLine(cmd, Set.copyOf(shared.rejected));
    }

    private List<String> commandLine(CompileCommand cmd, Set<String> rejected) {
        List<String> argv = new ArrayList<>();
        argv.add(compiler().toString());
        argv.add("-E");
        argv.add("-xc");
        argv.addAll(cheapFlags(rejected));
        argv.addAll(preprocessorFlags(cmd.flags(), rejected));
        argv.add(cmd.fileArgument());
        return argv;
    }

    /**
     * Preprocesses one file. A {@code .i} file (or {@code -x cpp-output}) is read as is.
     *
     * @throws FrontendException with a one-line message naming the file (and the line, when the compiler
     *                           names one) when preprocessing fails, times out, or the input is not C
     */
    public PreprocessedFile preprocess(CompileCommand cmd) {
        String name = cmd.fileArgument();
        if (!cmd.isC()) {
            throw new FrontendException(name, 0, name + ": not a C file"
                    + (cmd.flags().language() != null ? " (-x " + cmd.flags().language() + ")" : ""));
        }
        if (!Files.isDirectory(cmd.directory())) {
            throw new FrontendException(name, 0, name + ": working directory " + cmd.directory() + " does not exist");
        }
        if (!Files.isRegularFile(cmd.file())) {
            throw new FrontendException(name, 0, name + ": no such file (" + cmd.file() + ")");
        }
        if (cmd.isPreprocessed()) return readAsIs(cmd);

        List<String> notes = new ArrayList<>(cmd.notes());
        for (int attempt = 0; ; attempt++) {
            Set<String> rejected = Set.copyOf(shared.rejected);
            for (String f : rejected) {
                if (cmd.targetFlags().contains(f) || ("-std=" + cmd.std()).equals(f)) {
                    String note = "left out " + f + ": the compiler rejects it";
                    if (!notes.contains(note)) notes.add(note);
                }
            }
            List<String> argv = commandLine(cmd, rejected);
            Run r = run(argv, cmd.directory(), name);
            if (r.exit == 0) {
                char[] text = new String(r.out, StandardCharsets.UTF_8).toCharArray();
                return new PreprocessedFile(cmd.file(), cmd.directory(), text, r.err, argv, notes);
            }
            List<String> candidates = new ArrayList<>(macroFlags(cmd.flags(), rejected));
            candidates.addAll(cheapFlags(rejected));
            if (attempt < MAX_RETRIES && learnRejected(r.err, candidates)) continue;
            throw failure(name, cmd, r);
        }
    }

    private PreprocessedFile readAsIs(CompileCommand cmd) {
        String name = cmd.fileArgument();
        try {
            if (Files.size(cmd.file()) > maxOutputBytes) {
                throw new FrontendException(name, 0, name + ": larger than " + maxOutputBytes + " bytes");
            }
            byte[] bytes = Files.readAllBytes(cmd.file());
            char[] text = new String(bytes, StandardCharsets.UTF_8).toCharArray();
            return new PreprocessedFile(cmd.file(), cmd.directory(), text, "", List.of(), cmd.notes());
        } catch (IOException e) {
            throw new FrontendException(name, 0, name + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * The compiler's predefined macros for these flags ({@code cc -dM -E -xc /dev/null} with
     * {@link #macroFlags}), cached per distinct flag set. The compiler runs in this process's current
     * directory, so a relative {@code --sysroot} is resolved there. Keys are macro names, with the parameter list for
     * function-like macros ({@code __INT64_C(c)}), as CDT's {@code IScannerInfo} expects; values are the
     * replacement text.
     *
     * @throws FrontendException when the compiler fails
     */
    public Map<String, String> predefinedMacros(CompileFlags flags) {
        for (int attempt = 0; ; attempt++) {
            Set<String> rejected = Set.copyOf(shared.rejected);
            List<String> key = macroFlags(flags, rejected);
            Map<String, String> cached = shared.macros.get(key);
            if (cached != null) return cached;
            List<String> argv = new ArrayList<>();
            argv.add(compiler().toString());
            argv.add("-dM");
            argv.add("-E");
            argv.add("-xc");
            argv.addAll(key);
            argv.add("/dev/null");
            Run r = run(argv, Path.of("").toAbsolutePath(), "<predefined macros>");
            if (r.exit == 0) {
                Map<String, String> macros = parseDefines(new String(r.out, StandardCharsets.UTF_8));
                Map<String, String> prev = shared.macros.putIfAbsent(key, macros);
                return prev != null ? prev : macros;
            }
            if (attempt < MAX_RETRIES && learnRejected(r.err, key)) continue;
            String msg = firstErrorLine(r.err);
            throw new FrontendException(null, 0, "cannot get predefined macros from " + compiler() + ": "
                    + (msg != null ? msg : "exit status " + r.exit));
        }
    }

    static Map<String, String> parseDefines(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith("#define ")) continue;
            String rest = line.substring("#define ".length());
            int i = 0;
            while (i < rest.length() && (Character.isLetterOrDigit(rest.charAt(i)) || rest.charAt(i) == '_' || rest.charAt(i) == '$')) i++;
            if (i < rest.length() && rest.charAt(i) == '(') {
                int close = rest.indexOf(')', i);
                if (close < 0) continue;
                i = close + 1;
            }
            String name = rest.substring(0, i);
            String value = i < rest.length() ? rest.substring(i + 1) : "";
            if (!name.isEmpty()) out.put(name, value);
        }
        return Collections.unmodifiableMap(out);
    }

    // ---- failures --------------------------------------------------------------------------------

    private static final Pattern LOCATED = Pattern.compile(
            "^(.+?):(\\d+):(?:(\\d+):)? (fatal error|error|sorry, unimplemented): (.*)$");
    private static final Pattern QUOTED = Pattern.compile("[\u2018'`\"]([^\u2018\u2019'`\"]+)[\u2019'`\"]");

    /**
     * Finds target flags the compiler refused (unknown {@code -m} options of another architecture, such as
     * sparse's {@code -mlittle-endian} on x86) in an error output, and remembers them. Only flags from
     * {@code candidates} (never -D, -I or -include) are considered.
     */
    private boolean learnRejected(String stderr, List<String> candidates) {
        Set<String> quoted = new LinkedHashSet<>();
        for (String line : stderr.split("\n")) {
            if (LOCATED.matcher(line).matches()) continue; // an error in the source, not about a flag
            if (!(line.contains("error") || line.contains("sorry") || line.contains("unsupported"))) continue;
            Matcher m = QUOTED.matcher(line);
            while (m.find()) quoted.add(m.group(1));
        }
        boolean learned = false;
        for (String flag : candidates) {
            if (!(flag.startsWith("-m") || flag.startsWith("-f") || flag.startsWith("-O") || flag.startsWith("-std="))) continue;
            boolean hit = quoted.contains(flag);
            for (String q : quoted) {
                if (q.endsWith("=") && flag.startsWith(q) && quoted.contains(flag.substring(q.length()))) hit = true;
            }
            if (hit) {
                // the flag was on this command line (candidates exclude flags already left out): retry without it
                shared.rejected.add(flag);
                learned = true;
            }
        }
        return learned;
    }

    private FrontendException failure(String name, CompileCommand cmd, Run r) {
        if (r.timedOut != null) {
            return new FrontendException(name, 0, name + ": preprocessing " + r.timedOut + "; " + compiler().getFileName() + " was killed");
        }
        if (r.overflow) {
            return new FrontendException(name, 0, name + ": preprocessed output exceeds " + maxOutputBytes
                    + " bytes; " + compiler().getFileName() + " was killed");
        }
        for (String line : r.err.split("\n")) {
            Matcher m = LOCATED.matcher(line);
            if (m.matches()) {
                String file = m.group(1);
                int lineNo = parseInt(m.group(2));
                String where = name.equals(file) || cmd.file().equals(cmd.directory().resolve(file).normalize())
                        ? "" : " (preprocessing " + name + ")";
                return new FrontendException(file, lineNo, line.strip() + where);
            }
        }
        String msg = firstErrorLine(r.err);
        return new FrontendException(name, 0, name + ": preprocessing failed: "
                + (msg != null ? msg : compiler().getFileName() + " exited with status " + r.exit));
    }

    private static String firstErrorLine(String err) {
        String first = null;
        for (String line : err.split("\n")) {
            String l = line.strip();
            if (l.isEmpty()) continue;
            if (first == null) first = l;
            if (l.contains("error") || l.contains("sorry")) return l;
        }
        return first;
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? Long.toString(ms / 1000) : String.format("%.1f", ms / 1000.0);
    }

    // ---- running the compiler ----------------------------------------------------------------------

    /** @param timedOut why the compiler was stopped for taking too long, or null */
    private record Run(int exit, byte[] out, String err, String timedOut, boolean overflow) {}

    private Run run(List<String> argv, Path dir, String name) {
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        ENV_REMOVED.forEach(env::remove);
        env.put("LC_ALL", "C"); // English messages with plain quotes, so they can be read back
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new FrontendException(name, 0, name + ": cannot run " + argv.get(0) + ": " + e.getMessage(), e);
        }
        AtomicBoolean overflow = new AtomicBoolean();
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread outReader = reader(p.getInputStream(), out, maxOutputBytes, () -> {
            overflow.set(true);
            killTree(p);
        });
        Thread errReader = reader(p.getErrorStream(), err, MAX_STDERR_BYTES, null);
        try {
            p.getOutputStream().close();
        } catch (IOException ignored) {
            // the compiler does not read stdin
        }
        String timedOut;
        try {
            timedOut = waitWithin(p, timeout);
        } catch (InterruptedException e) {
            killTree(p);
            Thread.currentThread().interrupt();
            throw new FrontendException(name, 0, name + ": interrupted while preprocessing", e);
        }
        boolean finished = timedOut == null;
        if (!finished) killTree(p);
        join(outReader);
        join(errReader);
        int exit = finished ? p.exitValue() : -1;
        String errText = new String(err.toByteArray(), StandardCharsets.UTF_8);
        return new Run(overflow.get() ? -1 : exit, out.toByteArray(), errText, timedOut, overflow.get());
    }

    /**
     * Waits for the compiler until it has used {@code limit} of CPU time (its own and its children's):
     * on a busy machine a file must not be skipped because others took the CPU, or the output would
     * depend on the load. A compiler that uses no CPU (blocked on a FIFO it includes) is stopped after
     * ten times the limit of wall time. Null when it finished, else why it was stopped.
     */
    private static String waitWithin(Process p, Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        long limitNanos = limit.toNanos();
        while (true) {
            long waited = System.nanoTime() - start;
            long left = Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(limitNanos - Math.min(waited, limitNanos)), 1000));
            if (waited < limitNanos ? p.waitFor(left, TimeUnit.MILLISECONDS) : p.waitFor(1, TimeUnit.SECONDS)) return null;
            waited = System.nanoTime() - start;
            if (waited < limitNanos) continue;
            long cpu = cpuNanos(p);
            if (cpu < 0) return "timed out after " + seconds(limit) + " s"; // no CPU figure: wall time decides
            if (cpu >= limitNanos) return "timed out after " + seconds(limit) + " s of CPU time";
            if (waited >= 10 * limitNanos) return "did not finish in " + seconds(limit.multipliedBy(10)) + " s";
        }
    }

    /** CPU time of the process and its live descendants, or -1 when the platform does not say. */
    private static long cpuNanos(Process p) {
        java.util.Optional<Duration> own = p.info().totalCpuDuration();
        if (own.isEmpty()) return -1;
        long total = own.get().toNanos();
        for (ProcessHandle h : p.descendants().toList()) total += h.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        return total;
    }

    private static Thread reader(InputStream in, ByteArrayOutputStream sink, long limit, Runnable onOverflow) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[1 << 16];
            long total = 0;
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (total + n > limit) {
                        int keep = (int) Math.max(0, limit - total);
                        sink.write(buf, 0, keep);
                        total = limit;
                        if (onOverflow != null) {
                            onOverflow.run();
                            return;
                        }
                        continue; // keep draining so the process does not block
                    }
                    sink.write(buf, 0, n);
                    total += n;
                }
            } catch (IOException ignored) {
                // the process was killed or closed the stream
            }
        }, "ferrite-cc-reader");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void join(Thread t) {
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the process and all its descendants. */
    static void killTree(Process p) {
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        p.destroyForcibly(); // first, so it starts no more children
        // children of listed processes started since the listing are still attached to their parents
        List<ProcessHandle> more = new ArrayList<>();
        for (ProcessHandle h : tree) more.addAll(h.descendants().toList());
        tree.addAll(more);
        for (ProcessHandle h : tree) h.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
