package dev.ferrite.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real gcc (skipped when there is none). */
class PreprocessorTest {
    static Preprocessor pp;

    @BeforeAll
    static void needGcc() {
        Preprocessor p = new Preprocessor();
        Path gcc = null;
        try {
            gcc = p.compiler();
        } catch (FrontendException e) {
            // no compiler: the tests that run one are skipped
        }
        assumeThat(gcc).as("a C compiler on PATH").isNotNull();
        pp = p;
    }

    static CompileCommand command(Path dir, String file, String... argv) {
        return CompileCommand.fromInvocation(dir, file, List.of(argv), null);
    }

    static void write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    static List<String> listing(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.forEach(p -> out.add(dir.relativize(p).toString()));
        }
        out.sort(null);
        return out;
    }

    @Test
    void dangerousFlagsNeverReachTheCompiler(@TempDir Path dir) {
        CompileCommand cmd = command(dir, "x.c", "/opt/evil/cc", "-fplugin=/tmp/evil.so", "-fplugin-arg-evil-k=v",
                "-o", "/etc/x", "-MF", "/tmp/dep", "-MD", "-MMD", "-M", "-MT", "t", "-Wp,-MMD,/tmp/x.d", "@/tmp/resp",
                "-save-temps", "-specs=/tmp/specs", "-B/tmp/b", "-B", "/tmp/b2", "-wrapper", "/tmp/w,x",
                "-fprofile-generate=/tmp/prof", "-fdump-rtl-all", "--param", "max-x=1", "-aux-info", "/tmp/aux",
                "-Xpreprocessor", "-MD", "-Wa,-adhln=/tmp/lst", "-Wl,-Map=/tmp/map", "-fstack-usage",
                "-DOK", "-Iinc", "-c", "x.c");
        List<String> argv = pp.commandLine(cmd);
        assertThat(argv).containsExactly(pp.compiler().toString(), "-E", "-xc", "-ftrack-macro-expansion=0", "-DOK", "-Iinc", "x.c");
        assertThat(argv).noneMatch(a -> a.startsWith("@"));
        assertThat(argv).noneMatch(a -> a.contains("/tmp/") || a.contains("/etc/") || a.contains("evil"));
    }

    @Test
    void realRunWritesNothingAnywhere(@TempDir Path tmp) throws IOException {
        Path work = tmp.resolve("work");
        Path sentinel = tmp.resolve("sentinel");
        Files.createDirectories(sentinel);
        write(work.resolve("inc/h.h"), "#define FROM_H 2\n");
        write(work.resolve("x.c"), "#include <h.h>\nint ok = OK + FROM_H + FROM_RSP;\n");
        String s = sentinel.toString();
        write(work.resolve("evil.rsp"), "-MD -MF " + s + "/from-rsp.d -DFROM_RSP=7 -o " + s + "/rsp-out -save-temps\n");
        List<String> before = listing(work);

        CompileCommand cmd = command(work, "x.c", "gcc", "-fplugin=" + s + "/evil.so", "-o", s + "/out.o",
                "-MD", "-MF", s + "/dep.d", "-Wp,-MMD," + s + "/wp.d", "@evil.rsp", "-save-temps", "-save-temps=obj",
                "-fdump-tree-all", "-fprofile-generate", "-fstack-usage", "-fcallgraph-info", "-aux-info", s + "/aux",
                "-dumpdir", s + "/", "-DOK=1", "-Iinc", "-c", "x.c");
        PreprocessedFile pf = pp.preprocess(cmd);

        assertThat(new String(pf.text())).contains("int ok = 1 + 2 + 7;");
        assertThat(listing(sentinel)).containsExactly("");
        assertThat(listing(work)).isEqualTo(before);
        assertThat(pf.command()).noneMatch(a -> a.contains(s));
        assertThat(pf.notes()).anyMatch(n -> n.contains("-fplugin"));
    }

    @Test
    void includeAndDefineThenMapBack(@TempDir Path dir) throws IOException {
        write(dir.resolve("inc/config.h"), "\n\n#define VALUE 42\nstruct cfg { int v; };\n");
        write(dir.resolve("src/main.c"), "#include \"config.h\"\n\nint value = VALUE + EXTRA;\n");
        CompileCommand cmd = command(dir, "src/main.c", "gcc", "-Iinc", "-DEXTRA=1", "-O2", "-c", "src/main.c");

        PreprocessedFile pf = pp.preprocess(cmd);
        assertThat(pf.source()).isEqualTo(dir.resolve("src/main.c"));
        assertThat(pf.command()).contains("-Iinc", "-DEXTRA=1", "-O2").endsWith("src/main.c");

        LineMap map = pf.lineMap();
        String text = new String(map.text());
        assertThat(text).contains("int value = 42 + 1;");
        assertThat(map.mainFile()).isEqualTo("src/main.c");

        int use = text.indexOf("int value");
        assertThat(map.position(use)).isEqualTo(new SourcePos("src/main.c", 3, 1));
        assertThat(map.inMainFile(use)).isTrue();
        int decl = text.indexOf("struct cfg");
        assertThat(map.position(decl)).isEqualTo(new SourcePos("inc/config.h", 4, 1));
        assertThat(pf.resolve(map.fileAt(decl))).isEqualTo(dir.resolve("inc/config.h"));
    }

    @Test
    void missingHeaderNamesFileAndLine(@TempDir Path dir) throws IOException {
        write(dir.resolve("foo.c"), "int a;\n\n#include \"missing.h\"\nint b;\n");
        assertThatThrownBy(() -> pp.preprocess(command(dir, "foo.c", "gcc", "-c", "foo.c")))
                .isInstanceOfSatisfying(FrontendException.class, e -> {
                    assertThat(e.file()).isEqualTo("foo.c");
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.getMessage()).isEqualTo("foo.c:3:10: fatal error: missing.h: No such file or directory");
                });
    }

    @Test
    void missingHeaderInAHeaderNamesTheHeaderAndTheUnit(@TempDir Path dir) throws IOException {
        write(dir.resolve("inc/a.h"), "\n#include <nope.h>\n");
        write(dir.resolve("main.c"), "#include \"a.h\"\n");
        assertThatThrownBy(() -> pp.preprocess(command(dir, "main.c", "gcc", "-Iinc", "main.c")))
                .isInstanceOfSatisfying(FrontendException.class, e -> {
                    assertThat(e.file()).isEqualTo("inc/a.h");
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).startsWith("inc/a.h:2:10: fatal error: nope.h")
                            .endsWith("(preprocessing main.c)").doesNotContain("\n");
                });
    }

    @Test
    void hashErrorFails(@TempDir Path dir) throws IOException {
        write(dir.resolve("e.c"), "#ifndef CONFIG\n#error CONFIG must be set\n#endif\n");
        assertThatThrownBy(() -> pp.preprocess(command(dir, "e.c", "gcc", "e.c")))
                .isInstanceOf(FrontendException.class).hasMessage("e.c:2:2: error: #error CONFIG must be set");
        assertThat(new String(pp.preprocess(command(dir, "e.c", "gcc", "-DCONFIG", "e.c")).text())).doesNotContain("error");
    }

    @Test
    void warningsAreKept(@TempDir Path dir) throws IOException {
        write(dir.resolve("w.c"), "#warning careful\nint x;\n");
        PreprocessedFile pf = pp.preprocess(command(dir, "w.c", "gcc", "-Werror", "-w", "w.c"));
        assertThat(pf.diagnostics()).contains("w.c:1:2: warning: #warning careful");
    }

    @Test
    void preprocessedFilePassesThroughUnchanged(@TempDir Path dir) throws IOException {
        String content = "# 1 \"orig.c\"\nint x;\n#define NOT_EXPANDED 1\nint y = NOT_EXPANDED;\n";
        write(dir.resolve("orig.i"), content);
        // a compiler that does not exist: it must not be needed
        Preprocessor none = new Preprocessor().withCompiler("/nonexistent/gcc");
        PreprocessedFile pf = none.preprocess(command(dir, "orig.i", "gcc", "-DNOT_EXPANDED=2", "orig.i"));
        assertThat(new String(pf.text())).isEqualTo(content);
        assertThat(pf.command()).isEmpty();
        assertThat(pf.lineMap().mainFile()).isEqualTo("orig.c");
    }

    @Test
    void invalidBytesAreTolerated(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("bad.c"), "char *s = \"\u0001\";\n".getBytes(StandardCharsets.US_ASCII));
        byte[] bytes = Files.readAllBytes(dir.resolve("bad.c"));
        bytes[11] = (byte) 0xff;
        Files.write(dir.resolve("bad.c"), bytes);
        PreprocessedFile pf = pp.preprocess(command(dir, "bad.c", "gcc", "bad.c"));
        assertThat(new String(pf.text())).contains("char *s = \"\uFFFD\";");
    }

    @Test
    void timeoutKillsTheProcessTree(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("child.pid");
        Path script = dir.resolve("slowcc");
        Files.writeString(script, "#!/bin/sh\nsleep 120 &\necho $! > '" + pidFile + "'\nwait\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        write(dir.resolve("x.c"), "int x;\n");
        Preprocessor slow = new Preprocessor().withCompiler(script.toString()).withTimeout(Duration.ofMillis(1500));

        long start = System.nanoTime();
        assertThatThrownBy(() -> slow.preprocess(command(dir, "x.c", "gcc", "x.c")))
                // it sleeps: no CPU time, so ten times the limit of wall time stops it
                .isInstanceOf(FrontendException.class).hasMessage("x.c: preprocessing did not finish in 15 s; slowcc was killed");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));

        long pid = Long.parseLong(Files.readString(pidFile).strip());
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        Optional<ProcessHandle> child = ProcessHandle.of(pid);
        while (child.isPresent() && child.get().isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            child = ProcessHandle.of(pid);
        }
        assertThat(child.map(ProcessHandle::isAlive).orElse(false)).as("the sleeping child was killed").isFalse();
    }

    @Test
    void outputLimitIsEnforced(@TempDir Path dir) throws IOException {
        write(dir.resolve("big.c"), "#define X10 x x x x x x x x x x\n#define X100 X10 X10 X10 X10 X10 X10 X10 X10 X10 X10\n"
                + "X100 X100 X100 X100 X100 X100 X100 X100 X100 X100\n");
        assertThatThrownBy(() -> pp.withMaxOutputBytes(500).preprocess(command(dir, "big.c", "gcc", "big.c")))
                .isInstanceOf(FrontendException.class).hasMessageContaining("big.c: preprocessed output exceeds 500 bytes");
    }

    @Test
    void flagsTheCompilerRejectsAreLeftOutAndRemembered(@TempDir Path dir) throws IOException {
        write(dir.resolve("x.c"), "int x = N;\n");
        Preprocessor p = new Preprocessor();
        CompileCommand cmd = command(dir, "x.c", "gcc", "-mferrite-no-such-flag", "-DN=3", "x.c");
        PreprocessedFile pf = p.preprocess(cmd);
        assertThat(new String(pf.text())).contains("int x = 3;");
        assertThat(pf.notes()).contains("left out -mferrite-no-such-flag: the compiler rejects it");
        assertThat(p.commandLine(cmd)).doesNotContain("-mferrite-no-such-flag");
    }

    @Test
    void aCompilerThatRejectsOurOwnFlagsRunsWithoutThem(@TempDir Path dir) throws IOException {
        // as clang does: "error: unknown argument: '-ftrack-macro-expansion=0'"
        Path script = dir.resolve("clang-like");
        Files.writeString(script, "#!/bin/sh\nfor a in \"$@\"; do case \"$a\" in -ftrack-macro-expansion=*) "
                + "echo \"clang: error: unknown argument: '$a'\" >&2; exit 1;; esac; done\nexec gcc \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        write(dir.resolve("x.c"), "int x = N;\n");
        Preprocessor p = new Preprocessor().withCompiler(script.toString());
        CompileCommand cmd = command(dir, "x.c", "gcc", "-DN=4", "x.c");
        PreprocessedFile pf = p.preprocess(cmd);
        assertThat(new String(pf.text())).contains("int x = 4;");
        assertThat(pf.notes()).isEmpty();
        assertThat(p.commandLine(cmd)).doesNotContain("-ftrack-macro-expansion=0");
        // learned once for this compiler, not per Preprocessor (a server makes one per request)
        assertThat(new Preprocessor().withCompiler(script.toString()).commandLine(cmd)).doesNotContain("-ftrack-macro-expansion=0");
        assertThat(new Preprocessor().commandLine(cmd)).contains("-ftrack-macro-expansion=0");
    }

    @Test
    void oddFileNamesAreNotOptions(@TempDir Path dir) throws IOException {
        write(dir.resolve("-evil.c"), "int evil;\n");
        CompileCommand cmd = command(dir, "-evil.c", "gcc", "-c", "./-evil.c");
        assertThat(cmd.fileArgument()).isEqualTo("./-evil.c");
        assertThat(new String(pp.preprocess(cmd).text())).contains("int evil;");
    }

    @Test
    void notCIsRejected(@TempDir Path dir) throws IOException {
        write(dir.resolve("s.c"), "nop\n");
        assertThatThrownBy(() -> pp.preprocess(command(dir, "s.c", "gcc", "-x", "assembler-with-cpp", "s.c")))
                .isInstanceOf(FrontendException.class).hasMessageContaining("not a C file");
        write(dir.resolve("k.S"), "nop\n");
        write(dir.resolve("k.cpp"), "int x;\n");
        assertThat(command(dir, "k.S", "gcc", "-D__ASSEMBLY__", "k.S").isC()).isFalse();
        assertThatThrownBy(() -> pp.preprocess(command(dir, "k.cpp", "g++", "k.cpp")))
                .isInstanceOf(FrontendException.class).hasMessage("k.cpp: not a C file");
        assertThat(command(dir, "k.cpp", "gcc", "-xc", "k.cpp").isC()).isTrue();
        assertThatThrownBy(() -> pp.preprocess(command(dir, "gone.c", "gcc", "gone.c")))
                .isInstanceOf(FrontendException.class).hasMessageContaining("gone.c: no such file");
    }

    @Test
    void predefinedMacrosFollowTargetFlagsAndAreCached() {
        CompileFlags plain = CompileFlags.parse(List.of("-DIGNORED", "x.c"), null);
        CompileFlags tuned = CompileFlags.parse(List.of("-fshort-wchar", "-O2", "-std=gnu11", "x.c"), null);
        Map<String, String> a = pp.predefinedMacros(plain);
        Map<String, String> b = pp.predefinedMacros(tuned);
        assertThat(a).containsEntry("__STDC__", "1").doesNotContainKey("__OPTIMIZE__").doesNotContainKey("IGNORED");
        assertThat(a.get("__SIZEOF_WCHAR_T__")).isNotEqualTo("2");
        assertThat(b).containsEntry("__SIZEOF_WCHAR_T__", "2").containsEntry("__OPTIMIZE__", "1")
                .containsEntry("__STDC_VERSION__", "201112L");
        assertThat(a.keySet()).anyMatch(k -> k.matches("\\w+\\(\\w+\\)"));
        assertThat(pp.predefinedMacros(CompileFlags.parse(List.of("-fshort-wchar", "-O2", "-std=gnu11"), null))).isSameAs(b);
    }

    @Test
    void kbuildStyleCheckerInvocation(@TempDir Path dir) throws IOException {
        write(dir.resolve("include/linux/kconfig.h"), "#define IS_ENABLED(x) 1\n");
        write(dir.resolve("include/linux/compiler_types.h"),
                "#ifdef __CHECKER__\n# define __user __attribute__((noderef, address_space(__user)))\n#else\n# define __user\n#endif\n");
        write(dir.resolve("include/linux/types.h"), "typedef unsigned long size_t;\n");
        write(dir.resolve("drivers/net/dummy.c"), "#include <linux/types.h>\n"
                + "const char *name = KBUILD_MODNAME;\nint get(int __user *p, size_t n);\nint on = IS_ENABLED(X);\n");
        List<String> args = List.of("-D__linux__", "-D__STDC__", "-Wbitwise", "-Wno-return-void", "-D__CHECKER__",
                "--arch=x86", "-mlittle-endian", "-m64", "-Wp,-MMD,drivers/net/.dummy.o.d", "-nostdinc", "-I./include",
                "-include", "./include/linux/kconfig.h", "-include", "./include/linux/compiler_types.h", "-D__KERNEL__",
                "-fmacro-prefix-map=./=", "-std=gnu11", "-fshort-wchar", "-fno-PIE", "-mcmodel=kernel", "-O2",
                "-DKBUILD_MODNAME=\"dummy\"", "-c", "-o", "drivers/net/dummy.o", "drivers/net/dummy.c");
        List<String> before = listing(dir);
        List<CompileCommand> cmds = CompileCommand.fromCommandLine(args, dir);
        assertThat(cmds).singleElement().extracting(CompileCommand::file).isEqualTo(dir.resolve("drivers/net/dummy.c"));

        PreprocessedFile pf = new Preprocessor().preprocess(cmds.get(0));
        String text = new String(pf.lineMap().text());
        assertThat(text).contains("const char *name = \"dummy\";", "int on = 1;",
                "int get(int __attribute__((noderef, address_space(__user))) *p, size_t n);");
        assertThat(listing(dir)).isEqualTo(before);
    }

    @Test
    void parseDefines() {
        Map<String, String> m = Preprocessor.parseDefines("#define A 1\n#define F(x,y) x ## y\n#define E\n#define S \"a b\"\n");
        assertThat(m).containsExactly(Map.entry("A", "1"), Map.entry("F(x,y)", "x ## y"), Map.entry("E", ""),
                Map.entry("S", "\"a b\""));
    }

    @Test
    void theTimeoutCountsCpuTime(@TempDir Path dir) throws Exception {
        // a compiler that computes forever is stopped by its CPU time, not by how busy the machine is
        Path script = dir.resolve("burncc");
        Files.writeString(script, "#!/bin/sh\nwhile :; do :; done\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        write(dir.resolve("x.c"), "int x;\n");
        Preprocessor burning = new Preprocessor().withCompiler(script.toString()).withTimeout(Duration.ofMillis(1500));
        assertThatThrownBy(() -> burning.preprocess(command(dir, "x.c", "gcc", "x.c")))
                .isInstanceOf(FrontendException.class)
                // on a machine too busy to give it 1.5 s of CPU in 15 s, the wall-time cap stops it
                .satisfies(e -> assertThat(e.getMessage()).isIn("x.c: preprocessing timed out after 1.5 s of CPU time; burncc was killed",
                        "x.c: preprocessing did not finish in 15 s; burncc was killed"));
    }
}
