package dev.ferrite.ir.lower;

import dev.ferrite.ir.Operand;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTStatement;

/** Lowering of the AST nodes Ferrite's parser adds to CDT's (GNU asm statements, _Generic, ...). */
final class CustomNodes {
    private CustomNodes() {
    }

    static boolean lowerStatement(FunctionLowering fl, IASTStatement s) {
        return false;
    }

    static boolean lowerDeclaration(FunctionLowering fl, IASTDeclaration d) {
        return false;
    }

    static Operand lowerExpression(FunctionLowering fl, IASTExpression e) {
        return null;
    }
}
