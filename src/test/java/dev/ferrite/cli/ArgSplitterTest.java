package dev.ferrite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ArgSplitterTest {

    private static List<String> rewrite(String... args) {
        CommandLine cl = Main.newCommandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        return Arrays.asList(Main.rewrite(cl, args));
    }

    @Test
    void ferriteOptionsFirstThenCompilerArgumentsInOrder() {
        assertThat(rewrite("check", "-Iinc", "--stats", "-D", "X=1", "a.c", "-j4", "--format=sarif", "-o", "out.txt", "b.c"))
                .containsExactly("check", "--stats", "-j", "4", "--format=sarif", "-o", "out.txt", "--", "-Iinc", "-D", "X=1",
                        "a.c", "b.c");
    }

    @Test
    void withoutCommandNameItIsCheck() {
        assertThat(rewrite("-D__KERNEL__", "foo.c")).containsExactly("check", "--", "-D__KERNEL__", "foo.c");
        assertThat(rewrite("--version")).containsExactly("--version");
        assertThat(rewrite("help", "check")).containsExactly("help", "check");
    }

    @Test
    void valuesOfCompilerOptionsAreNotTakenForFerritesOptions() {
        // -include's value, and -pthread / -pipe / -pg, which start like ferrite's -p
        assertThat(rewrite("check", "-include", "-v", "-pthread", "-pipe", "-pg", "f.c"))
                .containsExactly("check", "--", "-include", "-v", "-pthread", "-pipe", "-pg", "f.c");
    }

    @Test
    void anObjectFileAfterDashOStaysWithTheCompiler() {
        assertThat(rewrite("-c", "-o", "foo.o", "foo.c")).containsExactly("check", "--", "-c", "-o", "foo.o", "foo.c");
    }

    @Test
    void theNegatedFormOfANegatableOptionIsFerrites() {
        assertThat(rewrite("check", "--no-progress", "-p", "db.json")).containsExactly("check", "--no-progress", "-p", "db.json", "--");
    }

    @Test
    void afterDashDashEverythingIsForTheCompiler() {
        assertThat(rewrite("check", "a.c", "--", "-I", "x", "--stats"))
                .containsExactly("check", "--", "a.c", "--", "-I", "x", "--stats");
    }
}
