package dev.ferrite.frontend.cdt;

import org.eclipse.cdt.core.dom.ast.ASTNodeProperty;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IBasicType;
import org.eclipse.cdt.core.dom.ast.IType;
import org.eclipse.cdt.internal.core.dom.parser.ASTNode;
import org.eclipse.cdt.internal.core.dom.parser.IASTAmbiguityParent;
import org.eclipse.cdt.internal.core.dom.parser.c.CBasicType;

/** GNU {@code __real__ e} / {@code __imag__ e}: a part of a complex number (an lvalue if {@code e} is). */
public final class ComplexPartExpression extends ASTNode implements IASTExpression, IASTAmbiguityParent {
    public static final ASTNodeProperty OPERAND = new ASTNodeProperty("ComplexPartExpression.OPERAND");

    private final boolean imaginary;
    private IASTExpression operand;

    public ComplexPartExpression(boolean imaginary, IASTExpression operand) {
        this.imaginary = imaginary;
        this.operand = Nodes.adopt(this, operand, OPERAND);
    }

    /** True for {@code __imag__}, false for {@code __real__}. */
    public boolean isImaginaryPart() {
        return imaginary;
    }

    public IASTExpression getOperand() {
        return operand;
    }

    @Override
    public IType getExpressionType() {
        IType t = CTypes.unqualified(operand.getExpressionType());
        if (t instanceof IBasicType) {
            IBasicType b = (IBasicType) t;
            if (b.isComplex() || b.isImaginary()) {
                int mods = b.getModifiers() & ~(IBasicType.IS_COMPLEX | IBasicType.IS_IMAGINARY);
                return new CBasicType(b.getKind(), mods);
            }
        }
        return t;
    }

    @Override
    public boolean isLValue() {
        return operand.isLValue();
    }

    @Override
    public ValueCategory getValueCategory() {
        return isLValue() ? ValueCategory.LVALUE : ValueCategory.PRVALUE;
    }

    @Override
    public boolean accept(ASTVisitor action) {
        if (action.shouldVisitExpressions) {
            int r = Nodes.enter(action.visit(this));
            if (r == 2) return false;
            if (r == 1) return true;
        }
        if (!Nodes.accept(operand, action)) return false;
        return !action.shouldVisitExpressions || action.leave(this) != ASTVisitor.PROCESS_ABORT;
    }

    @Override
    public void replace(IASTNode child, IASTNode other) {
        if (child == operand) {
            Nodes.takePlace(child, other);
            operand = (IASTExpression) other;
        }
    }

    @Override
    public ComplexPartExpression copy() {
        return copy(CopyStyle.withoutLocations);
    }

    @Override
    public ComplexPartExpression copy(CopyStyle style) {
        return copy(new ComplexPartExpression(imaginary, operand == null ? null : operand.copy(style)), style);
    }
}
