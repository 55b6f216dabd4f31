package dev.ferrite.cli;

import static dev.ferrite.cli.Cli.run;
import static dev.ferrite.cli.Cli.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
    private static final String GOOD = "int add(int a, int b)\n{\n\treturn a + b;\n}\n";

    @Test
    void cleanFileExitsZeroWithSummaryOnStderr(@TempDir Path dir) throws IOException {
        write(dir.resolve("good.c"), GOOD);
        Cli.Run r = run(dir, "check", "good.c");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.CLEAN);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("ferrite: 1 file, 1 function, 0 findings\n");
    }

    @Test
    void badUsageExitsTwo(@TempDir Path dir) throws IOException {
        write(dir.resolve("good.c"), GOOD);
        assertThat(run(dir, "check", "--format", "xml", "good.c").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run(dir, "check", "-j", "many", "good.c").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run(dir, "check", "-j", "-1", "good.c").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run(dir, "check", "--filter", "*.c", "good.c").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run(dir, "check", "--models", "nope.model", "good.c").exit()).isEqualTo(ExitCodes.USAGE);
        Cli.Run none = run(dir, "check");
        assertThat(none.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).contains("no input files");
        Cli.Run bare = run(dir);
        assertThat(bare.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(bare.err()).contains("Usage: ferrite");
        Cli.Run missingValue = run(dir, "check", "good.c", "--format");
        assertThat(missingValue.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(missingValue.err()).startsWith("ferrite: ").contains("ferrite check --help").doesNotContain("\tat ");
    }

    @Test
    void onlyFileMissingExitsTwo(@TempDir Path dir) {
        Cli.Run r = run(dir, "check", "missing.c");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("ferrite: missing.c: No such file or directory (file skipped)")
                .contains("0 files").contains("1 file skipped");
    }

    @Test
    void fileWithMissingIncludeIsSkippedOnceAndOthersGoOn(@TempDir Path dir) throws IOException {
        write(dir.resolve("bad.c"), "#include <stddef.h>\n\n#include \"missing.h\"\nint f(void) { return 0; }\n");
        write(dir.resolve("good.c"), GOOD);
        Cli.Run r = run(dir, "check", "-v", "bad.c", "good.c");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.CLEAN);
        String line = "ferrite: bad.c:3:10: fatal error: missing.h: No such file or directory (file skipped)";
        assertThat(r.err().lines().filter(l -> l.contains("missing.h")).filter(l -> l.startsWith("ferrite: bad.c")).toList())
                .containsExactly(line);
        assertThat(r.err()).contains("ferrite: good.c: 1 function lowered").contains("  add (line 1): 1 block")
                .contains("ferrite: 1 file, 1 function, 0 findings; 1 file skipped\n")
                .contains("ferrite: skipped files:\n  bad.c: line 3: fatal error: missing.h: No such file or directory\n");
    }

    @Test
    void errorInAHeaderNamesTheHeaderLineAndTheSkippedFile(@TempDir Path dir) throws IOException {
        write(dir.resolve("inc/a.h"), "#pragma once\n#include \"nothere.h\"\n");
        write(dir.resolve("b.c"), "#include \"a.h\"\nint x;\n");
        Cli.Run r = run(dir, "check", "b.c", "--", "-Iinc");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("ferrite: inc/a.h:2:10: fatal error: nothere.h: No such file or directory (b.c skipped)");
    }

    @Test
    void skippedFilesBecomeSarifNotifications(@TempDir Path dir) throws IOException {
        write(dir.resolve("bad.c"), "#include \"missing.h\"\n");
        write(dir.resolve("good.c"), GOOD);
        Cli.Run r = run(dir, "check", "--format", "sarif", "bad.c", "good.c");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.CLEAN);
        JsonNode inv = new ObjectMapper().readTree(r.out()).path("runs").path(0).path("invocations").path(0);
        assertThat(inv.path("executionSuccessful").asBoolean()).isTrue();
        JsonNode n = inv.path("toolExecutionNotifications").path(0);
        assertThat(n.path("descriptor").path("id").asText()).isEqualTo("skipped-file");
        assertThat(n.path("level").asText()).isEqualTo("error");
        assertThat(n.path("message").path("text").asText()).contains("bad.c skipped").contains("missing.h");
        assertThat(n.path("locations").path(0).path("physicalLocation").path("region").path("startLine").asInt()).isEqualTo(1);
    }

    @Test
    void sarifFileByExtensionOfOutput(@TempDir Path dir) throws IOException {
        write(dir.resolve("good.c"), GOOD);
        Cli.Run r = run(dir, "check", "-o", "out.sarif", "good.c");
        assertThat(r.exit()).isEqualTo(ExitCodes.CLEAN);
        assertThat(r.out()).isEmpty();
        JsonNode log = new ObjectMapper().readTree(dir.resolve("out.sarif").toFile());
        assertThat(log.path("version").asText()).isEqualTo("2.1.0");
        assertThat(log.path("runs").path(0).path("tool").path("driver").path("name").asText()).isEqualTo("ferrite");
    }

    @Test
    void dumpCfgIsDotWithTheFunctionsBlocks(@TempDir Path dir) throws IOException {
        write(dir.resolve("f.c"), "int f(int x)\n{\n\tint y = 0;\n\tif (x > 0)\n\t\ty = x;\n\telse\n\t\ty = -x;\n"
                + "\twhile (y > 10)\n\t\ty = y / 2;\n\treturn y;\n}\nint g(void) { return 1; }\n");
        Cli.Run r = run(dir, "check", "--dump-cfg", "f", "f.c");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.CLEAN);
        String dot = r.out();
        assertThat(dot).startsWith("digraph \"f\" {\n").endsWith("}\n").contains("(entry)").contains("(loop head)")
                .contains("[label=\"true\"]").contains("[label=\"false\"]").doesNotContain("digraph \"g\"");
        assertThat(dot.chars().filter(c -> c == '{').count()).isEqualTo(dot.chars().filter(c -> c == '}').count());
        List<String> nodes = dot.lines().filter(l -> l.matches("  B\\d+ \\[label=.*")).toList();
        assertThat(nodes).hasSizeGreaterThanOrEqualTo(5);
        for (String edge : dot.lines().filter(l -> l.contains(" -> ")).toList()) {
            String target = edge.replaceAll(".* -> (B\\d+).*", "$1");
            assertThat(nodes).anyMatch(n -> n.startsWith("  " + target + " "));
        }
        assertThat(dot.lines().filter(l -> l.contains(" -> "))).allMatch(l -> l.matches("  B\\d+ -> B\\d+( \\[label=\"[^\"]*\"\\])?;"));

        Cli.Run toFile = run(dir, "check", "--dump-cfg", "f", "-o", "f.dot", "f.c");
        assertThat(toFile.out()).isEmpty();
        assertThat(Files.readString(dir.resolve("f.dot"))).isEqualTo(dot);

        Cli.Run ir = run(dir, "check", "--dump-ir", "g", "f.c");
        assertThat(ir.out()).startsWith("function g[]\nB0:\n").contains("return 1");

        Cli.Run missing = run(dir, "check", "--dump-cfg", "nosuch", "f.c");
        assertThat(missing.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("no function 'nosuch'");
    }

    @Test
    void compileDatabaseWithFilter(@TempDir Path dir) throws IOException {
        // a.c only compiles with the database's -DWANT_A and -Iinc
        write(dir.resolve("src/a.c"), "#ifndef WANT_A\n#error WANT_A not defined\n#endif\n#include \"a.h\"\nint a(void) { return A; }\n");
        write(dir.resolve("src/inc/a.h"), "#define A 1\n");
        write(dir.resolve("src/b.c"), "int b1(void) { return 1; }\nint b2(void) { return 2; }\n");
        write(dir.resolve("src/x.S"), "nop\n");
        write(dir.resolve("build/compile_commands.json"), """
                [
                  {"directory": "../src", "file": "a.c", "arguments": ["gcc", "-DWANT_A", "-Iinc", "-c", "a.c", "-o", "a.o"]},
                  {"directory": "../src", "file": "b.c", "command": "cc -O2 -c b.c"},
                  {"directory": "../src", "file": "x.S", "command": "cc -c x.S"},
                  {"directory": "../src"}
                ]
                """);
        Cli.Run all = run(dir, "check", "--stats", "-p", "build/compile_commands.json");
        assertThat(all.exit()).as(all.toString()).isEqualTo(ExitCodes.CLEAN);
        assertThat(all.err()).contains("ferrite: warning: ").contains("entry [3]: missing \"file\"")
                .contains("ferrite: src/a.c: 1 function lowered").contains("ferrite: src/b.c: 2 functions lowered")
                .contains("ferrite: stats: 2 files (0 skipped), 2 with no CDT problem node, 3 functions in main files, 3 lowered");

        Cli.Run filtered = run(dir, "check", "-v", "-p", "build", "--filter", "b.c");
        assertThat(filtered.exit()).as(filtered.toString()).isEqualTo(ExitCodes.CLEAN);
        assertThat(filtered.err()).contains("src/b.c").doesNotContain("src/a.c").contains("ferrite: 1 file, 2 functions");

        Cli.Run named = run(dir, "check", "-v", "-p", "build/compile_commands.json", "src/a.c");
        assertThat(named.err()).contains("src/a.c: 1 function").doesNotContain("src/b.c");

        Cli.Run nothing = run(dir, "check", "-p", "build/compile_commands.json", "--filter", "zzz*");
        assertThat(nothing.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(nothing.err()).contains("no entry matches --filter 'zzz*'");

        assertThat(run(dir, "check", "-p", "nosuch.json").exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void statsCountsFilesFunctionsAndProblems(@TempDir Path dir) throws IOException {
        write(dir.resolve("one.c"), GOOD);
        write(dir.resolve("two.c"), "static int s(int *p) { return *p; }\nint t(int x) { return s(&x) + s(&x); }\n"
                + "void u(void (*fp)(void)) { fp(); }\n");
        write(dir.resolve("odd.c"), "int ok(void) { return 0; }\nint broken(void) { return 1 +; }\n");
        Cli.Run r = run(dir, "check", "--stats", "one.c", "two.c", "odd.c", "gone.c");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.CLEAN);
        assertThat(r.err()).contains("ferrite: two.c: 3 functions lowered, 0 CDT problem nodes\n")
                .contains("  t (line 2): ").contains("2 calls: s (2)")
                .contains("  u (line 3): 1 block, ").contains("1 call: (indirect)")
                .contains("ferrite: odd.c: ");
        String stats = r.err().lines().filter(l -> l.startsWith("ferrite: stats: ")).findFirst().orElseThrow();
        assertThat(stats).startsWith("ferrite: stats: 3 files (1 skipped), 2 with no CDT problem node, ")
                .contains(" lowering problems; parse+lower ").contains(" s (parse ").contains("preprocess ");
        // the counts of main-file functions and lowered ones include odd.c's, whatever CDT made of 'broken'
        assertThat(stats).containsPattern("(\\d+) functions in main files, \\d+ lowered");
    }

    @Test
    void kbuildStyleInvocationWithSparseFlagsWorksAndWritesNoFile(@TempDir Path dir) throws IOException {
        write(dir.resolve("include/linux/kconfig.h"), "#define IS_ENABLED(x) 1\n");
        write(dir.resolve("include/linux/compiler_types.h"),
                "#ifdef __CHECKER__\n# define __user __attribute__((noderef, address_space(__user)))\n#else\n# define __user\n#endif\n");
        write(dir.resolve("drivers/net/dummy.c"), "int get(int __user *p);\nint on(void) { return IS_ENABLED(X); }\n"
                + "const char *name(void) { return KBUILD_MODNAME; }\n");
        List<String> before = listing(dir);
        // what kbuild runs for make C=1 CHECK=ferrite: $(CHECK) $(CHECKFLAGS) $(c_flags) file.c, without a command name
        Cli.Run r = run(dir, "-D__linux__", "-Dlinux", "-D__STDC__", "-Dunix", "-D__unix__", "-Wbitwise", "-Wno-return-void",
                "-Wno-unknown-attribute", "-D__CHECKER__", "--arch=x86", "-mlittle-endian", "-m64",
                "-Wp,-MMD,drivers/net/.dummy.o.d", "-nostdinc", "-I./include", "-include", "./include/linux/kconfig.h",
                "-include", "./include/linux/compiler_types.h", "-D__KERNEL__", "-std=gnu11", "-fno-PIE", "-mcmodel=kernel",
                "-O2", "-pg", "-pipe", "-DKBUILD_MODNAME=\"dummy\"", "drivers/net/dummy.c");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.CLEAN);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEmpty(); // as sparse: nothing to say about a clean file, no summary
        assertThat(listing(dir)).isEqualTo(before);
        // the same with 'check' and the flags after --
        Cli.Run r2 = run(dir, "check", "-v", "drivers/net/dummy.c", "--", "-D__CHECKER__", "-Wbitwise", "-I./include",
                "-include", "./include/linux/kconfig.h", "-DKBUILD_MODNAME=\"dummy\"", "-mlittle-endian", "-Wp,-MMD,x.d");
        assertThat(r2.exit()).as(r2.toString()).isEqualTo(ExitCodes.CLEAN);
        assertThat(r2.err()).contains("drivers/net/dummy.c: 2 functions lowered");
        assertThat(listing(dir)).isEqualTo(before);
    }

    @Test
    void objectFileAfterDashOIsNeverOverwritten(@TempDir Path dir) throws IOException {
        write(dir.resolve("good.c"), GOOD);
        Cli.Run r = run(dir, "-c", "-o", "good.o", "good.c");
        assertThat(r.exit()).isEqualTo(ExitCodes.CLEAN);
        assertThat(dir.resolve("good.o")).doesNotExist();
        assertThat(r.err()).contains("ferrite: note: ignored -o good.o");
    }

    @Test
    void unknownFlagsAreNotesNeverFatal(@TempDir Path dir) throws IOException {
        write(dir.resolve("good.c"), GOOD);
        Cli.Run r = run(dir, "check", "-Wsparse-all", "--frobnicate", "good.c", "--", "-fno-such", "-Znope", "--stats");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.CLEAN);
        assertThat(r.err()).contains("ferrite: note: ignored unknown flag --frobnicate")
                .contains("ferrite: note: ignored --stats after '--'").contains("ferrite: note: ignored unknown flag -Znope");
        assertThat(run(dir, "check", "-q", "--frobnicate", "good.c").err()).isEmpty();
    }

    @Test
    void directoriesAreSearchedForCFilesInOrder(@TempDir Path dir) throws IOException {
        write(dir.resolve("src/z.c"), "int z(void) { return 0; }\n");
        write(dir.resolve("src/a/b.c"), "int b(void) { return 0; }\n");
        write(dir.resolve("src/m.h"), "int m(void);\n");
        write(dir.resolve("src/notes.txt"), "x\n");
        Cli.Run r = run(dir, "check", "-v", "src");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.CLEAN);
        List<String> files = r.err().lines().filter(l -> l.contains(" lowered")).toList();
        assertThat(files).containsExactly("ferrite: src/a/b.c: 1 function lowered, 0 CDT problem nodes",
                "ferrite: src/z.c: 1 function lowered, 0 CDT problem nodes");
    }

    @Test
    void outputIsTheSameWithOneOrTwoJobs() throws IOException {
        Path ex = Cli.examples();
        String[] files = {"driver.c", "uaf.c", "uaf_fixed.c", "missing.c"};
        for (String format : List.of("text", "sarif")) {
            Cli.Run one = run(ex, concat(new String[] {"check", "-v", "--format", format, "-j", "1"}, files));
            Cli.Run two = run(ex, concat(new String[] {"check", "-v", "--format", format, "-j", "2"}, files));
            assertThat(one.exit()).as(one.toString()).isIn(ExitCodes.CLEAN, ExitCodes.FINDINGS);
            assertThat(two.out()).isEqualTo(one.out());
            assertThat(two.err()).isEqualTo(one.err());
            assertThat(two.exit()).isEqualTo(one.exit());
        }
    }

    @Test
    void examplesShowWhatTheFrontEndSaw() {
        Cli.Run r = run(Cli.examples(), "check", "--stats", "uaf.c");
        assertThat(r.exit()).as(r.toString()).isIn(ExitCodes.CLEAN, ExitCodes.FINDINGS);
        assertThat(r.err()).contains("ferrite: uaf.c: 1 function lowered, 0 CDT problem nodes")
                .containsPattern("  main \\(line \\d+\\): \\d+ blocks, \\d+ instructions, 6 calls: malloc, strcpy \\(2\\), printf \\(2\\), free");
        Cli.Run d = run(Cli.examples(), "check", "-v", "driver.c");
        assertThat(d.err()).contains("demo_probe").contains("kzalloc").contains("spin_lock");
    }

    @Test
    void disableLocksTurnsOffTheConcurrencyRulesOnly(@TempDir Path dir) throws IOException {
        write(dir.resolve("twice.c"), "typedef struct { int x; } pthread_mutex_t;\n"
                + "int pthread_mutex_lock(pthread_mutex_t *m);\nint pthread_mutex_unlock(pthread_mutex_t *m);\n"
                + "void free(void *p);\n"
                + "void twice(pthread_mutex_t *m)\n{\n\tpthread_mutex_lock(m);\n\tpthread_mutex_lock(m);\n\tpthread_mutex_unlock(m);\n}\n"
                + "void twice_free(int *p)\n{\n\tfree(p);\n\tfree(p);\n}\n");
        Cli.Run all = run(dir, "check", "--no-cache", "twice.c");
        assertThat(all.out()).as(all.toString()).contains("[-Wferrite-double-lock]").contains("[-Wferrite-double-free]");
        Cli.Run off = run(dir, "check", "--no-cache", "--disable", "locks", "twice.c");
        assertThat(off.out()).as(off.toString()).doesNotContain("[-Wferrite-double-lock]").contains("[-Wferrite-double-free]");
    }

    @Test
    void versionAndHelp() {
        Cli.Run v = run("--version");
        assertThat(v.exit()).isZero();
        assertThat(v.out()).startsWith("ferrite ");
        Cli.Run h = run("check", "--help");
        assertThat(h.exit()).isZero();
        assertThat(h.out()).contains("Exit codes:").contains("--dump-cfg").contains("-p, --compile-commands")
                .contains("make C=1 CHECK=ferrite");
        assertThat(run("--help").out()).contains("check").contains("Exit codes:");
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }
}
