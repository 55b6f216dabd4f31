package dev.ferrite.frontend;

import dev.ferrite.frontend.cdt.AsmOperand;
import dev.ferrite.frontend.cdt.AutoTypeDeclSpecifier;
import dev.ferrite.frontend.cdt.GnuAsmStatement;
import dev.ferrite.frontend.cdt.OffsetofExpression;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTDeclSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTName;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTStatement;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;
import org.eclipse.cdt.core.dom.ast.IField;
import org.eclipse.cdt.core.dom.ast.ILabel;
import org.eclipse.cdt.core.dom.ast.IProblemType;

/** Diagnostic tool: asm goto label resolution, __auto_type deduction and offsetof member resolution on real code. */
public final class AsmStats {
    public static void main(String[] args) throws Exception {
        int[] c = new int[10];
        for (String a : args) {
            char[] text = LineMap.build(Files.readString(Path.of(a), StandardCharsets.UTF_8).toCharArray(), a).text();
            IASTTranslationUnit tu = CParser.parse(a, text);
            tu.accept(new ASTVisitor() {
                { shouldVisitStatements = true; shouldVisitDeclSpecifiers = true; shouldVisitExpressions = true; }
                @Override public int visit(IASTStatement s) {
                    if (s instanceof GnuAsmStatement g) {
                        c[0]++;
                        if (g.isGoto()) c[1]++;
                        for (IASTName n : g.getGotoLabels()) { c[2]++; if (n.resolveBinding() instanceof ILabel) c[3]++; }
                        for (AsmOperand o : g.getOutputs()) c[4]++;
                        for (AsmOperand o : g.getInputs()) c[5]++;
                    }
                    return PROCESS_CONTINUE;
                }
                @Override public int visit(IASTDeclSpecifier d) {
                    if (d instanceof AutoTypeDeclSpecifier at) {
                        c[6]++;
                        if (at.getDeducedType() instanceof IProblemType) {
                            c[7]++;
                            if (c[7] < 5) System.out.println("AUTO? " + at.getParent().getRawSignature().replaceAll("\\s+", " "));
                        }
                    }
                    return PROCESS_CONTINUE;
                }
                @Override public int visit(IASTExpression e) {
                    if (e instanceof OffsetofExpression o) {
                        for (IASTNode m : o.getMembers()) {
                            if (m instanceof IASTName n) {
                                c[8]++;
                                if (n.resolveBinding() instanceof IField) c[9]++;
                                else if (c[8] - c[9] < 5) System.out.println("OFFSETOF? " + o.getRawSignature().replaceAll("\\s+", " "));
                            }
                        }
                    }
                    return PROCESS_CONTINUE;
                }
            });
        }
        System.out.printf("asm=%d goto=%d labels=%d resolved=%d outputs=%d inputs=%d auto=%d autoProblem=%d offsetofNames=%d resolved=%d%n",
                c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9]);
    }
}
