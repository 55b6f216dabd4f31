package dev.ferrite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferrite.frontend.CompileCommand;
import dev.ferrite.frontend.Preprocessor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile inputs, small versions of what scripts/hostile-inputs.py generates at full size: each run
 * finishes, goes on past what exceeds a budget, and says in the summary what was skipped and why.
 */
class HostileInputTest {

    @Test
    void longFunctionStopsAtTheStepBudget(@TempDir Path dir) throws IOException {
        StringBuilder sb = new StringBuilder("int long_function(int x) {\n  int y = 0;\n");
        for (int k = 0; k < 2_000; k++) sb.append("  x = x * 3 + ").append(k).append("; if (x > ").append(k).append(") y += x;\n");
        sb.append("  return y;\n}\nint small(int *p) { return p ? *p : 0; }\n");
        Cli.write(dir.resolve("long.c"), sb.toString());
        Cli.Run r = Cli.run(dir, "check", "--max-steps", "2000", "long.c");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).as(r.toString()).contains("2 functions", "1 function skipped or over budget",
                "ferrite: functions skipped or over budget:\n  long_function (long.c:1:", "more than 2,000 steps (results may be incomplete)");
    }

    @Test
    void switchCasesCountAsSteps(@TempDir Path dir) throws IOException {
        StringBuilder sb = new StringBuilder("int big_switch(int v, int x) {\n  int r = 0;\n  switch (v) {\n");
        for (int k = 0; k < 500; k++) sb.append("  case ").append(k).append(": r = ").append(k).append(" * x; break;\n");
        sb.append("  default: r = -1;\n  }\n  return r;\n}\n");
        Cli.write(dir.resolve("switch.c"), sb.toString());
        Cli.Run r = Cli.run(dir, "check", "--max-steps", "400", "switch.c");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).as(r.toString()).contains("big_switch (switch.c:1:", "more than 400 steps");
        // with the default budget the same switch is analysed whole
        Cli.Run full = Cli.run(dir, "check", "switch.c");
        assertThat(full.err()).as(full.toString()).doesNotContain("over budget");
    }

    @Test
    void deeplyNestedStatementExpressionsAreLowered(@TempDir Path dir) throws IOException {
        String e = "x";
        for (int k = 0; k < 200; k++) e = "({ int t" + k + " = " + e + "; t" + k + " + 1; })";
        Cli.write(dir.resolve("deep.c"), "int deep(int x) {\n  return " + e + ";\n}\n");
        Cli.Run r = Cli.run(dir, "check", "deep.c");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).as(r.toString()).contains("1 file, 1 function, 0 findings").doesNotContain("skipped");
    }

    @Test
    void macroExpandedInitializerOfHundredThousandElements(@TempDir Path dir) throws IOException {
        StringBuilder sb = new StringBuilder("#define E1(x) (x)\n#define E4(x) E1(x), E1(x+1), E1(x+2), E1(x+3)\n"
                + "#define E16(x) E4(x), E4(x+4), E4(x+8), E4(x+12)\n#define E256(x) E16(x)");
        for (int k = 1; k < 16; k++) sb.append(", E16(x+").append(16 * k).append(')');
        sb.append("\nint table[100096] = { ");
        for (int k = 0; k < 391; k++) sb.append(k == 0 ? "" : ", ").append("E256(").append(256 * k).append(')');
        sb.append(" };\nint lookup(unsigned i) { return i < 100096 ? table[i] : -1; }\n"
                + "int first(void) { int *p = 0; if (table[0] == 0) return *p; return 1; }\n");
        Cli.write(dir.resolve("table.c"), sb.toString());
        Cli.Run r = Cli.run(dir, "check", "table.c");
        // the constant table is read: table[0] is 0, so the NULL dereference is certain
        assertThat(r.err()).as(r.toString()).contains("1 file, 2 functions").doesNotContain("skipped");
        assertThat(r.out()).contains("table.c:7:");
    }

    @Test
    void fileLargerThanTheBudgetIsSkippedAndTheRunGoesOn(@TempDir Path dir) throws IOException {
        StringBuilder sb = new StringBuilder("# 1 \"big.c\"\n");
        while (sb.length() < (1 << 20) + 100) sb.append("int g").append(sb.length()).append(";\n");
        Cli.write(dir.resolve("big.i"), sb.toString());
        Cli.write(dir.resolve("ok.c"), "int ok(void) { return 0; }\n");
        Cli.Run r = Cli.run(dir, "check", "--max-file-size", "1", "big.i", "ok.c");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).as(r.toString()).contains("1 file, 1 function, 0 findings; 1 file skipped", "big.i: larger than 1048576 bytes");
    }

    @Test
    void fileWhoseHeapEstimateExceedsTheHeapIsSkipped(@TempDir Path dir) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 300_000) sb.append("int g").append(sb.length()).append(";\n");
        Cli.write(dir.resolve("big.c"), sb.toString());
        FrontEnd fe = new FrontEnd(new Preprocessor(), FrontEnd.Options.DEFAULT, null, 16L << 20);
        CompileCommand cmd = CompileCommand.fromCommandLine(List.of("big.c"), dir).get(0);
        FrontEndResult r = fe.process(cmd, "big.c");
        assertThat(r.ok()).isFalse();
        assertThat(r.failure().message()).contains("big.c: too large:", "needs about 19 MB of heap to parse", "12 MB available per file");
    }

    @Test
    void structsThatContainEachOtherByValueAreLowered(@TempDir Path dir) throws IOException {
        // invalid C that CDT accepts (found by LoweringFuzzTest): the layout must not close a cycle
        Cli.write(dir.resolve("cycle.c"), "struct A { int z; struct B b2; };\nstruct B { struct A a; int y; };\n"
                + "long f(struct A *q) { return _Alignof(struct A) + _Alignof(struct B) + q->z + q->b2.y; }\n");
        Cli.Run r = Cli.run(dir, "check", "cycle.c");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).as(r.toString()).contains("1 file, 1 function, 0 findings").doesNotContain("skipped");
    }

    @Test
    void fileWhoseAnalysisExceedsTheHeapIsSkipped(@TempDir Path dir) throws IOException {
        // small text (it parses in the heap), but more IR than the analysis can keep
        StringBuilder sb = new StringBuilder("int f(int x) {\n");
        for (int k = 0; k < 5_000; k++) sb.append("x = x * 3 + ").append(k).append(";\n");
        sb.append("return x;\n}\n");
        Cli.write(dir.resolve("dense.c"), sb.toString());
        FrontEnd fe = new FrontEnd(new Preprocessor(), FrontEnd.Options.DEFAULT, null, 16L << 20);
        CompileCommand cmd = CompileCommand.fromCommandLine(List.of("dense.c"), dir).get(0);
        FrontEndResult r = fe.process(cmd, "dense.c");
        assertThat(r.ok()).isFalse();
        assertThat(r.failure().message()).contains("dense.c: too large to analyse: 1 function of", "MB of heap for the analysis",
                "8 MB available per file");
    }
}
