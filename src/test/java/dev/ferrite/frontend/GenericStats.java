package dev.ferrite.frontend;

import dev.ferrite.frontend.cdt.GenericSelectionExpression;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;
import org.eclipse.cdt.core.dom.ast.IProblemType;
import org.eclipse.cdt.core.dom.ast.IType;

/** Diagnostic tool: how _Generic selections resolve on real code. */
public final class GenericStats {
    public static void main(String[] args) throws Exception {
        int[] c = new int[4];
        for (String a : args) {
            Path f = Path.of(a);
            char[] text = LineMap.build(Files.readString(f, StandardCharsets.UTF_8).toCharArray(), a).text();
            IASTTranslationUnit tu = CParser.parse(a, text);
            tu.accept(new ASTVisitor() {
                { shouldVisitExpressions = true; }
                @Override public int visit(IASTExpression e) {
                    if (e instanceof GenericSelectionExpression g) {
                        c[0]++;
                        IType ct = g.getControllingType();
                        var sel = g.getSelectedAssociation();
                        if (sel == null) c[1]++;
                        else if (sel.isDefault()) c[2]++;
                        else c[3]++;
                        if ((sel == null || ct instanceof IProblemType) && c[1] + c[2] < 40) {
                            System.out.println((sel == null ? "NONE " : "DEFAULT ") + ct + " :: "
                                + g.getControllingExpression().getRawSignature().replaceAll("\\s+", " ")
                                + " :: " + g.getRawSignature().replaceAll("\\s+", " ").substring(0, Math.min(150, g.getRawSignature().length())));
                        }
                    }
                    return PROCESS_CONTINUE;
                }
            });
        }
        System.out.println("total=" + c[0] + " none=" + c[1] + " default=" + c[2] + " typed=" + c[3]);
    }
}
