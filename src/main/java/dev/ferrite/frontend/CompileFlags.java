package dev.ferrite.frontend;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The preprocessing-relevant content of a C compiler command line (GCC/Clang driver syntax, plus the flags
 * sparse accepts, since kbuild runs a checker as {@code $(CHECK) $(CHECKFLAGS) $(c_flags) file.c}).
 *
 * <p>Only what changes the preprocessed text is kept. Everything that writes files, loads code or
 * changes the output format is dropped (see {@link #parse}). Unknown flags are ignored with a note,
 * never fatal. {@code @file} response files are expanded here, read as data only.
 *
 * @param includeDirs    {@code -iquote}, {@code -I}, {@code -isystem}, {@code -idirafter} directories, in
 *                       command-line order (GCC searches quote, angle, system, then after; order within a
 *                       kind is preserved). Paths are as written, relative to the working directory.
 * @param macros         {@code -D}/{@code -U} in command-line order
 * @param forcedIncludes {@code -include}/{@code -imacros} in command-line order
 * @param std            the value of the last {@code -std=} ({@code -ansi} counts as {@code c90}), or null
 * @param targetFlags    other flags kept for the compiler because they change predefined macros or
 *                       preprocessing: {@code -m*}, {@code -O*}, a fixed list of {@code -f*}, {@code -pthread},
 *                       {@code -undef}, {@code -trigraphs}, {@code -traditional-cpp}, {@code -A...}
 * @param nostdinc       {@code -nostdinc} was given
 * @param sysroot        {@code --sysroot} (or {@code -isysroot}) value, or null
 * @param language       the last {@code -x} value, or null
 * @param sources        non-option arguments ending in {@code .c}, {@code .i} or {@code .h}
 * @param output         the {@code -o} value (never passed on), or null
 * @param notes          human-readable notes about ignored or dropped arguments
 */
public record CompileFlags(
        List<IncludeDir> includeDirs,
        List<Macro> macros,
        List<ForcedInclude> forcedIncludes,
        String std,
        List<String> targetFlags,
        boolean nostdinc,
        String sysroot,
        String language,
        List<String> sources,
        String output,
        List<String> notes) {

    public CompileFlags {
        includeDirs = List.copyOf(includeDirs);
        macros = List.copyOf(macros);
        forcedIncludes = List.copyOf(forcedIncludes);
        targetFlags = List.copyOf(targetFlags);
        sources = List.copyOf(sources);
        notes = List.copyOf(notes);
    }

    /** The kind of an include directory, in GCC's search order. */
    public enum IncludeKind {
        /** {@code -iquote}: only for {@code #include "..."}. */
        QUOTE("-iquote"),
        /** {@code -I}. */
        ANGLE("-I"),
        /** {@code -isystem}: searched after {@code -I}, headers treated as system headers. */
        SYSTEM("-isystem"),
        /** {@code -idirafter}: searched after the standard system directories. */
        AFTER("-idirafter");

        private final String option;

        IncludeKind(String option) {
            this.option = option;
        }

        public String option() {
            return option;
        }
    }

    /** An include directory as written on the command line. */
    public record IncludeDir(IncludeKind kind, String path) {
        public IncludeDir {
            Objects.requireNonNull(kind);
            Objects.requireNonNull(path);
        }

        /** The directory resolved against the compile command's working directory. */
        public Path resolve(Path workingDir) {
            return workingDir.resolve(path).normalize();
        }
    }

    /**
     * A {@code -D} or {@code -U}. {@code name} may carry a parameter list ({@code F(x)}); {@code value} is
     * null for {@code -U} and for {@code -DNAME} (which GCC defines as {@code 1}).
     */
    public record Macro(boolean define, String name, String value) {
        public Macro {
            Objects.requireNonNull(name);
        }

        /** The text after {@code -D}/{@code -U}. */
        public String text() {
            return value == null ? name : name + "=" + value;
        }

        static Macro define(String text) {
            int eq = text.indexOf('=');
            return eq < 0 ? new Macro(true, text, null) : new Macro(true, text.substring(0, eq), text.substring(eq + 1));
        }
    }

    public enum ForcedKind {
        /** {@code -include file}: processed as if {@code #include "file"} were the first line. */
        INCLUDE("-include"),
        /** {@code -imacros file}: only the macros of the file are kept. */
        IMACROS("-imacros");

        private final String option;

        ForcedKind(String option) {
            this.option = option;
        }

        public String option() {
            return option;
        }
    }

    public record ForcedInclude(ForcedKind kind, String path) {
        public ForcedInclude {
            Objects.requireNonNull(kind);
            Objects.requireNonNull(path);
        }
    }

    /** Response files nest at most this deep (GCC itself stops at 2000 expansions). */
    static final int MAX_RESPONSE_DEPTH = 8;
    /** A response file larger than this is refused. */
    static final long MAX_RESPONSE_BYTES = 1 << 20;
    /** Expansion stops after this many arguments in total. */
    static final int MAX_ARGS = 200_000;

    /**
     * Parses compiler flags (without the compiler name; see {@link #parseInvocation}). {@code workingDir}
     * is where relative {@code @file} response files are looked up; may be null when there are none.
     */
    public static CompileFlags parse(List<String> args, Path workingDir) {
        Parser p = new Parser();
        List<String> expanded = new ArrayList<>();
        expandResponseFiles(args, workingDir, 0, expanded, p.notes);
        p.run(expanded);
        return p.result();
    }

    /**
     * Parses a full compiler invocation as found in a compile database: {@code argv[0]} is the compiler
     * and is skipped (never run), as is the compiler after a launcher such as {@code ccache}.
     */
    public static CompileFlags parseInvocation(List<String> argv, Path workingDir) {
        int skip = compilerArgCount(argv);
        return parse(argv.subList(skip, argv.size()), workingDir);
    }

    /** How many leading words of {@code argv} name the compiler (and launchers in front of it). */
    static int compilerArgCount(List<String> argv) {
        int i = 0;
        while (i < argv.size()) {
            String base = baseName(argv.get(i));
            i++;
            if (!LAUNCHERS.contains(base)) break;
            // a launcher followed directly by options (ccache -s) is not a compile: stop anyway
            if (i < argv.size() && argv.get(i).startsWith("-")) break;
        }
        return Math.min(i, argv.size());
    }

    private static final Set<String> LAUNCHERS = Set.of("ccache", "sccache", "distcc", "icecc", "buildcache");

    private static String baseName(String s) {
        int slash = s.lastIndexOf('/');
        return slash < 0 ? s : s.substring(slash + 1);
    }

    /** Replaces each {@code @file} by the words of that file, read as data only. Unreadable ones are dropped. */
    private static void expandResponseFiles(List<String> args, Path dir, int depth, List<String> out, List<String> notes) {
        for (String a : args) {
            if (out.size() >= MAX_ARGS) {
                notes.add("too many arguments after expanding response files; the rest is ignored");
                return;
            }
            if (!a.startsWith("@") || a.length() == 1) {
                out.add(a);
                continue;
            }
            String name = a.substring(1);
            if (depth >= MAX_RESPONSE_DEPTH) {
                notes.add("response file " + a + " ignored: nested deeper than " + MAX_RESPONSE_DEPTH);
                continue;
            }
            Path file;
            try {
                file = dir != null ? dir.resolve(name) : Path.of(name);
            } catch (RuntimeException e) {
                notes.add("response file " + a + " ignored: bad path");
                continue;
            }
            String text;
            try {
                if (!Files.isRegularFile(file)) {
                    notes.add("response file " + a + " ignored: not a readable regular file");
                    continue;
                }
                if (Files.size(file) > MAX_RESPONSE_BYTES) {
                    notes.add("response file " + a + " ignored: larger than " + MAX_RESPONSE_BYTES + " bytes");
                    continue;
                }
                byte[] bytes;
                try (InputStream in = Files.newInputStream(file)) {
                    bytes = in.readNBytes((int) MAX_RESPONSE_BYTES + 1);
                }
                if (bytes.length > MAX_RESPONSE_BYTES) {
                    notes.add("response file " + a + " ignored: larger than " + MAX_RESPONSE_BYTES + " bytes");
                    continue;
                }
                text = new String(bytes, StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                notes.add("response file " + a + " ignored: " + e.getMessage());
                continue;
            }
            expandResponseFiles(ShellWords.splitResponseFile(text), dir, depth + 1, out, notes);
        }
    }

    // ---------------------------------------------------------------------------------------------

    /** {@code -f} flags (without {@code -f} and without a {@code no-}) that change predefined macros or preprocessing. */
    private static final Set<String> F_KEEP = Set.of(
            "pic", "PIC", "pie", "PIE",
            "short-wchar", "signed-char", "unsigned-char", "freestanding", "hosted",
            "fast-math", "finite-math-only", "math-errno", "associative-math", "reciprocal-math", "signed-zeros",
            "trapping-math", "rounding-math", "signaling-nans", "cx-limited-range", "cx-fortran-rules",
            "unsafe-math-optimizations", "single-precision-constant",
            "openmp", "openmp-simd", "openacc", "gnu-tm",
            "stack-protector", "stack-protector-all", "stack-protector-strong", "stack-protector-explicit",
            "inline", "gnu89-inline", "exceptions", "non-call-exceptions", "leading-underscore",
            "dollars-in-identifiers", "extended-identifiers", "cf-protection");

    /** {@code -f} flag prefixes (after {@code -f}/{@code -fno-}) kept with their value. */
    private static final List<String> F_KEEP_PREFIX = List.of(
            "sanitize=", "cf-protection=", "excess-precision=", "permitted-flt-eval-methods=",
            "macro-prefix-map=", "input-charset=", "exec-charset=", "wide-exec-charset=");

    /** {@code -f} flag prefixes that write files, load code or change the output format: dropped with a note. */
    private static final List<String> F_UNSAFE_PREFIX = List.of(
            "plugin", "dump-", "profile-", "auto-profile", "callgraph-info", "stack-usage",
            "save-optimization-record", "opt-info", "debug-cpp", "directives-only", "preprocessed", "pch-",
            "working-directory", "create-profile", "test-coverage", "branch-probabilities");

    /** Options whose value is the next argument and which are dropped without a note. */
    private static final List<String> DROP_WITH_VALUE = List.of(
            "-MF", "-MT", "-MQ", "-MJ", "-L", "-l", "-T", "-u", "-z", "-e",
            "-dumpbase-ext", "-dumpbase", "-dumpdir", "-Xassembler", "-Xlinker", "-Xclang", "-mllvm",
            "-target", "-gcc-toolchain", "-arch", "-include-pch", "-ivfsoverlay", "-iframework",
            "-cxx-isystem", "-imultilib", "-imultiarch", "-iwithsysroot", "--param", "-working-directory",
            "--serialize-diagnostics", "-gcc-base-dir", "-multiarch-dir");

    /** Options whose value is the next argument that could run code or write files: dropped with a note. */
    private static final List<String> UNSAFE_WITH_VALUE = List.of("-B", "-wrapper", "--specs", "-aux-info", "-Xpreprocessor");

    /** Option prefixes that could run code or write files, value joined: dropped with a note. */
    private static final List<String> UNSAFE_PREFIX = List.of("-specs=", "--specs=", "-iplugindir=", "-save-temps", "--save-temps");

    /** Flags dropped without a note: irrelevant to preprocessing. */
    private static final Set<String> DROP_PLAIN = Set.of(
            "-c", "-S", "-E", "-v", "-w", "-###", "-pipe", "-time", "-Q", "-pass-exit-codes", "-s", "-r",
            "-M", "-MM", "-MD", "-MMD", "-MG", "-MP",
            "-shared", "-static", "-static-libgcc", "-static-pie", "-rdynamic", "-pie", "-no-pie", "-symbolic",
            "-nostdlib", "-nostartfiles", "-nodefaultlibs", "-nolibc", "-nostdinc++", "-p", "-pg",
            "-pedantic", "-pedantic-errors", "--pedantic", "--pedantic-errors",
            "-dumpversion", "-dumpfullversion", "-dumpmachine", "-dumpspecs", "--version", "--help",
            "-integrated-cpp", "-no-integrated-cpp", "-no-canonical-prefixes");

    /** Flags that change what {@code -E} prints; dropped with a note. */
    private static final Set<String> DROP_OUTPUT_FORMAT = Set.of("-P", "-C", "-CC", "-H", "-dM", "-dD", "-dN", "-dI", "-dU");

    /** Flags kept as they are. */
    private static final Set<String> KEEP_PLAIN = Set.of("-pthread", "-undef", "-trigraphs", "-traditional", "-traditional-cpp");

    private static final Pattern OPT_LEVEL = Pattern.compile("-O[0-9a-z]*");

    private static final class Parser {
        final List<IncludeDir> includes = new ArrayList<>();
        final List<Macro> macros = new ArrayList<>();
        final List<ForcedInclude> forced = new ArrayList<>();
        final List<String> target = new ArrayList<>();
        final List<String> sources = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        String std;
        boolean nostdinc;
        String sysroot;
        String isysroot;
        String language;
        String output;
        String iprefix = "";

        List<String> args;
        int i;

        void run(List<String> a) {
            args = a;
            for (i = 0; i < args.size(); i++) {
                String s = args.get(i);
                if (s.indexOf('\0') >= 0) {
                    notes.add("argument with a NUL character ignored");
                } else if (s.isEmpty()) {
                    continue;
                } else if (s.charAt(0) != '-' || s.equals("-")) {
                    operand(s);
                } else {
                    option(s);
                }
            }
        }

        void operand(String s) {
            if (s.endsWith(".c") || s.endsWith(".i") || s.endsWith(".h")) {
                sources.add(s);
            } else {
                notes.add("ignored argument '" + s + "'");
            }
        }

        /**
         * If {@code s} is {@code opt} (value in the next argument) or {@code opt} + value (joined; for
         * {@code --long} options also {@code --long=value}), returns the value ("" when missing); else null.
         */
        String value(String s, String opt) {
            if (!s.startsWith(opt)) return null;
            if (s.length() > opt.length()) {
                String rest = s.substring(opt.length());
                if (opt.startsWith("--")) {
                    return rest.startsWith("=") ? rest.substring(1) : null;
                }
                return rest;
            }
            if (i + 1 < args.size()) return args.get(++i);
            notes.add("missing value after " + opt);
            return "";
        }

        /** Like {@link #value} for options that only take a joined {@code =value}, e.g. {@code -std=}. */
        static String joined(String s, String optEq) {
            return s.startsWith(optEq) ? s.substring(optEq.length()) : null;
        }

        void include(IncludeKind kind, String dir, String opt) {
            if (dir.isEmpty()) {
                notes.add("empty directory after " + opt + " ignored");
                return;
            }
            includes.add(new IncludeDir(kind, dir));
        }

        void option(String s) {
            String v;
            if (KEEP_PLAIN.contains(s)) {
                target.add(s);
                return;
            }
            if (DROP_PLAIN.contains(s)) return;
            if (DROP_OUTPUT_FORMAT.contains(s)) {
                notes.add("dropped " + s + ": it changes the preprocessor output format");
                return;
            }
            if (s.equals("-I-") || s.equals("--include-barrier")) {
                // Directories given with -I before -I- are searched only for #include "...".
                for (int k = 0; k < includes.size(); k++) {
                    IncludeDir d = includes.get(k);
                    if (d.kind() == IncludeKind.ANGLE) includes.set(k, new IncludeDir(IncludeKind.QUOTE, d.path()));
                }
                notes.add("-I- is deprecated: earlier -I directories are treated as -iquote");
                return;
            }
            for (String opt : DROP_WITH_VALUE) {
                if (s.equals(opt) || (s.startsWith(opt) && joinable(opt, s))) {
                    value(s, opt);
                    return;
                }
            }
            for (String opt : UNSAFE_WITH_VALUE) {
                if (s.equals(opt) || (s.startsWith(opt) && joinable(opt, s))) {
                    String val = value(s, opt);
                    notes.add("dropped " + opt + (val == null || val.isEmpty() ? "" : " " + val)
                            + ": it may run code or write files; never passed on");
                    return;
                }
            }
            for (String opt : UNSAFE_PREFIX) {
                if (s.startsWith(opt)) {
                    notes.add("dropped " + s + ": it may run code or write files; never passed on");
                    return;
                }
            }
            // ---- include directories (longer spellings first) -------------------------------------
            if ((v = value(s, "-isystem-after")) != null) {
                include(IncludeKind.AFTER, v, "-isystem-after");
            } else if ((v = value(s, "-isystem")) != null) {
                include(IncludeKind.SYSTEM, v, "-isystem");
            } else if ((v = value(s, "-isysroot")) != null) {
                isysroot = v;
            } else if ((v = value(s, "-iquote")) != null) {
                include(IncludeKind.QUOTE, v, "-iquote");
            } else if ((v = value(s, "-idirafter")) != null || (v = value(s, "--include-directory-after")) != null) {
                include(IncludeKind.AFTER, v, "-idirafter");
            } else if ((v = value(s, "-iprefix")) != null || (v = value(s, "--include-prefix")) != null) {
                iprefix = v;
            } else if ((v = value(s, "-iwithprefixbefore")) != null || (v = value(s, "--include-with-prefix-before")) != null) {
                include(IncludeKind.ANGLE, iprefix + v, "-iwithprefixbefore");
            } else if ((v = value(s, "-iwithprefix")) != null || (v = value(s, "--include-with-prefix")) != null
                    || (v = value(s, "--include-with-prefix-after")) != null) {
                include(IncludeKind.AFTER, iprefix + v, "-iwithprefix");
            } else if ((v = value(s, "-imacros")) != null || (v = value(s, "--imacros")) != null) {
                forced(ForcedKind.IMACROS, v);
            } else if ((v = value(s, "-include")) != null || (v = value(s, "--include")) != null) {
                forced(ForcedKind.INCLUDE, v);
            } else if ((v = value(s, "--include-directory")) != null || (v = value(s, "-I")) != null) {
                include(IncludeKind.ANGLE, v, "-I");
            } else if (s.startsWith("-i")) {
                notes.add("ignored unknown flag " + s);
            // ---- macros ------------------------------------------------------------------------------
            } else if ((v = value(s, "--define-macro")) != null || (v = value(s, "-D")) != null) {
                if (v.isEmpty()) notes.add("empty -D ignored");
                else macros.add(Macro.define(v));
            } else if ((v = value(s, "--undefine-macro")) != null || (v = value(s, "-U")) != null) {
                if (v.isEmpty()) notes.add("empty -U ignored");
                else macros.add(new Macro(false, v, null));
            } else if ((v = value(s, "--assert")) != null || (v = value(s, "-A")) != null) {
                if (!v.isEmpty()) target.add("-A" + v);
            // ---- language and standard ---------------------------------------------------------------
            } else if ((v = joined(s, "-std=")) != null || (v = joined(s, "--std=")) != null) {
                std = v;
            } else if (s.equals("-ansi") || s.equals("--ansi")) {
                std = "c90";
            } else if ((v = value(s, "-x")) != null || (v = value(s, "--language")) != null) {
                language = v;
            } else if (s.equals("-nostdinc") || s.equals("--no-standard-includes")) {
                nostdinc = true;
            } else if ((v = value(s, "--sysroot")) != null) {
                sysroot = v;
            } else if ((v = value(s, "-o")) != null || (v = value(s, "--output")) != null) {
                output = v;
            // ---- code generation that defines macros -------------------------------------------------
            } else if (OPT_LEVEL.matcher(s).matches()) {
                target.add(s);
            } else if (s.startsWith("-m")) {
                target.add(s);
            } else if (s.startsWith("-f")) {
                fFlag(s);
            // ---- dropped -----------------------------------------------------------------------------
            } else if (s.startsWith("-Wp,")) {
                if (!isDependencyOnly(s.substring(4))) {
                    notes.add("dropped " + s + ": options for the preprocessor alone are not passed on");
                }
            } else if (s.startsWith("-W") || s.startsWith("-g") || s.startsWith("--print") || s.startsWith("-print-")
                    || s.startsWith("--help") || s.startsWith("-Xarch") || s.startsWith("--gcc-toolchain=")
                    || s.startsWith("--arch=")) {
                // irrelevant to preprocessing: warnings, debug info, information queries, sparse's --arch=
            } else if (s.startsWith("--target=")) {
                notes.add("ignored " + s + ": choose the compiler to preprocess with instead");
            } else {
                notes.add("ignored unknown flag " + s);
            }
        }

        /** Whether {@code s} is {@code opt} with a joined value, e.g. {@code -Lfoo}, {@code -MFdep}, {@code --param=x}. */
        static boolean joinable(String opt, String s) {
            if (opt.startsWith("--")) return s.charAt(opt.length()) == '=';
            // single-letter options and -MF/-MT/-MQ/-MJ also take a joined value; longer ones (-target...) do not
            return opt.length() == 2 || opt.startsWith("-M");
        }

        void forced(ForcedKind kind, String file) {
            if (file.isEmpty()) {
                notes.add("empty file after " + kind.option() + " ignored");
                return;
            }
            forced.add(new ForcedInclude(kind, file));
        }

        void fFlag(String s) {
            String body = s.substring(2);
            if (body.startsWith("file-prefix-map=")) {
                // -ffile-prefix-map implies -fmacro-prefix-map, which is the only part that matters to -E
                target.add("-fmacro-prefix-map=" + body.substring("file-prefix-map=".length()));
                return;
            }
            String bare = body.startsWith("no-") ? body.substring(3) : body;
            for (String p : F_UNSAFE_PREFIX) {
                if (bare.startsWith(p)) {
                    notes.add("dropped " + s + ": it may write files, load code or change the output format; never passed on");
                    return;
                }
            }
            if (F_KEEP.contains(bare)) {
                target.add(s);
                return;
            }
            for (String p : F_KEEP_PREFIX) {
                if (bare.startsWith(p)) {
                    target.add(s);
                    return;
                }
            }
            // any other -f flag only affects code generation or diagnostics: dropped silently
        }

        CompileFlags result() {
            String root = isysroot != null ? isysroot : sysroot;
            return new CompileFlags(includes, macros, forced, std, target, nostdinc, root, language, sources, output, notes);
        }
    }

    /** Whether a {@code -Wp,} payload only asks for dependency output ({@code -MD,file}, {@code -MMD,file} ...). */
    private static boolean isDependencyOnly(String payload) {
        String[] parts = payload.split(",");
        for (int k = 0; k < parts.length; k++) {
            String p = parts[k];
            switch (p) {
                case "-MD", "-MMD", "-MF", "-MT", "-MQ" -> k++; // these take the next part as a file or target
                case "-M", "-MM", "-MG", "-MP" -> { }
                default -> {
                    if (!(p.startsWith("-MF") || p.startsWith("-MT") || p.startsWith("-MQ"))) return false;
                }
            }
        }
        return true;
    }

    /** Whether the language given with {@code -x} (if any) is C. */
    public boolean isC() {
        if (language == null) return true;
        String l = language.toLowerCase(Locale.ROOT);
        return l.equals("c") || l.equals("c-header") || l.equals("cpp-output") || l.equals("c-cpp-output") || l.equals("none");
    }

    /** Whether {@code -x} says the input is already preprocessed. */
    public boolean isPreprocessedInput() {
        return "cpp-output".equals(language) || "c-cpp-output".equals(language);
    }
}
