package dev.ferrite.cli;

import dev.ferrite.analysis.AnalysisOptions;
import dev.ferrite.analysis.AnalysisResult;
import dev.ferrite.analysis.Analyzer;
import dev.ferrite.analysis.Models;
import dev.ferrite.analysis.Ownership;
import dev.ferrite.frontend.Preprocessor;
import dev.ferrite.ir.Function;
import dev.ferrite.ir.Unit;
import dev.ferrite.report.Finding;
import dev.ferrite.rustview.PortReadiness;
import dev.ferrite.rustview.RustSignature;
import dev.ferrite.rustview.RustviewWriter;
import dev.ferrite.rustview.SignatureMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ferrite rustview}: the Rust signature each function's behaviour implies, and how ready the code is for a port. */
@Command(name = "rustview", header = "Print the Rust signature each C function's behaviour implies.", mixinStandardHelpOptions = true,
        versionProvider = Version.class, sortOptions = false, usageHelpAutoWidth = true,
        customSynopsis = {
            "ferrite rustview [OPTIONS] FILE|DIR... [-- COMPILER-FLAGS...]",
            "       ferrite rustview [OPTIONS] -p compile_commands.json [FILE|DIR...]",
        },
        description = {
            "",
            "Analyses the files as 'check' does and prints, for each function defined in them, the Rust signature "
                    + "that states what it does with its parameters and result: owned (KBox<T> in kernel code, Box<T> "
                    + "elsewhere) when it frees or stores them away, &T when it only reads, &mut T when it writes, "
                    + "Option<..> when it checks for NULL, slices when indexed with a length, out-parameters moved into "
                    + "the result, Result<.., Error> for error pointers and negative error codes. What cannot be "
                    + "decided stays a raw pointer, with the reason.",
            "",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ferrite rustview drivers/foo.c -- -D__KERNEL__ -Iinclude",
            "  ferrite rustview --readiness --format json -p build/compile_commands.json",
        })
final class RustviewCommand implements Callable<Integer> {

    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Option(names = {"-p", "--compile-commands"}, paramLabel = "FILE|DIR",
            description = "Take the files and their flags from this compile_commands.json (or DIR/compile_commands.json).")
    Path database;

    @Option(names = "--filter", paramLabel = "GLOB", description = "With -p: only entries whose file matches GLOB.")
    String filter;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Worker threads (default: number of cores).")
    Integer jobs;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
    Format format = Format.text;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Option(names = "--readiness", description = "Add the port-readiness report: per file and per driver, safe and unsafe "
            + "functions, why, and the findings of the other checkers in them.")
    boolean readiness;

    @Option(names = "--kernel", negatable = true, description = "Treat the code as kernel code (KBox) or not (Box); "
            + "default: kernel when the files declare a kernel allocator.")
    Boolean kernel;

    @Option(names = "--models", paramLabel = "FILE", description = "Add a model file (repeatable).")
    List<Path> models = new ArrayList<>();

    @Option(names = "--cc", paramLabel = "COMPILER", description = "Preprocess with this compiler instead of gcc.")
    String cc;

    @Option(names = {"-q", "--quiet"}, description = "Print no notes.")
    boolean quiet;

    @Parameters(paramLabel = "FILE|DIR", arity = "0..*", description = "C files or directories, mixed with compiler flags.")
    List<String> args = new ArrayList<>();

    /** The directory relative file names are resolved against (null: the process's current directory). */
    Path workingDir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return Main.runCommand(out, err, false, () -> run(out, err));
    }

    private int run(PrintWriter out, PrintWriter err) throws InterruptedException {
        Path cwd = (workingDir != null ? workingDir : Path.of("")).toAbsolutePath().normalize();
        int threads = jobs == null || jobs == 0 ? Runtime.getRuntime().availableProcessors() : jobs;
        if (filter != null && database == null) throw new Inputs.UsageException("--filter needs -p compile_commands.json");
        List<Path> modelFiles = new ArrayList<>();
        for (Path m : models) {
            if (!Files.isRegularFile(cwd.resolve(m))) throw new Inputs.UsageException("--models " + m + ": No such file");
            modelFiles.add(cwd.resolve(m));
        }
        Preprocessor pp = new Preprocessor();
        if (cc != null) pp = pp.withCompiler(cc);
        Set<String> ferriteOptions = spec.optionsMap().keySet();
        Inputs inputs = database != null ? Inputs.fromDatabase(database, filter, args, cwd, ferriteOptions)
                : Inputs.fromCommandLine(args, cwd, ferriteOptions);
        if (!quiet) for (String n : inputs.notes) err.println("ferrite: note: " + n);
        if (inputs.inputs.isEmpty()) throw new Inputs.UsageException("no input files (try 'ferrite rustview --help')");
        FrontEnd fe = new FrontEnd(pp, new FrontEnd.Options(false));
        List<FrontEndResult> results = FrontEndRunner.run(fe, inputs.inputs, threads, r -> {
            if (!r.ok()) err.println("ferrite: " + CheckCommand.skipMessage(r));
        });
        List<Unit> units = new ArrayList<>();
        for (FrontEndResult r : results) if (r.ok()) units.add(r.unit());
        if (units.isEmpty()) {
            err.println("ferrite: nothing could be analysed");
            return ExitCodes.USAGE;
        }
        AnalysisOptions opts = new AnalysisOptions(modelFiles, false, threads, AnalysisOptions.Budget.DEFAULT);
        AnalysisResult ar = new Analyzer(opts).analyze(units);
        boolean isKernel = kernel != null ? kernel : declaresKernelAllocator(units, Models.load(modelFiles));
        List<RustSignature> sigs = signatures(units, ar, isKernel, cwd);
        PortReadiness ready = readiness ? PortReadiness.of(sigs) : null;
        String text = format == Format.json ? RustviewWriter.json(sigs, ready) : RustviewWriter.text(sigs, ready);
        if (output == null) {
            out.print(text);
            return ExitCodes.CLEAN;
        }
        try {
            Files.writeString(cwd.resolve(output), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("ferrite: cannot write " + output + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        return ExitCodes.CLEAN;
    }

    /** The signatures of the functions the main files define (not inline functions of headers), in source order. */
    static List<RustSignature> signatures(List<Unit> units, AnalysisResult ar, boolean kernel, Path cwd) {
        SignatureMapper mapper = new SignatureMapper();
        List<RustSignature> out = new ArrayList<>();
        for (Unit u : units) {
            for (Function f : u.functions()) {
                if (!f.file().equals(u.mainFile())) continue;
                Ownership o = ar.ownership().get(f);
                if (o == null) continue;
                List<Finding> mine = new ArrayList<>();
                for (Finding fi : ar.findings()) if (fi.function().equals(f.name()) && fi.pos().file().equals(f.file())) mine.add(fi);
                out.add(mapper.map(f, o, kernel, mine));
            }
        }
        return out;
    }

    /** Kernel code: some function the units declare allocates from a kernel family (models say which). */
    static boolean declaresKernelAllocator(List<Unit> units, Models models) {
        SignatureMapper probe = new SignatureMapper();
        for (Unit u : units) {
            for (Map.Entry<String, ?> d : u.decls().entrySet()) {
                Models.Spec s = models.get(d.getKey());
                if (s != null && probe.isKernelFamily(s.allocFamily())) return true;
            }
        }
        return false;
    }
}
