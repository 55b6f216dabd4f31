package dev.ferrite.frontend;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.cdt.core.dom.ast.IASTFileLocation;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;
import org.eclipse.cdt.internal.core.dom.parser.ASTAmbiguousNode;
import org.eclipse.cdt.internal.core.dom.parser.ASTNode;

/** Diagnostic tool (not a test): structural sanity checks of parsed .i files. */
public final class ParseCheck {
    static final Map<String, Integer> counts = new TreeMap<>();
    static int badLoc, outside, ambiguous, implicitInt;
    static List<String> samples = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        List<Path> files = new ArrayList<>();
        for (String a : args) {
            if (a.equals("-plain")) {
                plain = true;
                continue;
            }
            Path p = Path.of(a);
            if (Files.isDirectory(p)) {
                try (var s = Files.list(p)) {
                    s.filter(f -> f.toString().endsWith(".i")).sorted().forEach(files::add);
                }
            } else files.add(p);
        }
        for (Path f : files) {
            char[] raw = new String(Files.readAllBytes(f), StandardCharsets.UTF_8).toCharArray();
            char[] text = LineMap.build(raw, f.toString()).text();
            IASTTranslationUnit tu = plain ? plainParse(f.toString(), text) : CParser.parse(f.toString(), text);
            walk(tu, null, text, f.getFileName().toString());
        }
        counts.forEach((k, v) -> System.out.println(k + "\t" + v));
        System.out.println("badLoc=" + badLoc + " outsideParent=" + outside + " ambiguous=" + ambiguous
                + " implicitInt=" + implicitInt);
        samples.stream().limit(60).forEach(System.out::println);
    }

    static boolean plain;

    /** Plain CDT GNU C, for comparison. */
    static IASTTranslationUnit plainParse(String path, char[] text) throws Exception {
        return org.eclipse.cdt.core.dom.ast.gnu.c.GCCLanguage.getDefault().getASTTranslationUnit(
                org.eclipse.cdt.core.parser.FileContent.create(path, text),
                new org.eclipse.cdt.core.parser.ScannerInfo(new java.util.HashMap<>(), new String[0]),
                org.eclipse.cdt.core.parser.IncludeFileContentProvider.getEmptyFilesProvider(), null,
                org.eclipse.cdt.core.model.ILanguage.OPTION_NO_IMAGE_LOCATIONS,
                new org.eclipse.cdt.core.parser.DefaultLogService());
    }

    static void walk(IASTNode n, IASTNode parent, char[] text, String file) {
        String cls = n.getClass().getName();
        if (cls.startsWith("dev.ferrite")) counts.merge(n.getClass().getSimpleName(), 1, Integer::sum);
        if (n instanceof ASTAmbiguousNode) {
            ambiguous++;
            sample(file, "AMBIG", n, text);
        }
        ASTNode a = (ASTNode) n;
        IASTFileLocation loc = n.getFileLocation();
        boolean emptyName = a.getLength() == 0;
        if (!emptyName && (loc == null || loc.getNodeOffset() != a.getOffset() || loc.getNodeLength() != a.getLength())) {
            badLoc++;
            sample(file, "LOC", n, text);
        }
        if (parent != null && !emptyName && !(parent instanceof IASTTranslationUnit)) {
            ASTNode p = (ASTNode) parent;
            if (a.getOffset() < p.getOffset() || a.getOffset() + a.getLength() > p.getOffset() + p.getLength()) {
                outside++;
                sample(file, "OUTSIDE(" + parent.getClass().getSimpleName() + ")", n, text);
            }
        }
        if (n instanceof IASTSimpleDeclSpecifier) {
            IASTSimpleDeclSpecifier s = (IASTSimpleDeclSpecifier) n;
            if (s.getType() == IASTSimpleDeclSpecifier.t_unspecified && !s.isLong() && !s.isShort() && !s.isLongLong()
                    && !s.isSigned() && !s.isUnsigned() && !s.isComplex() && s.getDeclTypeExpression() == null
                    && ((ASTNode) s).getLength() > 0) {
                implicitInt++;
                sample(file, "IMPLICIT_INT", n.getParent(), text);
            }
        }
        for (IASTNode c : n.getChildren()) walk(c, n, text, file);
    }

    static void sample(String file, String what, IASTNode n, char[] text) {
        if (samples.size() > 200) return;
        ASTNode a = (ASTNode) n;
        int off = Math.max(0, a.getOffset());
        String s = new String(text, off, Math.min(160, Math.max(0, text.length - off))).replaceAll("\\s+", " ");
        samples.add(what + "\t" + file + "\t" + n.getClass().getSimpleName() + "[" + a.getOffset() + "," + a.getLength() + "]\t" + s);
    }
}
