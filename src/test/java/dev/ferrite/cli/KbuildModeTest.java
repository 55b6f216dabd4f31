package dev.ferrite.cli;

import static dev.ferrite.cli.Cli.run;
import static dev.ferrite.cli.Cli.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ferrite as kbuild's CHECK: {@code $(CHECK) $(CHECKFLAGS) $(c_flags) file.c}, the way sparse is run. */
class KbuildModeTest {
    /** What kbuild of Linux 6.1 passes for x86_64 (CHECKFLAGS, then a part of c_flags). */
    static List<String> kbuildArgs(String file) {
        List<String> a = new ArrayList<>(List.of("-D__linux__", "-Dlinux", "-D__STDC__", "-Dunix", "-D__unix__",
                "-Wbitwise", "-Wno-return-void", "-Wno-unknown-attribute", "-D__x86_64__", "--arch=x86",
                "-mlittle-endian", "-m64", "-D__CHECKER__", "-Wp,-MMD,drivers/.uaf.o.d", "-nostdinc", "-I./include",
                "-I./arch/x86/include", "-include", "./include/kconfig.h", "-D__KERNEL__", "-fmacro-prefix-map=./=",
                "-Wall", "-Wundef", "-Werror=strict-prototypes", "-Wno-trigraphs", "-fno-strict-aliasing", "-fno-common",
                "-fshort-wchar", "-fno-PIE", "-Werror=implicit-function-declaration", "-std=gnu11", "-mno-sse", "-mno-mmx",
                "-mno-sse2", "-mno-3dnow", "-mno-avx", "-fcf-protection=none", "-m64", "-falign-jumps=1",
                "-falign-loops=1", "-mno-80387", "-mno-fp-ret-in-387", "-mpreferred-stack-boundary=3",
                "-mskip-rax-setup", "-mtune=generic", "-mno-red-zone", "-mcmodel=kernel", "-Wno-sign-compare",
                "-fno-asynchronous-unwind-tables", "-mindirect-branch=thunk-extern", "-mindirect-branch-register",
                "-mindirect-branch-cs-prefix", "-mfunction-return=thunk-extern", "-fno-jump-tables",
                "-fno-delete-null-pointer-checks", "-O2", "-fno-allow-store-data-races", "-fstack-protector-strong",
                "-fno-omit-frame-pointer", "-fno-optimize-sibling-calls", "-ftrivial-auto-var-init=zero",
                "-fno-stack-clash-protection", "-pg", "-mrecord-mcount", "-mfentry", "-DCC_USING_FENTRY",
                "-fno-strict-overflow", "-fno-stack-check", "-fconserve-stack", "-Wno-pointer-sign",
                "-fno-strict-aliasing", "-DKBUILD_MODFILE=\"drivers/uaf\"", "-DKBUILD_BASENAME=\"uaf\"",
                "-DKBUILD_MODNAME=\"uaf\"", "-D__KBUILD_MODNAME=kmod_uaf"));
        a.add(file);
        return a;
    }

    private static final String UAF = "void *kmalloc(unsigned long size, unsigned int flags) __attribute__((__malloc__));\n"
            + "void kfree(const void *p);\n"
            + "int use(int *p)\n{\n\tint *q = kmalloc(sizeof(*q), 0);\n\tif (!q)\n\t\treturn -1;\n\t*q = 1;\n"
            + "\tkfree(q);\n\treturn *q;\n}\n";

    private static Path tree(Path dir) throws IOException {
        write(dir.resolve("include/kconfig.h"), "#define IS_ENABLED(x) 0\n");
        Files.createDirectories(dir.resolve("arch/x86/include"));
        write(dir.resolve("drivers/uaf.c"), UAF);
        return dir;
    }

    @Test
    void warnsOnStderrInGccFormAndExitsZero(@TempDir Path dir) throws IOException {
        tree(dir);
        Cli.Run r = run(dir, kbuildArgs("drivers/uaf.c").toArray(new String[0]));
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.CLEAN);
        assertThat(r.out()).as(r.toString()).isEmpty();
        assertThat(r.err()).as(r.toString())
                .contains("drivers/uaf.c:10:9: warning: ")
                .contains("[CWE-416] [-Wferrite-use-after-free]")
                .doesNotContain("ferrite: 1 file") // no summary, as sparse prints none
                .doesNotContain("note: ignored");
        assertThat(dir.resolve("drivers/.uaf.o.d")).doesNotExist();
    }

    @Test
    void sparseFlagsWithoutCheckerDefineAreKbuildsFormToo(@TempDir Path dir) throws IOException {
        tree(dir);
        List<String> args = new ArrayList<>(kbuildArgs("drivers/uaf.c"));
        args.remove("-D__CHECKER__"); // Linux 6.1's CHECKFLAGS do not have it: sparse defines it itself
        Cli.Run r = run(dir, args.toArray(new String[0]));
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.CLEAN);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("drivers/uaf.c:10:9: warning: ");
    }

    @Test
    void werrorFailsTheBuild(@TempDir Path dir) throws IOException {
        tree(dir);
        List<String> args = new ArrayList<>(List.of("--werror"));
        args.addAll(kbuildArgs("drivers/uaf.c"));
        Cli.Run r = run(dir, args.toArray(new String[0]));
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(r.err()).contains("drivers/uaf.c:10:9: error: ");
    }

    @Test
    void fileThatCannotBeParsedDoesNotFailTheBuild(@TempDir Path dir) throws IOException {
        tree(dir);
        write(dir.resolve("drivers/bad.c"), "#include \"missing.h\"\nint f(void) { return 0; }\n");
        Cli.Run r = run(dir, kbuildArgs("drivers/bad.c").toArray(new String[0]));
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.CLEAN);
        assertThat(r.err()).contains("missing.h");
    }

    @Test
    void cleanFilePrintsNothing(@TempDir Path dir) throws IOException {
        tree(dir);
        write(dir.resolve("drivers/good.c"), "int add(int a, int b)\n{\n\treturn a + b;\n}\n");
        Cli.Run r = run(dir, kbuildArgs("drivers/good.c").toArray(new String[0]));
        assertThat(r.exit()).isEqualTo(ExitCodes.CLEAN);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).as(r.toString()).isEmpty();
    }

    @Test
    void explicitCheckCommandKeepsItsExitCodes(@TempDir Path dir) throws IOException {
        tree(dir);
        Cli.Run r = run(dir, "check", "drivers/uaf.c");
        assertThat(r.exit()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(r.out()).contains("warning:");
    }
}
