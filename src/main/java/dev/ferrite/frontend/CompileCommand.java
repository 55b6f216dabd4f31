package dev.ferrite.frontend;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How one C file is compiled: the file, the working directory, the arguments as given, and what they mean
 * for preprocessing ({@link CompileFlags}).
 *
 * @param file      the source file, absolute and normalized
 * @param directory the working directory of the compilation, absolute and normalized
 * @param arguments the argument list as given (for a compile database entry {@code arguments[0]} is the
 *                  compiler; it is never run)
 * @param output    the output file named by the entry or by {@code -o} (informational only), or null
 * @param flags     the parsed flags
 */
public record CompileCommand(Path file, Path directory, List<String> arguments, String output, CompileFlags flags) {

    public CompileCommand {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(flags, "flags");
        directory = directory.toAbsolutePath().normalize();
        file = directory.resolve(file).normalize();
        arguments = List.copyOf(arguments);
    }

    /**
     * A command from a compile database entry: {@code argv} is the full invocation including the compiler
     * name, {@code file} is relative to {@code directory} or absolute.
     */
    public static CompileCommand fromInvocation(Path directory, String file, List<String> argv, String output) {
        CompileFlags flags = CompileFlags.parseInvocation(argv, directory);
        return new CompileCommand(directory.resolve(file), directory, argv, output != null ? output : flags.output(), flags);
    }

    /**
     * Commands from a checker's own command line, e.g. what kbuild passes as
     * {@code $(CHECK) $(CHECKFLAGS) $(c_flags) file.c}: flags and source files mixed, without the program
     * name. One command per source file found (none if there is none); all share the same flags.
     */
    public static List<CompileCommand> fromCommandLine(List<String> args, Path workingDir) {
        Path dir = workingDir.toAbsolutePath().normalize();
        CompileFlags flags = CompileFlags.parse(args, dir);
        List<CompileCommand> out = new ArrayList<>();
        for (String src : flags.sources()) {
            out.add(new CompileCommand(dir.resolve(src), dir, args, flags.output(), flags));
        }
        return out;
    }

    public List<CompileFlags.IncludeDir> includeDirs() {
        return flags.includeDirs();
    }

    public List<CompileFlags.Macro> macros() {
        return flags.macros();
    }

    public List<CompileFlags.ForcedInclude> forcedIncludes() {
        return flags.forcedIncludes();
    }

    /** The {@code -std=} value, or null. */
    public String std() {
        return flags.std();
    }

    public List<String> targetFlags() {
        return flags.targetFlags();
    }

    public boolean nostdinc() {
        return flags.nostdinc();
    }

    public String sysroot() {
        return flags.sysroot();
    }

    public List<String> notes() {
        return flags.notes();
    }

    /**
     * Whether this compiles C: {@code -x} names C, or there is no {@code -x} and the file ends in {@code .c},
     * {@code .h} or {@code .i}. Compile databases also list C++ and assembler ({@code .S}) files: skip those.
     */
    public boolean isC() {
        if (flags.language() != null && !"none".equals(flags.language())) return flags.isC();
        String n = file.getFileName().toString();
        return n.endsWith(".c") || n.endsWith(".h") || n.endsWith(".i");
    }

    /** Whether the file is already preprocessed ({@code .i}, or {@code -x cpp-output}) and is to be read as is. */
    public boolean isPreprocessed() {
        return file.getFileName().toString().endsWith(".i") || flags.isPreprocessedInput();
    }

    /**
     * How the file is named to the compiler: relative to the working directory when it lies below it (as
     * builds usually name it, so line markers read {@code drivers/foo.c}), else absolute. Never starts with
     * {@code -} or {@code @}.
     */
    public String fileArgument() {
        if (file.startsWith(directory) && !file.equals(directory)) {
            String rel = directory.relativize(file).toString();
            return rel.startsWith("-") || rel.startsWith("@") ? "./" + rel : rel;
        }
        return file.toString();
    }
}
