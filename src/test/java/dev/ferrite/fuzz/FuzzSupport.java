package dev.ferrite.fuzz;

import dev.ferrite.analysis.AnalysisOptions;
import dev.ferrite.analysis.AnalysisResult;
import dev.ferrite.analysis.Analyzer;
import dev.ferrite.frontend.CParser;
import dev.ferrite.frontend.LineMap;
import dev.ferrite.frontend.UnusedDeclarations;
import dev.ferrite.ir.Unit;
import dev.ferrite.ir.lower.Lowering;
import dev.ferrite.report.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;

/** What the fuzz targets share: bytes to preprocessed text, and the checks that tell a bug from bad input. */
final class FuzzSupport {
    /** The path the fuzzed text is parsed under (never read: the text is given). */
    static final String PATH = "/fuzz/input.i";

    /**
     * Exceptions that mean a bug in Ferrite rather than input it does not understand. Lowering says it
     * does not understand something with IllegalStateException; anything else escaping into a problem
     * message is a crash that the catch-all turned into a message.
     */
    private static final Pattern BUG = Pattern.compile(
            "NullPointerException|ClassCastException|IndexOutOfBoundsException|ArithmeticException|"
                    + "NegativeArraySizeException|ConcurrentModificationException|NumberFormatException|"
                    + "InvalidPathException|UnsupportedOperationException|NoSuchElementException|AssertionError");

    private FuzzSupport() {
    }

    /** Every byte is one char (ISO-8859-1), so any input is text and offsets are byte offsets. */
    static char[] text(byte[] data) {
        char[] out = new char[data.length];
        for (int i = 0; i < data.length; i++) out[i] = (char) (data[i] & 0xff);
        return out;
    }

    /** The front end on already-preprocessed text, as {@code FrontEnd} runs it. */
    static Unit lower(char[] text) {
        LineMap map = LineMap.build(text, PATH);
        IASTTranslationUnit tu = CParser.parse(PATH, UnusedDeclarations.blank(map.text(), map));
        Unit unit = Lowering.lower(tu, map, PATH);
        for (Unit.Problem p : unit.problems()) {
            if (BUG.matcher(p.message()).find()) throw new AssertionError("lowering crashed: " + p.message());
        }
        return unit;
    }

    /** The engine on a unit with the default budgets; a function whose analysis crashed is a bug. */
    static List<String> analyze(Unit unit) {
        AnalysisResult r = new Analyzer(AnalysisOptions.defaults()).analyze(List.of(unit));
        for (String n : r.overBudget()) {
            if (n.contains("analysis failed:") || n.contains("out of memory")) throw new AssertionError("analysis crashed: " + n);
        }
        List<String> out = new ArrayList<>();
        for (Finding f : r.findings()) out.add(f.pos() + " " + f.rule().id() + " " + f.message());
        return out;
    }
}
