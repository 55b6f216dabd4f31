package dev.ferrite.frontend;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.cdt.core.dom.ast.IASTFileLocation;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTProblem;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;
import org.eclipse.cdt.internal.core.dom.parser.ASTNode;

/** Diagnostic tool (not a test): dumps the AST of a C file or snippet (-e 'code'). */
public final class AstDump {
    public static void main(String[] args) throws Exception {
        String code = args[0].equals("-e") ? args[1] : Files.readString(Path.of(args[0]));
        IASTTranslationUnit tu = CParser.parse("snippet.c", code.toCharArray());
        dump(tu, 0, code);
        for (IASTProblem p : CParser.problems(tu)) {
            IASTFileLocation l = p.getFileLocation();
            System.out.println("PROBLEM " + p.getMessage() + " @" + (l == null ? -1 : l.getNodeOffset()));
        }
    }

    static void dump(IASTNode n, int depth, String code) {
        ASTNode a = (ASTNode) n;
        String text = a.getOffset() >= 0 && a.getOffset() + a.getLength() <= code.length()
                ? code.substring(a.getOffset(), a.getOffset() + a.getLength()) : "?";
        System.out.println("  ".repeat(depth) + n.getClass().getSimpleName() + " [" + a.getOffset() + "," + a.getLength()
                + "] " + text.replaceAll("\\s+", " "));
        for (IASTNode c : n.getChildren()) dump(c, depth + 1, code);
    }
}
