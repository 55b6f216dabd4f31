package dev.ferrite.analysis;

import dev.ferrite.frontend.SourcePos;
import dev.ferrite.ir.Function;
import dev.ferrite.ir.Unit;
import dev.ferrite.report.Finding;
import dev.ferrite.report.PathEvent;
import dev.ferrite.report.Rule;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Runs the engine and the checkers over a whole program (all units of one run together): functions
 * are analysed bottom-up over the call graph, so each call can use its callee's summary, and each
 * function's analysis reports what is wrong whatever its callers do.
 */
public final class Analyzer {
    private static final boolean TRACE = Boolean.getBoolean("ferrite.trace");
    private final AnalysisOptions options;
    private final List<Checker.Factory> factories;

    public Analyzer(AnalysisOptions options) {
        this(options, enabled(loadFactories(), options.disabledRules()));
    }

    /** The factories with at least one rule not disabled (the others are not even created). */
    private static List<Checker.Factory> enabled(List<Checker.Factory> all, java.util.Set<String> disabled) {
        if (disabled.isEmpty()) return all;
        List<Checker.Factory> out = new ArrayList<>();
        for (Checker.Factory f : all) {
            if (f.rules().stream().anyMatch(r -> !disabled.contains(r.id()))) out.add(f);
        }
        return out;
    }

    /** Every rule of every checker, disabled or not (to check the names given to {@code --disable}). */
    public static List<Rule> allRules() {
        Map<String, Rule> out = new LinkedHashMap<>();
        for (Checker.Factory f : loadFactories()) for (Rule r : f.rules()) out.putIfAbsent(r.id(), r);
        return new ArrayList<>(out.values());
    }

    public Analyzer(AnalysisOptions options, List<Checker.Factory> factories) {
        this.options = options;
        this.factories = List.copyOf(factories);
    }

    /**
     * Checkers left out for measurements: the JVM property {@code ferrite.disableCheckers} lists checker
     * class names (DataRaceChecker). The concurrency checkers and the engine's lock state go together
     * with {@code --disable locks} ({@link AnalysisOptions#tracksLocks}).
     */
    static java.util.Set<String> disabledCheckers() {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (String p : System.getProperty("ferrite.disableCheckers", "").split(",")) if (!p.isBlank()) out.add(p.strip());
        return out;
    }

    private static List<Checker.Factory> loadFactories() {
        List<Checker.Factory> out = new ArrayList<>();
        java.util.Set<String> off = disabledCheckers();
        for (Checker.Factory f : ServiceLoader.load(Checker.Factory.class)) {
            String id = f.getClass().getEnclosingClass() != null ? f.getClass().getEnclosingClass().getSimpleName() : f.getClass().getSimpleName();
            if (off.contains(id)) continue;
            out.add(f);
        }
        out.sort(java.util.Comparator.comparing(f -> f.getClass().getName()));
        return out;
    }

    public AnalysisOptions options() {
        return options;
    }

    /** Every rule the checkers may report. */
    public List<Rule> rules() {
        Map<String, Rule> out = new LinkedHashMap<>();
        for (Checker.Factory f : factories) for (Rule r : f.rules()) out.putIfAbsent(r.id(), r);
        return new ArrayList<>(out.values());
    }

    /** Told how far the analysis is (for a progress bar); called on the analysing thread. */
    public interface Progress {
        void start(int functions);

        void functionStarted();
    }

    /** Analyses the units; findings come back in {@link Finding#ORDER}. */
    public AnalysisResult analyze(List<Unit> units) {
        return analyze(units, null);
    }

