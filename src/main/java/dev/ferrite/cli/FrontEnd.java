package dev.ferrite.cli;

import dev.ferrite.frontend.CParser;
import dev.ferrite.frontend.CompileCommand;
import dev.ferrite.frontend.FrontendException;
import dev.ferrite.frontend.LineMap;
import dev.ferrite.frontend.PreprocessedFile;
import dev.ferrite.frontend.Preprocessor;
import dev.ferrite.frontend.UnusedDeclarations;
import dev.ferrite.ir.Unit;
import dev.ferrite.ir.lower.Lowering;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;

/**
 * The front end for one file: preprocess ({@code gcc -E}, or read a {@code .i} as is), parse with CDT, lower
 * to IR. Never throws for a problem with the file: a file that cannot be turned into a {@link Unit} comes
 * back as a {@link FrontEndResult.Failure}. Thread-safe: one instance serves all worker threads of a run
 * (and, later, a server's requests).
 */
public final class FrontEnd {

    /**
     * @param countProblems walk the AST to count CDT problem nodes (for {@code --stats} and {@code -v}); costs
     *                      a little time per file
     */
    public record Options(boolean countProblems) {
        public static final Options DEFAULT = new Options(false);
    }

    /** Told about each file's preprocessed text (the result cache keys files by it); called on worker threads. */
    public interface Listener {
        void preprocessed(CompileCommand cmd, PreprocessedFile pf, LineMap map);
    }

    /**
     * Heap that parsing and lowering need per character of preprocessed text, at most (CDT's tree of a
     * kernel translation unit is about 40 bytes per character; lowering adds less).
     */
    static final long HEAP_PER_CHAR = 64;

    /**
     * Heap the analysis keeps per IR instruction of a file until the run ends (the IR, the summaries and
     * the checkers' per-function records): about 1.5 KB measured on dense generated code.
     */
    static final long HEAP_PER_INSTRUCTION = 2048;

    private final Preprocessor preprocessor;
    private final Options options;
    private final Listener listener;
    /** Heap for files being parsed, in MB: a file waits until its estimate fits beside the others'. */
    private final Semaphore parseHeap;
    private final int parseHeapMb;
    /** A file whose IR needs more than this for its analysis is skipped (half the heap). */
    private final long analysisHeapMb;

    public FrontEnd(Preprocessor preprocessor, Options options) {
        this(preprocessor, options, null);
    }

    public FrontEnd(Preprocessor preprocessor, Options options, Listener listener) {
        this(preprocessor, options, listener, Runtime.getRuntime().maxMemory());
    }

    /** @param maxHeapBytes the heap the per-file budget is taken from (three quarters of it go to parsing) */
    FrontEnd(Preprocessor preprocessor, Options options, Listener listener, long maxHeapBytes) {
        this.preprocessor = Objects.requireNonNull(preprocessor);
        this.options = options == null ? Options.DEFAULT : options;
        this.listener = listener;
        this.parseHeapMb = (int) Math.max(1, Math.min(Integer.MAX_VALUE, maxHeapBytes / 4 * 3 >> 20));
        this.parseHeap = new Semaphore(parseHeapMb, true);
        this.analysisHeapMb = Math.max(1, maxHeapBytes / 2 >> 20);
    }

    public Preprocessor preprocessor() {
        return preprocessor;
    }

