package dev.ferrite.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code ferrite} command. */
@Command(name = "ferrite", mixinStandardHelpOptions = true, versionProvider = Version.class,
        subcommands = {CheckCommand.class, RustviewCommand.class, ServerCommand.class, CommandLine.HelpCommand.class},
        usageHelpAutoWidth = true,
        synopsisSubcommandLabel = "COMMAND",
        description = {
            "",
            "Ferrite finds in C code the bugs that Rust's compiler rules out: use after free, double free, "
                    + "buffer overflows, NULL dereferences, leaks, races, uninitialized reads.",
            "",
            "Run 'ferrite check --help' for the options. Called without a command, as kbuild does with "
                    + "'make C=1 CHECK=ferrite', ferrite runs 'check' with the arguments given.",
            "",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:no findings",
            "1:findings reported",
            "2:bad usage, or nothing could be analysed",
            "3:internal error",
        })
public final class Main implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code;
        try {
            code = execute(args, out, err);
        } catch (Throwable t) { // never a raw stack trace, whatever happens
            internalError(err, t, Arrays.asList(args).contains("--debug"));
            code = ExitCodes.INTERNAL;
        }
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Builds the command line with ferrite's error handling; output goes to {@code out} and {@code err}. */
    public static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("ferrite: " + ex.getMessage());
            String cmd = c.getCommandSpec().qualifiedName();
            c.getErr().println("Try '" + cmd + " --help' for more information.");
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            boolean debug = parseResult != null && parseResult.originalArgs().contains("--debug");
            internalError(c.getErr(), ex, debug);
            return ExitCodes.INTERNAL;
        });
        return cl;
    }

    /**
     * Runs ferrite with these arguments, as {@code main} does but without exiting: for tests and embedding.
     *
     * @return the exit code
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(null, args, out, err);
    }

    /** Like {@link #execute(String[], PrintWriter, PrintWriter)} with relative file names resolved against {@code dir}. */
    public static int execute(Path dir, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = newCommandLine(out, err);
        ((CheckCommand) cl.getSubcommands().get("check").getCommand()).workingDir = dir;
        ((RustviewCommand) cl.getSubcommands().get("rustview").getCommand()).workingDir = dir;
        String[] rewritten = rewrite(cl, args);
        try {
            return cl.execute(rewritten);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static final Set<String> TOP_LEVEL_OPTIONS = Set.of("-h", "--help", "-V", "--version");

    /**
     * Makes {@code check} the command when none is named (kbuild's form), and separates ferrite's options of
     * {@code check} from compiler flags ({@link ArgSplitter}).
     */
    static String[] rewrite(CommandLine cl, String[] args) {
        if (args.length == 0) return args;
        List<String> list = Arrays.asList(args);
        int from;
        if (args[0].equals("check")) {
            from = 1;
        } else if (cl.getSubcommands().containsKey(args[0]) || list.stream().allMatch(TOP_LEVEL_OPTIONS::contains)) {
            return args;
        } else {
            from = 0;
        }
        CommandLine check = cl.getSubcommands().get("check");
        ArgSplitter.Result split = ArgSplitter.split(list.subList(from, list.size()), check.getCommandSpec().optionsMap());
        ((CheckCommand) check.getCommand()).splitNotes = split.notes();
        List<String> out = new ArrayList<>();
        out.add("check");
        // kbuild's CHECKFLAGS always hold sparse's -Wbitwise (some setups add -D__CHECKER__): behave as its CHECK tool
        if (from == 0 && (list.contains("-Wbitwise") || list.contains("-D__CHECKER__"))) out.add("--kbuild");
        out.addAll(split.args());
        return out.toArray(new String[0]);
    }

    /** The one message of an internal error; the stack trace only with {@code --debug}. */
    /** The body of a command: its exit code. */
    interface CommandBody {
        int run() throws InterruptedException;
    }

    /**
     * Runs a command's body with the handling every command shares: a usage error is exit code 2, an
     * interruption or an internal error (one line, a stack trace with --debug) is 3, and both writers
     * are flushed whatever happens.
     */
    static int runCommand(PrintWriter out, PrintWriter err, boolean debug, CommandBody body) {
        try {
            return body.run();
        } catch (Inputs.UsageException e) {
            err.println("ferrite: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("ferrite: interrupted");
            return ExitCodes.INTERNAL;
        } catch (RuntimeException | Error e) {
            internalError(err, e, debug);
            return ExitCodes.INTERNAL;
        } finally {
            out.flush();
            err.flush();
        }
    }

    static void internalError(PrintWriter err, Throwable t, boolean debug) {
        String what = t.getMessage() != null ? t.getClass().getSimpleName() + ": " + t.getMessage() : t.getClass().getName();
        int nl = what.indexOf('\n');
        if (nl >= 0) what = what.substring(0, nl);
        err.println("ferrite: internal error: " + what);
        if (debug) {
            t.printStackTrace(err);
        } else {
            err.println("ferrite: run again with --debug for a stack trace, and please report it");
        }
        err.flush();
    }
}
