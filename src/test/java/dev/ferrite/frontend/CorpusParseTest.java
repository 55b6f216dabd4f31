package dev.ferrite.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ferrite.frontend.cdt.GenericSelectionExpression;
import dev.ferrite.frontend.cdt.GnuAsmStatement;
import dev.ferrite.frontend.cdt.StaticAssertDeclaration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTFileLocation;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTProblem;
import org.eclipse.cdt.core.dom.ast.IASTStatement;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;
import org.eclipse.cdt.internal.core.dom.parser.ASTNode;
import org.junit.jupiter.api.Test;

/** Parses real preprocessed code: the 40 Linux 6.1 driver TUs and a sample of Juliet (needs gcc). */
class CorpusParseTest {
    private static final Path KERNEL = Path.of("../shared/corpus/kernel-6.1-i");
    private static final Path JULIET = Path.of("../shared/bench/juliet");

    @Test
    void allKernelTranslationUnitsParseWithoutProblems() throws IOException {
        assumeTrue(Files.isDirectory(KERNEL), "kernel corpus not present");
        List<Path> files;
        try (Stream<Path> s = Files.list(KERNEL)) {
            files = s.filter(p -> p.toString().endsWith(".i")).sorted().toList();
        }
        assertThat(files).hasSize(40);
        List<String> failures = new ArrayList<>();
        int[] custom = new int[3];
        for (Path f : files) {
            char[] text = LineMap.build(Files.readString(f, StandardCharsets.UTF_8).toCharArray(), f.toString()).text();
            IASTTranslationUnit tu = CParser.parse(f.toString(), text);
            List<IASTProblem> ps = CParser.problems(tu);
            for (IASTProblem p : ps) {
                IASTFileLocation l = p.getFileLocation();
                failures.add(f.getFileName() + "@" + (l == null ? -1 : l.getNodeOffset()) + ": " + p.getMessage());
            }
            checkCustomNodes(tu, text, custom, failures, f.getFileName().toString());
        }
        assertThat(failures).isEmpty();
        assertThat(custom[0]).as("asm statements").isGreaterThan(1000);
        assertThat(custom[1]).as("_Generic selections").isGreaterThan(1000);
        assertThat(custom[2]).as("static asserts").isGreaterThan(1000);
    }

    /** Custom nodes start with their keyword, and their offsets are file offsets. */
    private static void checkCustomNodes(IASTTranslationUnit tu, char[] text, int[] counts, List<String> failures,
            String file) {
        tu.accept(new ASTVisitor() {
            {
                shouldVisitStatements = true;
                shouldVisitExpressions = true;
                shouldVisitDeclarations = true;
            }

            private void check(IASTNode n, String... keywords) {
                ASTNode a = (ASTNode) n;
                IASTFileLocation loc = n.getFileLocation();
                String s = new String(text, a.getOffset(), a.getLength());
                boolean ok = loc.getNodeOffset() == a.getOffset() && loc.getNodeLength() == a.getLength();
                boolean kw = false;
                for (String k : keywords) kw |= s.startsWith(k);
                if (!ok || !kw) failures.add(file + "@" + a.getOffset() + ": bad range for " + n.getClass().getSimpleName());
            }

            @Override
            public int visit(IASTStatement s) {
                if (s instanceof GnuAsmStatement) {
                    counts[0]++;
                    check(s, "asm", "__asm");
                }
                return PROCESS_CONTINUE;
            }

            @Override
            public int visit(IASTExpression e) {
                if (e instanceof GenericSelectionExpression) {
                    counts[1]++;
                    check(e, "_Generic");
                }
                return PROCESS_CONTINUE;
            }

            @Override
            public int visit(IASTDeclaration d) {
                if (d instanceof StaticAssertDeclaration) {
                    counts[2]++;
                    check(d, "_Static_assert");
                }
                return PROCESS_CONTINUE;
            }
        });
    }

    @Test
    void julietSampleParsesWithoutProblems() throws Exception {
        Path cases = JULIET.resolve("cases");
        Path support = JULIET.resolve("testcasesupport");
        assumeTrue(Files.isDirectory(cases), "Juliet not present");
        assumeTrue(gccAvailable(), "gcc not available");
        List<Path> all;
        try (Stream<Path> s = Files.walk(cases)) {
            all = s.filter(p -> p.toString().endsWith(".c")).sorted().toList();
        }
        List<Path> sample = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 50) sample.add(all.get(i));
        sample.add(support.resolve("io.c"));
        sample.add(support.resolve("std_thread.c"));
        List<String> failures = new ArrayList<>();
        for (Path c : sample) {
            String pre = preprocess(c, support);
            char[] text = LineMap.build(pre.toCharArray(), c.toString()).text();
            IASTTranslationUnit tu = CParser.parse(c.toString(), text);
            for (IASTProblem p : CParser.problems(tu)) failures.add(c.getFileName() + ": " + p.getMessage());
        }
        assertThat(failures).isEmpty();
    }

    private static boolean gccAvailable() {
        try {
            Process p = new ProcessBuilder("gcc", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String preprocess(Path file, Path include) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("gcc", "-E", "-I", include.toString(), file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("gcc -E %s", file).isZero();
        return out;
    }
}