    /**
     * Runs the front end on one command.
     *
     * @param cmd  the compile command
     * @param name how to name the file in messages and in {@link Unit#path()} (e.g. relative to the current
     *             directory)
     */
    public FrontEndResult process(CompileCommand cmd, String name) {
        long t0 = System.nanoTime();
        long tPre = 0;
        long tParse = 0;
        String phase = "preprocessing";
        try {
            PreprocessedFile pf = preprocessor.preprocess(cmd);
            List<String> notes = pf.notes();
            long t1 = System.nanoTime();
            tPre = t1 - t0;
            phase = "parsing";
            int needMb = (int) Math.min(Integer.MAX_VALUE, ((long) pf.text().length * HEAP_PER_CHAR >> 20) + 1);
            if (needMb > parseHeapMb) {
                // decided by the input's size and -Xmx alone, never by what other threads happen to hold
                throw new FrontendException(name, 0, String.format(Locale.ROOT,
                        "%s: too large: %,d MB of preprocessed text needs about %,d MB of heap to parse, more than the %,d MB "
                                + "available per file (more heap: FERRITE_JAVA_OPTS=-Xmx...)",
                        name, (long) pf.text().length >> 20, needMb, parseHeapMb));
            }
            parseHeap.acquireUninterruptibly(needMb);
            try {
                LineMap map = pf.lineMap();
                if (listener != null) listener.preprocessed(cmd, pf, map);
                pf = null; // the map holds its own copy of the text
                // CDT reads only the lines left after blanking; the map of that text gives the same positions
                map = map.withoutBlankLines(UnusedDeclarations.blank(map.text(), map));
                IASTTranslationUnit tu = CParser.parse(absolute(cmd.file()), map.text());
                tParse = System.nanoTime() - t1;
                // counting problem nodes walks the whole tree: kept out of the parse time
                int problems = options.countProblems() ? CParser.problems(tu).size() : -1;
                long t2 = System.nanoTime();
                phase = "lowering";
                Unit unit = Lowering.lower(tu, map, name);
                unit.lowerReachableAndRelease(); // the tree and the text are let go here, not at the end of the run
                tu = null;
                checkAnalysisHeap(unit, name);
                long t3 = System.nanoTime();
                return FrontEndResult.loaded(cmd, name, unit, problems, notes, tPre, tParse, t3 - t2);
            } finally {
                parseHeap.release(needMb);
            }
        } catch (FrontendException e) {
            String file = e.file() != null ? e.file() : name;
            return FrontEndResult.failed(cmd, name, new FrontEndResult.Failure(file, e.line(), e.getMessage(), e));
        } catch (StackOverflowError e) {
            return FrontEndResult.failed(cmd, name, new FrontEndResult.Failure(name, 0,
                    name + ": " + phase + " failed: nesting too deep", e));
        } catch (OutOfMemoryError e) {
            return FrontEndResult.failed(cmd, name, new FrontEndResult.Failure(name, 0,
                    name + ": out of memory while " + phase + " (use fewer jobs with -j, or more heap: FERRITE_JAVA_OPTS=-Xmx...)", e));
        } catch (RuntimeException e) {
            String what = e.getMessage() != null ? e.getClass().getSimpleName() + ": " + e.getMessage() : e.getClass().getName();
            return FrontEndResult.failed(cmd, name, new FrontEndResult.Failure(name, 0,
                    name + ": internal error while " + phase + ": " + oneLine(what), e));
        }
    }

    /** Skips a file whose analysis would not fit in the heap: decided by its IR's size and -Xmx alone. */
    private void checkAnalysisHeap(Unit unit, String name) {
        long instructions = 0;
        for (dev.ferrite.ir.Function f : unit.functions()) instructions += f.instructionCount();
        long needMb = (instructions * HEAP_PER_INSTRUCTION >> 20) + 1;
        if (needMb > analysisHeapMb) {
            throw new FrontendException(name, 0, String.format(Locale.ROOT,
                    "%s: too large to analyse: %,d %s of %,d IR instructions need about %,d MB of heap for the analysis, "
                            + "more than the %,d MB available per file (more heap: FERRITE_JAVA_OPTS=-Xmx...)",
                    name, unit.functions().size(), unit.functions().size() == 1 ? "function" : "functions", instructions, needMb,
                    analysisHeapMb));
        }
    }

    private static String absolute(Path p) {
        return p.toAbsolutePath().normalize().toString();
    }

    private static String oneLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
