package dev.ferrite.checkers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferrite.analysis.AnalysisOptions;
import dev.ferrite.analysis.AnalysisResult;
import dev.ferrite.analysis.Analyzer;
import dev.ferrite.cli.FrontEnd;
import dev.ferrite.cli.FrontEndResult;
import dev.ferrite.frontend.CompileCommand;
import dev.ferrite.frontend.Preprocessor;
import dev.ferrite.ir.Unit;
import dev.ferrite.report.Finding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs the whole pipeline (gcc -E, parser, lowering, engine, all checkers) on small C fixtures.
 * A fixture states what it expects with {@code expect: RULE-ID} comments on the lines where the
 * findings must be; a fixed twin ({@code *_fixed.c}) has none and must stay silent.
 */
public final class FixtureRunner {
    private static final Pattern EXPECT = Pattern.compile("expect:\\s*([a-z0-9-]+(?:\\s*,\\s*[a-z0-9-]+)*)");
    private static final FrontEnd FRONT_END = new FrontEnd(new Preprocessor(), FrontEnd.Options.DEFAULT);

    private FixtureRunner() {
    }

    /** The fixtures of a directory under src/test/resources/fixtures, sorted. */
    public static List<Path> fixtures(String dir) {
        Path root = Path.of("src/test/resources/fixtures", dir);
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> p.toString().endsWith(".c")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Analyses the files together (summaries flow between them) and returns the findings. */
    public static List<Finding> analyze(Path... files) {
        List<Unit> units = new ArrayList<>();
        for (Path f : files) {
            for (CompileCommand cmd : CompileCommand.fromCommandLine(List.of(f.toString()), Path.of("").toAbsolutePath())) {
                FrontEndResult r = FRONT_END.process(cmd, f.toString());
                if (r.failure() != null) throw new AssertionError("front end failed on " + f + ": " + r.failure().message());
                units.add(r.unit());
            }
        }
        AnalysisResult res = new Analyzer(AnalysisOptions.defaults()).analyze(units);
        return res.findings();
    }

    /** "LINE:RULE" for every {@code expect:} comment of the file. */
    public static Set<String> expected(Path file) {
        Set<String> out = new TreeSet<>();
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = EXPECT.matcher(lines.get(i));
                if (m.find()) {
                    for (String rule : m.group(1).split(",")) out.add((i + 1) + ":" + rule.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** "LINE:RULE" for the findings of the given rules in the file. */
    public static Set<String> actual(List<Finding> findings, Path file, Set<String> rules) {
        Set<String> out = new TreeSet<>();
        String name = file.getFileName().toString();
        for (Finding f : findings) {
            if (!Path.of(f.pos().file()).getFileName().toString().equals(name)) continue;
            if (rules.contains(f.rule().id())) out.add(f.pos().line() + ":" + f.rule().id());
        }
        return out;
    }

    /**
     * Runs one fixture and asserts that the findings of {@code rules} are exactly its {@code expect:}
     * lines; a {@code _fixed.c} twin must expect nothing, a buggy fixture something.
     */
    static void assertFindsExactlyTheExpected(Path fixture, Set<String> rules) {
        List<Finding> findings = analyze(fixture);
        Set<String> expected = expected(fixture);
        assertThat(actual(findings, fixture, rules)).as(fixture.toString()).isEqualTo(expected);
        if (fixture.toString().endsWith("_fixed.c")) assertThat(expected).as("a fixed twin expects nothing").isEmpty();
        else assertThat(expected).as("a buggy fixture expects something").isNotEmpty();
    }
}