    /** Analyses the units, telling {@code progress} (may be null) as each function starts. */
    public AnalysisResult analyze(List<Unit> units, Progress progress) {
        Models models = Models.load(options.modelFiles());
        Program program = new Program(units);
        CallbackContracts contracts = options.tracksLocks() ? CallbackContracts.find(program, models) : CallbackContracts.NONE;
        Map<Function, Summary> summaries = new IdentityHashMap<>();
        Collector collector = new Collector(program);
        List<String> skipped = new ArrayList<>(); // over budget or skipped, with the reason
        List<String> notes = new ArrayList<>();
        List<Function> all = program.functions();
        Map<Function, Integer> index = new IdentityHashMap<>();
        long analysed = 0;
        if (progress != null) progress.start(all.size());
        List<List<Function>> order = program.bottomUp();
        SummaryRelease release = new SummaryRelease(program);
        Map<Function, Ownership> ownership = new IdentityHashMap<>();
        long allocatedBefore = EngineStats.ON ? EngineStats.allocated() : 0;
        for (List<Function> scc : order) {
            for (Function f : scc) {
                if (progress != null) progress.functionStarted();
                Integer idx = index.computeIfAbsent(f, k -> index.size() + 1);
                List<Checker> checkers = new ArrayList<>();
                for (Checker.Factory fac : factories) checkers.add(fac.create());
                Buffer buffer = new Buffer();
                FunctionAnalysis fa = new FunctionAnalysis(f, program, models, summaries, checkers, options.budget(), options.tracksLocks(), contracts.of(f),
                        buffer, idx);
                Summary s;
                long t0 = TRACE ? System.nanoTime() : 0;
                if (TRACE) System.err.println("ferrite-trace: start " + f.name());
                try {
                    s = fa.run();
                    if (TRACE) {
                        System.err.printf("ferrite-trace: %s %d ms %d steps %d outcomes%n", f.name(), (System.nanoTime() - t0) / 1_000_000,
                                fa.steps(), s.outcomes().size());
                    }
                } catch (RuntimeException | StackOverflowError e) {
                    skipped.add(f.name() + " (" + f.pos() + "): analysis failed: " + e + " (function skipped)");
                    release.done(f, summaries);
                    continue;
                } catch (OutOfMemoryError e) {
                    // the function's states are garbage now: the run goes on without it
                    skipped.add(f.name() + " (" + f.pos() + "): out of memory (function skipped)");
                    release.done(f, summaries);
                    continue;
                }
                release.done(f, summaries);
                if (fa.timedOut()) {
                    // skipped whole: partial results would depend on the machine's speed
                    skipped.add(f.name() + " (" + f.pos() + "): " + fa.budgetReason());
                    continue;
                }
                buffer.replay(collector, f);
                summaries.put(f, s);
                if (s.ownership() != null) ownership.put(f, s.ownership());
                if (DUMP_SUMMARIES) dumpSummary(s);
                analysed++;
                if (fa.overBudget()) skipped.add(f.name() + " (" + f.pos() + "): " + fa.budgetReason() + " (results may be incomplete)");
            }
        }
        if (EngineStats.ON) System.err.println(EngineStats.report(EngineStats.allocated() - allocatedBefore));
        if (all.isEmpty()) notes.add("no function to analyse");
        Checker.ProgramCtx pcx = new Checker.ProgramCtx() {
            @Override
            public Program program() {
                return program;
            }

            @Override
            public Models models() {
                return models;
            }

            @Override
            public Summary summary(Function f) {
                return summaries.get(f);
            }

            @Override
            public void report(Rule rule, Function fn, SourcePos pos, String message, List<PathEvent> path) {
                collector.add(rule, fn, pos, message, path, false);
            }
        };
        for (Checker.Factory fac : factories) {
            try {
                fac.onProgramEnd(pcx);
            } catch (RuntimeException | StackOverflowError e) {
                notes.add("program-wide check of " + fac.getClass().getName() + " failed: " + e);
            }
        }
        List<Finding> findings = collector.findings(options.reportLatent());
        return new AnalysisResult(findings, rules(), analysed, skipped, notes, ownership);
    }

    /** One function's findings, held until its analysis is known to count (not stopped by the safety net). */
    private static final class Buffer implements FunctionAnalysis.Findings {
        private record Report(Rule rule, SourcePos pos, String message, List<PathEvent> path, boolean latent) {
        }

        private final List<Report> reports = new ArrayList<>();

        @Override
        public void add(Rule rule, Function fn, SourcePos pos, String message, List<PathEvent> path, boolean latent) {
            reports.add(new Report(rule, pos, message, path, latent));
        }

        void replay(FunctionAnalysis.Findings to, Function fn) {
            for (Report r : reports) to.add(r.rule(), fn, r.pos(), r.message(), r.path(), r.latent());
        }
    }

    /** Collects findings, one per (rule, place, message); manifest wins over latent. */
    private static final class Collector implements FunctionAnalysis.Findings {
        private final Program program;
        private final Map<String, Finding> found = new LinkedHashMap<>();

        Collector(Program program) {
            this.program = program;
        }

        @Override
        public synchronized void add(Rule rule, Function fn, SourcePos pos, String message, List<PathEvent> path, boolean latent) {
            Unit u = program.unitOf(fn);
            if (u != null && !pos.file().equals(u.mainFile()) && !pos.file().equals(fn.file())) return;
            if (u != null && !fn.file().equals(u.mainFile())) return; // inside a header's inline function
            String key = rule.id() + "|" + pos + "|" + message;
            Finding prev = found.get(key);
            if (prev != null && (!prev.latent() || latent)) return;
            found.put(key, new Finding(rule, message, pos, fn.name(), path, latent));
        }

        List<Finding> findings(boolean includeLatent) {
            List<Finding> out = new ArrayList<>();
            for (Finding f : found.values()) if (includeLatent || !f.latent()) out.add(f);
            out.sort(Finding.ORDER);
            return out;
        }
    }

    private static final boolean DUMP_SUMMARIES = Boolean.getBoolean("ferrite.debugSummaries");

    /** Debugging aid (-Dferrite.debugSummaries=true): each outcome's state, result and effects. */
    private static void dumpSummary(Summary s) {
        System.err.println("summary " + s.function() + (s.complete() ? "" : " (incomplete)"));
        for (Summary.Outcome o : s.outcomes()) {
            System.err.println("  outcome ret=" + o.ret() + " " + o.state());
            if (o.state().effects() != null) {
                for (State.Effect e : o.state().effects().inOrder()) System.err.println("    effect " + e);
            }
        }
    }
}
