package dev.ferrite.cli;

import dev.ferrite.analysis.AnalysisOptions;
import dev.ferrite.analysis.AnalysisResult;
import dev.ferrite.analysis.Analyzer;
import dev.ferrite.frontend.Preprocessor;
import dev.ferrite.ir.DotWriter;
import dev.ferrite.ir.Function;
import dev.ferrite.ir.Unit;
import dev.ferrite.report.Baseline;
import dev.ferrite.analysis.Ownership;
import dev.ferrite.analysis.OwnershipView;
import dev.ferrite.cache.CachedRun;
import dev.ferrite.cache.ResultCache;
import dev.ferrite.report.Finding;
import dev.ferrite.report.FunctionSummary;
import dev.ferrite.report.GitDiff;
import dev.ferrite.report.HtmlReporter;
import dev.ferrite.report.RunInfo;
import dev.ferrite.report.SarifReporter;
import dev.ferrite.report.SkippedFile;
import dev.ferrite.report.SourceCache;
import dev.ferrite.report.Summary;
import dev.ferrite.report.TextReporter;
import dev.ferrite.report.ToolNotification;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ferrite check}: preprocess, parse and lower every file, analyse them together, report. */
@Command(name = "check", header = "Check C files (the default command).", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        usageHelpAutoWidth = true,
        customSynopsis = {
            "ferrite check [OPTIONS] FILE|DIR... [-- COMPILER-FLAGS...]",
            "       ferrite check [OPTIONS] -p compile_commands.json [FILE|DIR...]",
            "       ferrite [COMPILER-FLAGS...] FILE.c    (as make C=1 CHECK=ferrite runs it)",
        },
        description = {
            "",
            "Checks C files for use after free, double free, buffer overflows, NULL dereferences, leaks, "
                    + "races and uninitialized reads. Each file is preprocessed with the system's gcc (a .i "
                    + "file is read as it is), parsed and lowered; then all files are analysed together.",
            "",
            "Compiler flags (-I, -D, -U, -include, -std=, -m..., sparse's -W... and so on) may come before "
                    + "the files, as kbuild passes them, or after '--'; they apply to every file. Flags that "
                    + "do not matter for preprocessing are ignored, unknown ones with a note. A directory is "
                    + "searched for *.c files. A file that cannot be preprocessed or parsed is reported once "
                    + "and skipped; the others go on.",
            "",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:no findings",
            "1:findings reported (0 with --exit-zero)",
            "2:bad usage, or nothing could be analysed (every file failed)",
            "3:internal error",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ferrite check examples/uaf.c",
            "  ferrite check -D__KERNEL__ -Iinclude -Wbitwise drivers/foo.c",
            "  ferrite check src/ -- -Iinclude -DNDEBUG",
            "  ferrite check -p build/compile_commands.json --filter 'drivers/net/**'",
            "  ferrite check --format sarif -o report.sarif src/",
            "  ferrite check --format html -o report/ src/    (then open report/index.html)",
            "  ferrite check --dump-cfg main examples/uaf.c | dot -Tsvg > main.svg",
        })
final class CheckCommand implements Callable<Integer> {

    enum Format { text, sarif, html }

    @Spec
    CommandSpec spec;

    @Option(names = {"-p", "--compile-commands"}, paramLabel = "FILE|DIR",
            description = "Take the files and their flags from this compile_commands.json (or DIR/compile_commands.json). "
                    + "FILE|DIR arguments then select entries.")
    Path database;

