package dev.ferrite.cli;

import dev.ferrite.frontend.CompileCommand;
import dev.ferrite.frontend.CompileDatabase;
import dev.ferrite.frontend.CompileFlags;
import dev.ferrite.frontend.FrontendException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The files of one run, in order: from the command line (files, directories searched for {@code *.c},
 * compiler flags that apply to all of them) or from a compile database.
 */
final class Inputs {

    /** One file to analyse, or one that is skipped before the front end sees it ({@code command} null). */
    record Input(String name, CompileCommand command, String skipReason) {
    }

    /** A problem with the command line itself: exit code 2. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    final List<Input> inputs = new ArrayList<>();
    /** Notes about ignored flags and arguments, each printed once. */
    final List<String> notes = new ArrayList<>();
    /** Problems with compile database entries (written as warnings). */
    final List<String> databaseErrors = new ArrayList<>();
    private final Path cwd;

    private Inputs(Path cwd) {
        this.cwd = cwd.toAbsolutePath().normalize();
    }

    /** A positional argument that is a file or a directory to check, or a compiler flag. */
    private record Scan(List<String> operands, List<String> flags) {
    }

    /**
     * Splits the passed-through arguments (see {@link ArgSplitter}) into operands (files, directories) and
     * compiler flags, keeping each option that takes a separate value together with it. Operands after
     * {@code --} are sources only if they end in {@code .c}, {@code .i} or {@code .h}.
     */
    private Scan scan(List<String> args, Set<String> ferriteOptions) {
        List<String> operands = new ArrayList<>();
        List<String> flags = new ArrayList<>();
        boolean afterDashDash = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--") && !afterDashDash) {
                afterDashDash = true;
                continue;
            }
            if (a.startsWith("-") && a.length() > 1) {
                if (afterDashDash && ferriteOptions.contains(a.contains("=") ? a.substring(0, a.indexOf('=')) : a)) {
                    notes.add("ignored " + a + " after '--': options of ferrite go before '--', compiler flags after it");
                    if (i + 1 < args.size() && ArgSplitter.SEPARATE_VALUE.contains(a)) i++;
                    continue;
                }
                flags.add(a);
                if (ArgSplitter.SEPARATE_VALUE.contains(a) && i + 1 < args.size()) flags.add(args.get(++i));
            } else if (a.startsWith("@") && a.length() > 1) {
                flags.add(a); // a response file: expanded by CompileFlags
            } else if (afterDashDash && !isSourceName(a)) {
                flags.add(a); // CompileFlags notes it as ignored
            } else {
                operands.add(a);
            }
        }
        return new Scan(operands, flags);
    }

    static boolean isSourceName(String name) {
        return name.endsWith(".c") || name.endsWith(".i") || name.endsWith(".h");
    }

    /** Inputs given as files and directories on the command line, with compiler flags. */
    static Inputs fromCommandLine(List<String> args, Path cwd, Set<String> ferriteOptions) {
        Inputs in = new Inputs(cwd);
        Scan s = in.scan(args, ferriteOptions);
        CompileFlags flags = CompileFlags.parse(s.flags(), in.cwd);
        in.notes.addAll(flags.notes());
        List<String> sources = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (String op : s.operands()) {
            Path p;
            try {
                p = in.cwd.resolve(op);
            } catch (InvalidPathException e) {
                in.inputs.add(new Input(op, null, op + ": invalid file name"));
                continue;
            }
            if (Files.isDirectory(p)) {
                List<String> found = cFilesUnder(op, p);
                if (found.isEmpty()) in.notes.add("directory " + op + " has no .c files");
                for (String f : found) in.addSource(f, flags, s.flags());
            } else if (Files.isRegularFile(p)) {
                if (isSourceName(op)) {
                    in.addSource(op, flags, s.flags());
                } else {
                    in.inputs.add(new Input(op, null, op + ": not a C file (expected .c, .i or .h)"));
                }
            } else if (Files.exists(p)) {
                in.inputs.add(new Input(op, null, op + ": not a regular file"));
            } else {
                in.inputs.add(new Input(op, null, op + ": No such file or directory"));
            }
        }
        // sources named inside @response files
        for (String src : flags.sources()) in.addSource(src, flags, s.flags());
        return in;
    }

    /**
     * The directories whose files reports may quote (line markers can name any file): the working
     * directory, and each input's directory, compile directory and include directories.
     */
    List<Path> sourceDirs() {
        Set<Path> dirs = new LinkedHashSet<>();
        dirs.add(cwd);
        for (Input i : inputs) {
            CompileCommand c = i.command();
            if (c == null) continue;
            if (c.file().getParent() != null) dirs.add(c.file().getParent());
            dirs.add(c.directory());
            for (CompileFlags.IncludeDir d : c.includeDirs()) {
                try {
                    dirs.add(c.directory().resolve(d.path()).normalize());
                } catch (InvalidPathException e) {
                    // not a directory anything can be read from
                }
            }
        }
        return new ArrayList<>(dirs);
    }

    private final Set<Path> seen = new HashSet<>();

    private void addSource(String name, CompileFlags flags, List<String> flagArgs) {
        Path file = cwd.resolve(name).normalize();
        if (!seen.add(file)) return;
        List<String> args = new ArrayList<>(flagArgs);
        args.add(name);
        CompileCommand cmd = new CompileCommand(file, cwd, args, flags.output(), flags);
        inputs.add(new Input(display(file), cmd, null));
    }

    /** The {@code *.c} files below a directory, sorted by path, named relative to how the directory was named. */
    private static List<String> cFilesUnder(String name, Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> files = s.filter(f -> f.getFileName().toString().endsWith(".c") && Files.isRegularFile(f))
                    .sorted().toList();
            List<String> out = new ArrayList<>();
            String prefix = name.endsWith("/") ? name : name + "/";
            for (Path f : files) {
                Path rel = dir.relativize(f);
                out.add(name.equals(".") ? rel.toString() : prefix + rel);
            }
            return out;
        } catch (IOException | UncheckedIOException e) {
            throw new UsageException("cannot read directory " + name + ": " + e.getMessage());
        }
    }

    /**
     * Inputs from a compile database ({@code -p FILE}, or {@code -p DIR} with {@code DIR/compile_commands.json}).
     * Only C entries are kept, the first entry of each file, then those matching {@code filter} (a glob, may be
     * null) and, when operands are given, those for the named files or below the named directories. Compiler
     * flags on the command line are appended to every entry.
     */
    static Inputs fromDatabase(Path db, String filter, List<String> args, Path cwd, Set<String> ferriteOptions) {
        Inputs in = new Inputs(cwd);
        Path file = in.cwd.resolve(db);
        if (Files.isDirectory(file)) file = file.resolve("compile_commands.json");
        if (!Files.isRegularFile(file)) {
            throw new UsageException(db + (Files.isDirectory(in.cwd.resolve(db)) ? ": no compile_commands.json in this directory"
                    : ": No such file or directory"));
        }
        CompileDatabase database;
        try {
            database = CompileDatabase.load(file);
        } catch (FrontendException e) {
            throw new UsageException(e.getMessage());
        }
        in.databaseErrors.addAll(database.errors());
        Predicate<CompileCommand> glob = c -> true;
        if (filter != null) {
            try {
                glob = CompileDatabase.glob(filter);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--filter: invalid glob '" + filter + "': " + e.getMessage());
            }
        }
        Scan s = in.scan(args, ferriteOptions);
        if (!s.flags().isEmpty()) {
            in.notes.addAll(CompileFlags.parse(s.flags(), in.cwd).notes());
        }
        List<Path> wanted = new ArrayList<>();
        for (String op : s.operands()) wanted.add(in.cwd.resolve(op).normalize());
        boolean[] matched = new boolean[wanted.size()];
        int total = 0;
        for (CompileCommand c : database.commands()) {
            if (!c.isC()) continue;
            total++;
            if (!glob.test(c)) continue;
            if (!wanted.isEmpty()) {
                boolean hit = false;
                for (int k = 0; k < wanted.size(); k++) {
                    if (c.file().equals(wanted.get(k)) || c.file().startsWith(wanted.get(k))) {
                        matched[k] = true;
                        hit = true;
                    }
                }
                if (!hit) continue;
            }
            if (!in.seen.add(c.file())) continue;
            CompileCommand cmd = c;
            if (!s.flags().isEmpty()) {
                List<String> argv = new ArrayList<>(c.arguments());
                argv.addAll(s.flags());
                cmd = CompileCommand.fromInvocation(c.directory(), c.file().toString(), argv, c.output());
            }
            in.inputs.add(new Input(in.display(c.file()), cmd, null));
        }
        for (int k = 0; k < wanted.size(); k++) {
            if (!matched[k]) {
                String op = s.operands().get(k);
                in.inputs.add(new Input(op, null, op + ": not in " + db + (filter != null ? " (or excluded by --filter)" : "")));
            }
        }
        if (in.inputs.isEmpty()) {
            if (total == 0) throw new UsageException(db + ": no C file in the compile database");
            throw new UsageException(db + ": no entry matches" + (filter != null ? " --filter '" + filter + "'" : ""));
        }
        return in;
    }

    /** A file as shown to the user: relative to the current directory when below it, else absolute. */
    String display(Path file) {
        Path f = file.toAbsolutePath().normalize();
        if (f.startsWith(cwd) && !f.equals(cwd)) return cwd.relativize(f).toString();
        return f.toString();
    }
}
