package dev.ferrite.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferrite.frontend.CompileFlags.ForcedInclude;
import dev.ferrite.frontend.CompileFlags.ForcedKind;
import dev.ferrite.frontend.CompileFlags.IncludeDir;
import dev.ferrite.frontend.CompileFlags.IncludeKind;
import dev.ferrite.frontend.CompileFlags.Macro;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompileFlagsTest {

    /** What kbuild passes as $(CHECKFLAGS) $(c_flags) file.c (after make's shell removed the quotes). */
    static final List<String> KBUILD = List.of(
            "-D__linux__", "-Dlinux", "-D__STDC__", "-Dunix", "-D__unix__", "-Wbitwise", "-Wno-return-void",
            "-Wno-unknown-attribute", "-D__CHECKER__", "-D__x86_64__", "--arch=x86", "-mlittle-endian", "-m64",
            "-Wp,-MMD,drivers/net/.dummy.o.d", "-nostdinc", "-I./arch/x86/include", "-I./arch/x86/include/generated",
            "-I./include", "-I./arch/x86/include/uapi", "-I./include/uapi", "-include", "./include/linux/compiler-version.h",
            "-include", "./include/linux/kconfig.h", "-include", "./include/linux/compiler_types.h", "-D__KERNEL__",
            "-fmacro-prefix-map=./=", "-std=gnu11", "-fshort-wchar", "-funsigned-char", "-fno-common", "-fno-PIE",
            "-fno-strict-aliasing", "-mno-sse", "-mcmodel=kernel", "-fcf-protection=branch", "-fno-jump-tables",
            "-O2", "-fno-stack-protector", "-Wall", "-Werror", "-g", "-gdwarf-5", "-fplugin=./scripts/gcc-plugins/x.so",
            "-isystem", "/usr/lib/gcc/x86_64-linux-gnu/12/include", "-DKBUILD_MODFILE=\"drivers/net/dummy\"",
            "-DKBUILD_BASENAME=\"dummy\"", "-DKBUILD_MODNAME=\"dummy\"", "-D__KBUILD_MODNAME=kmod_dummy",
            "-c", "-o", "drivers/net/dummy.o", "drivers/net/dummy.c");

    @Test
    void kbuildCheckerCommandLine() {
        CompileFlags f = CompileFlags.parse(KBUILD, null);

        assertThat(f.sources()).containsExactly("drivers/net/dummy.c");
        assertThat(f.output()).isEqualTo("drivers/net/dummy.o");
        assertThat(f.nostdinc()).isTrue();
        assertThat(f.std()).isEqualTo("gnu11");
        assertThat(f.includeDirs()).containsExactly(
                new IncludeDir(IncludeKind.ANGLE, "./arch/x86/include"),
                new IncludeDir(IncludeKind.ANGLE, "./arch/x86/include/generated"),
                new IncludeDir(IncludeKind.ANGLE, "./include"),
                new IncludeDir(IncludeKind.ANGLE, "./arch/x86/include/uapi"),
                new IncludeDir(IncludeKind.ANGLE, "./include/uapi"),
                new IncludeDir(IncludeKind.SYSTEM, "/usr/lib/gcc/x86_64-linux-gnu/12/include"));
        assertThat(f.forcedIncludes()).extracting(ForcedInclude::path).containsExactly(
                "./include/linux/compiler-version.h", "./include/linux/kconfig.h", "./include/linux/compiler_types.h");
        assertThat(f.macros()).extracting(Macro::text).containsExactly(
                "__linux__", "linux", "__STDC__", "unix", "__unix__", "__CHECKER__", "__x86_64__", "__KERNEL__",
                "KBUILD_MODFILE=\"drivers/net/dummy\"", "KBUILD_BASENAME=\"dummy\"", "KBUILD_MODNAME=\"dummy\"",
                "__KBUILD_MODNAME=kmod_dummy");
        assertThat(f.macros().get(10)).isEqualTo(new Macro(true, "KBUILD_MODNAME", "\"dummy\""));
        assertThat(f.targetFlags()).containsExactly("-mlittle-endian", "-m64", "-fmacro-prefix-map=./=", "-fshort-wchar",
                "-funsigned-char", "-fno-PIE", "-mno-sse", "-mcmodel=kernel", "-fcf-protection=branch", "-O2",
                "-fno-stack-protector");
        // the plugin is the only thing worth a note; sparse's and gcc's irrelevant flags are dropped quietly
        assertThat(f.notes()).hasSize(1);
        assertThat(f.notes().get(0)).contains("-fplugin=./scripts/gcc-plugins/x.so").contains("never passed on");
    }

    @Test
    void separateAndJoinedValues() {
        CompileFlags f = CompileFlags.parse(List.of("-I", "a", "-Ib", "-isystem", "c", "-isystemd", "-iquote", "q",
                "-idirafter", "z", "-D", "X=1", "-U", "Y", "-include", "f.h", "-includeg.h", "-imacros", "m.h",
                "-x", "c", "--sysroot", "/sr", "-o", "out.i", "-MF", "dep.h", "-MT", "t.c", "-Xpreprocessor", "p.c",
                "main.c"), null);
        assertThat(f.includeDirs()).containsExactly(new IncludeDir(IncludeKind.ANGLE, "a"), new IncludeDir(IncludeKind.ANGLE, "b"),
                new IncludeDir(IncludeKind.SYSTEM, "c"), new IncludeDir(IncludeKind.SYSTEM, "d"),
                new IncludeDir(IncludeKind.QUOTE, "q"), new IncludeDir(IncludeKind.AFTER, "z"));
        assertThat(f.macros()).containsExactly(new Macro(true, "X", "1"), new Macro(false, "Y", null));
        assertThat(f.forcedIncludes()).containsExactly(new ForcedInclude(ForcedKind.INCLUDE, "f.h"),
                new ForcedInclude(ForcedKind.INCLUDE, "g.h"), new ForcedInclude(ForcedKind.IMACROS, "m.h"));
        assertThat(f.language()).isEqualTo("c");
        assertThat(f.sysroot()).isEqualTo("/sr");
        assertThat(f.output()).isEqualTo("out.i");
        // values of -o, -MF, -MT, -Xpreprocessor are not sources even though they end in .i/.h/.c
        assertThat(f.sources()).containsExactly("main.c");
    }

    @Test
    void sourcesAreSeparatedFromOtherOperands() {
        CompileFlags f = CompileFlags.parse(List.of("a.c", "b.h", "c.i", "d.o", "e.S", "f.C", "-DX"), null);
        assertThat(f.sources()).containsExactly("a.c", "b.h", "c.i");
        assertThat(f.notes()).anyMatch(n -> n.contains("'d.o'")).anyMatch(n -> n.contains("'e.S'"));
    }

    @Test
    void unknownFlagsAreNotedNotFatal() {
        CompileFlags f = CompileFlags.parse(List.of("-Zweird", "-qux", "--frobnicate=3", "-DOK", "x.c"), null);
        assertThat(f.sources()).containsExactly("x.c");
        assertThat(f.macros()).extracting(Macro::name).containsExactly("OK");
        assertThat(f.notes()).containsExactly("ignored unknown flag -Zweird", "ignored unknown flag -qux",
                "ignored unknown flag --frobnicate=3");
    }

    @Test
    void dangerousFlagsAreDroppedWithNotes() {
        CompileFlags f = CompileFlags.parse(List.of("-fplugin=/tmp/evil.so", "-fplugin-arg-evil-x=y", "-B/tmp/bin",
                "-B", "/tmp/bin2", "-specs=/tmp/specs", "-wrapper", "/bin/sh,-c", "-save-temps=obj", "-fdump-tree-all",
                "-fprofile-generate=/tmp/prof", "-aux-info", "/tmp/aux", "-Wp,-DX,-o,/tmp/y", "-dM", "-P", "x.c"), null);
        assertThat(f.targetFlags()).isEmpty();
        assertThat(f.macros()).isEmpty();
        assertThat(f.sources()).containsExactly("x.c");
        assertThat(String.join("\n", f.notes())).contains("/tmp/evil.so", "-fplugin-arg-evil-x=y", "/tmp/bin", "/tmp/bin2",
                "/tmp/specs", "-wrapper", "-save-temps=obj", "-fdump-tree-all", "-fprofile-generate", "-aux-info",
                "-Wp,-DX", "-dM", "-P");
    }

    @Test
    void dependencyOutputIsDroppedQuietly() {
        CompileFlags f = CompileFlags.parse(List.of("-MD", "-MMD", "-MP", "-MF", "x.d", "-MT", "x.o", "-MQ", "y",
                "-Wp,-MD,/tmp/x.d", "-Wp,-MMD,a.d", "-MFdep.d", "x.c"), null);
        assertThat(f.notes()).isEmpty();
        assertThat(f.sources()).containsExactly("x.c");
        assertThat(f.targetFlags()).isEmpty();
    }

    @Test
    void macroRelevantFlagsAreKeptOthersNot() {
        CompileFlags f = CompileFlags.parse(List.of("-fPIC", "-fno-pie", "-fshort-wchar", "-fopenmp", "-pthread",
                "-ffast-math", "-fsanitize=address", "-fno-inline", "-Os", "-Ofast", "-march=x86-64-v2", "-undef",
                "-ansi", "-ffile-prefix-map=/a=b", "-fno-omit-frame-pointer", "-fvisibility=hidden", "-fstrict-flex-arrays=3",
                "-flto=thin", "-fdiagnostics-color=always", "-fsanitize-coverage=trace-pc", "-fno-builtin"), null);
        assertThat(f.targetFlags()).containsExactly("-fPIC", "-fno-pie", "-fshort-wchar", "-fopenmp", "-pthread",
                "-ffast-math", "-fsanitize=address", "-fno-inline", "-Os", "-Ofast", "-march=x86-64-v2", "-undef",
                "-fmacro-prefix-map=/a=b");
        assertThat(f.std()).isEqualTo("c90");
        assertThat(f.notes()).isEmpty();
    }

    @Test
    void includeBarrierTurnsEarlierDirsIntoQuoteDirs() {
        CompileFlags f = CompileFlags.parse(List.of("-Ia", "-I-", "-Ib"), null);
        assertThat(f.includeDirs()).containsExactly(new IncludeDir(IncludeKind.QUOTE, "a"), new IncludeDir(IncludeKind.ANGLE, "b"));
        assertThat(f.notes()).hasSize(1);
    }

    @Test
    void missingValueIsANote() {
        CompileFlags f = CompileFlags.parse(List.of("x.c", "-I"), null);
        assertThat(f.includeDirs()).isEmpty();
        assertThat(f.notes()).anyMatch(n -> n.contains("missing value after -I"));
    }

    @Test
    void invocationSkipsCompilerAndLauncher() {
        assertThat(CompileFlags.parseInvocation(List.of("/usr/bin/ccache", "gcc", "-DA", "x.c"), null).macros())
                .extracting(Macro::name).containsExactly("A");
        CompileFlags f = CompileFlags.parseInvocation(List.of("/opt/evil/cc", "-DB", "y.c"), null);
        assertThat(f.macros()).extracting(Macro::name).containsExactly("B");
        assertThat(f.notes()).isEmpty();
    }

    @Test
    void responseFilesAreExpandedAsData(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("flags.rsp"), "-DR=1 -Iri \"-DQ=a b\"\n-MF dep.d @nested.rsp -o /etc/x\n");
        Files.writeString(dir.resolve("nested.rsp"), "-DN '-DS=$(id)'");
        Files.writeString(dir.resolve("loop.rsp"), "-DL @loop.rsp");
        CompileFlags f = CompileFlags.parse(List.of("@flags.rsp", "@missing.rsp", "@loop.rsp", "@/dev/zero", "x.c"), dir);
        assertThat(f.macros()).extracting(Macro::text).startsWith("R=1", "Q=a b", "N", "S=$(id)");
        // the self-including file is expanded a bounded number of times, then dropped
        assertThat(f.macros()).extracting(Macro::text).filteredOn("L"::equals).hasSize(CompileFlags.MAX_RESPONSE_DEPTH);
        assertThat(f.includeDirs()).containsExactly(new IncludeDir(IncludeKind.ANGLE, "ri"));
        assertThat(f.output()).isEqualTo("/etc/x");
        assertThat(f.sources()).containsExactly("x.c");
        assertThat(f.notes()).anyMatch(n -> n.contains("@missing.rsp") && n.contains("ignored"))
                .anyMatch(n -> n.contains("@loop.rsp") && n.contains("nested"))
                .anyMatch(n -> n.contains("@/dev/zero") && n.contains("regular file"));
    }

    @Test
    void isCAndPreprocessedInput() {
        assertThat(CompileFlags.parse(List.of("x.c"), null).isC()).isTrue();
        assertThat(CompileFlags.parse(List.of("-x", "assembler-with-cpp", "x.c"), null).isC()).isFalse();
        CompileFlags pre = CompileFlags.parse(List.of("-xcpp-output", "x.c"), null);
        assertThat(pre.isC()).isTrue();
        assertThat(pre.isPreprocessedInput()).isTrue();
    }
}