    @Option(names = "--filter", paramLabel = "GLOB",
            description = "With -p: only entries whose file matches GLOB ('drivers/net/**', '*.c', 'foo.c').")
    String filter;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "Worker threads for preprocessing, parsing and analysis (default: number of cores).")
    Integer jobs;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Output format: text (GCC-style warnings), sarif (SARIF 2.1.0) or html (a browsable report "
                    + "in the directory -o names). Default: sarif when -o names a .sarif file, else text.")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the report (or the --dump-cfg/--dump-ir output) to FILE instead of standard output; "
                    + "with --format html, the directory to write the report into.")
    Path output;

    @Option(names = "--werror", description = "Report findings as errors ('error:', SARIF level error).")
    boolean werror;

    @Option(names = "--exit-zero", description = "Exit with 0 even when findings are reported (e.g. under kbuild).")
    boolean exitZero;

    @Option(names = "--report-latent",
            description = "Also report latent bugs: those that need a caller to pass bad values.")
    boolean reportLatent;

    @Option(names = "--models", paramLabel = "FILE",
            description = "Add a model file (repeatable); see docs/models.md.")
    List<Path> models = new ArrayList<>();

    @Option(names = "--disable", paramLabel = "RULE", split = ",",
            description = "Do not check this rule (repeatable, comma-separated): a rule id (buffer-overread), 'bounds' for "
                    + "every out-of-bounds rule or 'locks' for every concurrency rule (the engine then keeps no lock "
                    + "state). A checker whose rules are all disabled does not run.")
    List<String> disable = new ArrayList<>();

    @Option(names = "--baseline", paramLabel = "SARIF",
            description = "Report only findings that are not in this earlier SARIF report of ferrite.")
    Path baseline;

    @Option(names = "--diff", paramLabel = "REV",
            description = "Report only findings on lines changed since git revision REV (or with a step of their path there).")
    String diff;

    @Option(names = "--kbuild",
            description = "Run as kbuild's CHECK tool (implied by -Wbitwise or -D__CHECKER__ when no command is named): warnings on "
                    + "standard error, no summary, exit code 0 unless --werror and there are findings.")
    boolean kbuild;

    @Option(names = "--no-cache", description = "Neither read nor write the result cache.")
    boolean noCache;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Directory of the result cache (default: $XDG_CACHE_HOME/ferrite or ~/.cache/ferrite).")
    Path cacheDir;

    @Option(names = "--progress", negatable = true,
            description = "Show progress on standard error: a bar on a terminal, else a line at each tenth "
                    + "(default: on with -p, off otherwise).")
    Boolean progress;

    @Option(names = "--show-source", description = "Show the source line and a caret under each warning, as gcc does.")
    boolean showSource;

    @Option(names = "--stats",
            description = "Print on standard error what the front end saw: each function (blocks, instructions, calls) "
                    + "and a summary line (files, files without CDT problem nodes, functions, lowering problems, times).")
    boolean stats;

    @Option(names = "--dump-cfg", paramLabel = "FUNCTION",
            description = "Print the control-flow graph of FUNCTION as Graphviz DOT instead of checking (repeatable).")
    List<String> dumpCfg = new ArrayList<>();

    @Option(names = "--dump-ir", paramLabel = "FUNCTION",
            description = "Print the IR of FUNCTION as text instead of checking (repeatable).")
    List<String> dumpIr = new ArrayList<>();

    @Option(names = "--cc", paramLabel = "COMPILER",
            description = "Preprocess with this compiler instead of gcc (it is run only as COMPILER -E).")
    String cc;

    @Option(names = "--max-steps", paramLabel = "N",
            description = "Budget per function: instructions executed plus successor states made (default: 200,000). "
                    + "A function over it is listed in the summary; its results may be incomplete.")
    Long maxSteps;

    @Option(names = "--function-time-limit", paramLabel = "SECONDS",
            description = "Safety net per function (default: 300): a function still being analysed after this long is "
                    + "skipped whole, with a note. Only for functions the step budget failed to bound.")
    Long functionTimeLimit;

    @Option(names = "--max-file-size", paramLabel = "MB",
            description = "Budget per file: preprocessed text larger than this is skipped (default: 256). "
                    + "A file is also skipped when its size says parsing it needs more heap than there is.")
    Long maxFileSize;

    @Option(names = {"-v", "--verbose"},
            description = "Say more: per file and per function what the front end saw, notes on flags, "
                    + "functions that could not be lowered.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "Print no notes and no end-of-run summary.")
    boolean quiet;

    @Option(names = "--debug", description = "Show stack traces of internal errors.")
    boolean debug;

    @Option(names = "--time", hidden = true, description = "Print per-file and per-phase times on standard error.")
    boolean time;

    @Parameters(paramLabel = "FILE|DIR", arity = "0..*",
            description = "C files (.c, .i, .h) or directories to check, mixed with compiler flags.")
    List<String> args = new ArrayList<>();

    /** Notes from splitting the command line ({@link ArgSplitter}), set before execution. */
    List<String> splitNotes = List.of();
    /** The directory relative file names are resolved against (null: the process's current directory). */
    Path workingDir;

    private PrintWriter out;
    private PrintWriter err;

    /** The bounds rules 'bounds' stands for in --disable: the CWE family of out-of-bounds accesses. */
    private static final Set<Integer> BOUNDS_CWES = Set.of(121, 122, 124, 126, 127, 131, 787);

    /** The rule ids --disable names, checked against the rules the checkers have. */
    private Set<String> disabledRules() {
        Set<String> out = new java.util.TreeSet<>();
        List<dev.ferrite.report.Rule> all = dev.ferrite.analysis.Analyzer.allRules();
        for (String d : disable) {
            String name = d.trim();
            if (name.isEmpty()) continue;
            if (name.equals("bounds")) {
                for (dev.ferrite.report.Rule r : all) if (BOUNDS_CWES.contains(r.cwe())) out.add(r.id());
            } else if (name.equals("locks")) {
                out.addAll(AnalysisOptions.LOCK_RULES);
            } else if (all.stream().anyMatch(r -> r.id().equals(name))) {
                out.add(name);
            } else {
                throw new Inputs.UsageException("--disable " + name + ": no such rule (rule ids are listed in README.md)");
            }
        }
        return out;
    }

    @Override
    public Integer call() {
        out = spec.commandLine().getOut();
        err = spec.commandLine().getErr();
        return Main.runCommand(out, err, debug, () -> {
            try {
                return run();
            } catch (OutOfMemoryError e) {
                err.println("ferrite: out of memory; use fewer jobs (-j) or give Java more heap "
                        + "(FERRITE_JAVA_OPTS=-Xmx16g bin/ferrite ...)");
                if (debug) e.printStackTrace(err);
                return ExitCodes.INTERNAL;
            }
        });
    }

    private int run() throws InterruptedException {
        if (kbuild) {
            // kbuild's CHECK: like sparse, talk on stderr only and never stop the build unless asked
            quiet = true;
            int code = check();
            if (code == ExitCodes.USAGE && !usageError) return ExitCodes.CLEAN;
            if (code == ExitCodes.FINDINGS && !werror) return ExitCodes.CLEAN;
            return code;
        }
        return check();
    }

    /** Set when the command line itself was wrong (exit code 2 even under kbuild). */
    private boolean usageError = true;

    private int check() throws InterruptedException {
        long start = System.nanoTime();
        Path cwd = (workingDir != null ? workingDir : Path.of("")).toAbsolutePath().normalize();
        Path outFile = output != null ? cwd.resolve(output) : null;
        int threads = jobs == null || jobs == 0 ? Runtime.getRuntime().availableProcessors() : jobs;
        if (threads < 0) throw new Inputs.UsageException("-j: the number of jobs must be 0 (automatic) or more, not " + jobs);
        if (filter != null && database == null) throw new Inputs.UsageException("--filter needs -p compile_commands.json");
        List<Path> modelFiles = new ArrayList<>();
        for (Path m : models) {
            if (!Files.isRegularFile(cwd.resolve(m))) throw new Inputs.UsageException("--models " + m + ": No such file");
            modelFiles.add(cwd.resolve(m));
        }
        Baseline base = null;
        if (baseline != null) {
            try {
                base = Baseline.load(cwd.resolve(baseline));
            } catch (IOException | RuntimeException e) {
                throw new Inputs.UsageException("--baseline " + baseline + ": cannot read SARIF: " + e.getMessage());
            }
        }
        Format fmt = format != null ? format
                : output != null && (output.toString().endsWith(".sarif") || output.toString().endsWith(".sarif.json"))
                ? Format.sarif : Format.text;
        if (fmt == Format.html && outFile == null && dumpCfg.isEmpty() && dumpIr.isEmpty()) {
            throw new Inputs.UsageException("--format html needs -o DIR (the directory to write the report into)");
        }
        Preprocessor pp = new Preprocessor();
        if (maxFileSize != null) {
            if (maxFileSize <= 0 || maxFileSize > Preprocessor.MAX_OUTPUT_LIMIT >> 20) {
                throw new Inputs.UsageException("--max-file-size: must be 1.." + (Preprocessor.MAX_OUTPUT_LIMIT >> 20) + " MB");
            }
            pp = pp.withMaxOutputBytes(maxFileSize << 20);
        }
        AnalysisOptions.Budget budget = AnalysisOptions.Budget.DEFAULT;
        if (maxSteps != null || functionTimeLimit != null) {
            if (maxSteps != null && maxSteps <= 0) throw new Inputs.UsageException("--max-steps: must be positive");
            if (functionTimeLimit != null && functionTimeLimit <= 0) throw new Inputs.UsageException("--function-time-limit: must be positive");
            budget = new AnalysisOptions.Budget(budget.maxStatesPerBlock(), maxSteps != null ? maxSteps : budget.maxStepsPerFunction(),
                    budget.maxOutcomes(), functionTimeLimit != null ? functionTimeLimit : budget.safetySecondsPerFunction());
        }
        if (cc != null) {
            try {
                pp = pp.withCompiler(cc);
            } catch (IllegalArgumentException e) {
                throw new Inputs.UsageException("--cc: " + e.getMessage());
            }
        }

        Set<String> ferriteOptions = spec.optionsMap().keySet();
        Inputs inputs = database != null
                ? Inputs.fromDatabase(database, filter, args, cwd, ferriteOptions)
                : Inputs.fromCommandLine(args, cwd, ferriteOptions);
        if (!quiet) {
            Set<String> notes = new LinkedHashSet<>(splitNotes);
            notes.addAll(inputs.notes);
            for (String n : notes) err.println("ferrite: note: " + n);
        }
        for (String e : inputs.databaseErrors) err.println("ferrite: warning: " + e + " (entry skipped)");
        if (inputs.inputs.isEmpty()) throw new Inputs.UsageException("no input files (try 'ferrite check --help')");
        usageError = false; // from here on, exit code 2 means that nothing could be analysed

        boolean dumping = !dumpCfg.isEmpty() || !dumpIr.isEmpty();
        AnalysisOptions opts = new AnalysisOptions(modelFiles, reportLatent, threads, budget).withDisabled(disabledRules());
        RunCache cache = null;
        String runKey = null;
        CachedRun cached = null;
        if (!noCache && !dumping && !stats && !verbose && !time) {
            List<String> keyOptions = new ArrayList<>();
            keyOptions.add("latent=" + reportLatent);
            keyOptions.add("budget=" + opts.budget());
            keyOptions.add("disabled=" + new java.util.TreeSet<>(opts.disabledRules()));
            keyOptions.add("ownership=" + (fmt == Format.html)); // the HTML report also shows function summaries
            for (Path m : modelFiles) keyOptions.add(RunCache.fileOption("model", m));
            cache = new RunCache(cacheDir != null ? cwd.resolve(cacheDir) : ResultCache.defaultDir(), pp, keyOptions);
            runKey = cache.runKey(inputs.inputs, threads);
            cached = cache.lookup(runKey).orElse(null);
        }
        boolean showProgress = !quiet && !kbuild && (progress != null ? progress : database != null);
        try (Progress prog = !showProgress ? Progress.none()
                : "1".equals(System.getProperty("ferrite.stderr.tty")) ? Progress.bar(System.err) : Progress.lines(err)) {
            if (cached == null) {
                cached = analyse(inputs, pp, opts, cache, threads, prog, outFile, start, fmt == Format.html);
                if (cached == null) return dumpCode; // --dump-cfg / --dump-ir
                if (cache != null) cache.store(cacheKeyOfRun, cached);
            } else {
                for (CachedRun.Skip sk : cached.skipped()) err.println("ferrite: " + sk.message());
                if (showProgress) {
                    err.println("ferrite: note: no input changed since an earlier run: results from the cache (--no-cache to redo)");
                }
            }
        }
        return report(cached, new Analyzer(opts).rules(), inputs, cwd, outFile, base, fmt, start);
    }

    private int dumpCode;
    private String cacheKeyOfRun;
    private long frontEndDone;
    private long analysisDone;
    private FrontEndStats st = new FrontEndStats();

    /** The front end and the analysis of every input; null after --dump-cfg/--dump-ir (see {@link #dumpCode}). */
    private CachedRun analyse(Inputs inputs, Preprocessor pp, AnalysisOptions opts, RunCache cache, int threads,
                              Progress prog, Path outFile, long start, boolean ownership) throws InterruptedException {

        // ---- front end: every file, in parallel, results in input order ----------------------------------
        boolean functionLines = stats || verbose;
        FrontEnd fe = new FrontEnd(pp, new FrontEnd.Options(stats || verbose), cache != null ? cache.listener() : null);
        Set<String> fileNotes = new LinkedHashSet<>();
        prog.phase("front end", "files", inputs.inputs.size());
        List<FrontEndResult> results = FrontEndRunner.run(fe, inputs.inputs, threads, r -> {
            prog.step();
            st.add(r);
            if (!r.ok()) {
                err.println("ferrite: " + skipMessage(r));
                if (debug && r.failure().cause() != null) r.failure().cause().printStackTrace(err);
            } else {
                if (functionLines) err.println(FrontEndStats.fileLine(r));
                if (verbose) {
                    for (String n : r.notes()) {
                        if (fileNotes.add(n)) err.println("ferrite: note: " + n);
                    }
                }
                if (functionLines) FrontEndStats.lines(r.unit()).forEach(err::println);
                if (verbose) r.unit().problems().forEach(p -> err.println(FrontEndStats.problemLine(p)));
                if (time) err.println(FrontEndStats.timeLine(r));
            }
            err.flush();
        });
        frontEndDone = System.nanoTime();
        List<Unit> units = new ArrayList<>();
        List<CachedRun.Skip> skipped = new ArrayList<>();
        for (FrontEndResult r : results) {
            if (r.ok()) {
                units.add(r.unit());
            } else {
                FrontEndResult.Failure f = r.failure();
                skipped.add(new CachedRun.Skip(r.name(), reason(r), f.file(), f.line(), skipMessage(r)));
            }
        }

        // ---- --dump-cfg / --dump-ir: print and stop -------------------------------------------------------
        if (!dumpCfg.isEmpty() || !dumpIr.isEmpty()) {
            int code = dump(units, outFile);
            if (stats) err.println(st.statsLine());
            dumpCode = units.isEmpty() ? ExitCodes.USAGE : code;
            return null;
        }

        // ---- analysis: all units together -------------------------------------------------------------------
        AnalysisResult ar;
        if (units.isEmpty()) {
            ar = new AnalysisResult(List.of(), List.of(), 0, List.of(), List.of());
        } else {
            ar = new Analyzer(opts).analyze(units, prog);
        }
        analysisDone = System.nanoTime();
        if (cache != null) cacheKeyOfRun = cache.runKey(results);
        List<FunctionSummary> functions = new ArrayList<>();
        if (ownership) {
            for (java.util.Map.Entry<Function, Ownership> e : ar.ownership().entrySet()) {
                functions.add(OwnershipView.of(e.getKey(), e.getValue()));
            }
            functions.sort(java.util.Comparator.comparing(FunctionSummary::start).thenComparing(FunctionSummary::function));
        }
        // functions the front end could not lower, then those the engine stopped at a budget: each with its reason
        List<String> skippedFunctions = new ArrayList<>();
        for (Unit u : units) {
            for (Unit.Problem p : u.problems()) {
                if (p.function() != null) skippedFunctions.add(p.function() + " (" + p.pos() + "): " + p.message() + " (function skipped)");
            }
        }
        skippedFunctions.addAll(ar.overBudget());
        return new CachedRun(units.size(), skipped, ar.functionsAnalysed(), skippedFunctions, ar.notes(),
                CachedRun.encode(ar.findings()), functions);
    }

    /** Filters the findings of a run (latent, --baseline, --diff), reports them and the summary; the exit code. */
    private int report(CachedRun run, List<dev.ferrite.report.Rule> rules, Inputs inputs, Path cwd, Path outFile,
                       Baseline base, Format fmt, long start) throws InterruptedException {
        java.util.Map<String, dev.ferrite.report.Rule> byId = new java.util.HashMap<>();
        for (dev.ferrite.report.Rule r : rules) byId.put(r.id(), r);
        List<Finding> all = run.decodeFindings(byId);
        if (all == null) throw new IllegalStateException("cached findings name an unknown rule; run with --no-cache");
        List<Finding> findings = new ArrayList<>();
        for (Finding f : all) {
            if (!f.latent() || reportLatent) findings.add(f);
        }
        findings.sort(Finding.ORDER);
        // only files below what the run was given: a forged line marker must not quote /etc or ~/.ssh into a report
        SourceCache sources = new SourceCache(cwd, inputs.sourceDirs());
        SarifReporter sarif = new SarifReporter(SarifReporter.Options.DEFAULT.withToolVersion(Version.version())
                .withBaseDir(cwd).withWerror(werror), rules, sources);
        if (base != null) findings = base.newFindings(findings, sarif.fingerprinter());
        if (diff != null) findings = changedSince(diff, findings, cwd);

        List<SkippedFile> skipped = new ArrayList<>();
        for (CachedRun.Skip s : run.skipped()) skipped.add(new SkippedFile(s.name(), s.reason()));
        Summary summary = Summary.of(run.filesAnalysed(), skipped, run.functionsAnalysed(), run.overBudget(), findings);
        boolean nothingAnalysed = run.filesAnalysed() == 0;
        String report;
        if (fmt == Format.html) {
            if (!writeHtml(findings, run.functions(), sources, cwd, outFile)) return ExitCodes.USAGE;
            report = null;
        } else if (fmt == Format.sarif) {
            List<ToolNotification> notes = new ArrayList<>();
            for (CachedRun.Skip s : run.skipped()) {
                // located where the compiler put the error (a header, for a failed #include there)
                notes.add(new ToolNotification(ToolNotification.Level.ERROR, ToolNotification.SKIPPED_FILE,
                        s.name() + " skipped: " + s.reason(), s.file() != null ? s.file() : s.name(), s.line()));
            }
            if (summary.functionsOverBudget() > 0) notes.add(ToolNotification.overBudget(summary.functionsOverBudget()));
            for (String e : inputs.databaseErrors) {
                notes.add(new ToolNotification(ToolNotification.Level.WARNING, "compile-database", e, null, 0));
            }
            RunInfo info = RunInfo.of(summary).withNotifications(notes).withExecutionSuccessful(!nothingAnalysed);
            report = sarif.render(findings, info);
        } else {
            TextReporter text = new TextReporter(TextReporter.Options.DEFAULT.withWerror(werror).withBaseDir(cwd)
                    .withShowSource(showSource), sources);
            report = text.render(findings);
        }
        if (report == null) {
            // the HTML report is written
        } else if (kbuild && outFile == null) {
            err.print(report); // as sparse and gcc do: warnings on standard error
            err.flush();
        } else if (!write(report, outFile)) {
            return ExitCodes.USAGE;
        }
        long reportDone = System.nanoTime();

        if (!quiet) {
            for (String n : run.notes()) err.println("ferrite: note: " + n);
            err.print(summary.render());
        }
        if (stats) err.println(st.statsLine());
        if (time) {
            err.println("ferrite: time: front end " + FrontEndStats.secs(frontEndDone - start) + " wall (summed over files: "
                    + "preprocess " + FrontEndStats.secs(st.preprocessNanos) + ", parse " + FrontEndStats.secs(st.parseNanos)
                    + ", lower " + FrontEndStats.secs(st.lowerNanos) + "); analysis " + FrontEndStats.secs(analysisDone - frontEndDone)
                    + "; report " + FrontEndStats.secs(reportDone - analysisDone) + "; total " + FrontEndStats.secs(reportDone - start));
        }
        if (nothingAnalysed) return ExitCodes.USAGE;
        return findings.isEmpty() || exitZero ? ExitCodes.CLEAN : ExitCodes.FINDINGS;
    }

    /** The findings on lines changed since git revision {@code rev} ({@code --diff}). */
    private List<Finding> changedSince(String rev, List<Finding> findings, Path cwd) throws InterruptedException {
        Set<Path> files = new LinkedHashSet<>();
        for (Finding f : findings) {
            files.add(cwd.resolve(f.pos().file()).normalize());
            for (dev.ferrite.report.PathEvent e : f.path()) files.add(cwd.resolve(e.pos().file()).normalize());
        }
        if (findings.isEmpty()) return findings;
        try {
            return GitDiff.since(rev, files).filter(findings, name -> cwd.resolve(name).normalize());
        } catch (GitDiff.GitException e) {
            usageError = true;
            throw new Inputs.UsageException("--diff " + rev + ": " + e.getMessage());
        }
    }

    /** The one line printed for a skipped file: {@code foo.c:3:10: fatal error: x.h: No such file or directory (file skipped)}. */
    static String skipMessage(FrontEndResult r) {
        String msg = r.failure().message();
        String suffix = " (preprocessing " + (r.command() != null ? r.command().fileArgument() : r.name()) + ")";
        if (msg.endsWith(suffix)) {
            return msg.substring(0, msg.length() - suffix.length()) + " (" + r.name() + " skipped)";
        }
        return msg + " (file skipped)";
    }

    /** The reason shown in the summary: the message without a leading {@code name: }. */
    static String reason(FrontEndResult r) {
        String msg = r.failure().message();
        String prefix = r.name() + ": ";
        if (msg.startsWith(prefix)) return msg.substring(prefix.length());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(r.name())
                + ":(\\d+)(?::\\d+)?: (.*)").matcher(msg);
        return m.matches() ? "line " + m.group(1) + ": " + m.group(2) : msg;
    }

    private int dump(List<Unit> units, Path outFile) {
        StringBuilder sb = new StringBuilder();
        int code = ExitCodes.CLEAN;
        for (int pass = 0; pass < 2; pass++) {
            List<String> names = pass == 0 ? dumpCfg : dumpIr;
            for (String name : names) {
                int found = 0;
                for (Unit u : units) {
                    Function f = u.function(name);
                    if (f == null) continue;
                    found++;
                    sb.append(pass == 0 ? DotWriter.toDot(f) : DotWriter.toText(f));
                }
                if (found == 0) {
                    String why = "";
                    for (Unit u : units) {
                        for (Unit.Problem p : u.problems()) {
                            if (name.equals(p.function())) why = ": " + p.message();
                        }
                    }
                    err.println("ferrite: " + (pass == 0 ? "--dump-cfg" : "--dump-ir") + ": no function '" + name + "' "
                            + (why.isEmpty() ? "is defined in the files checked" : "could be lowered" + why));
                    code = ExitCodes.USAGE;
                }
            }
        }
        return write(sb.toString(), outFile) ? code : ExitCodes.USAGE;
    }

    /** Writes the HTML report into the directory -o names. */
    private boolean writeHtml(List<Finding> findings, List<FunctionSummary> summaries, SourceCache sources, Path cwd, Path dir) {
        HtmlReporter html = new HtmlReporter(HtmlReporter.Options.DEFAULT.withBaseDir(cwd), sources, summaries);
        try {
            Path index = html.write(findings, dir);
            if (!quiet) err.println("ferrite: HTML report written to " + index);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            err.println("ferrite: cannot write the HTML report to " + output + ": " + e.getMessage());
            return false;
        }
    }

    /** Writes the report to -o or standard output. */
    private boolean write(String text, Path outFile) {
        if (outFile == null) {
            out.print(text);
            out.flush();
            return true;
        }
        try {
            Files.writeString(outFile, text, StandardCharsets.UTF_8);
            return true;
        } catch (IOException e) {
            err.println("ferrite: cannot write " + output + ": " + e.getMessage());
            return false;
        }
    }
}
