package dev.ferrite.frontend.cdt;

import org.eclipse.cdt.core.dom.ast.ASTNodeProperty;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IType;
import org.eclipse.cdt.internal.core.dom.parser.ASTNode;
import org.eclipse.cdt.internal.core.dom.parser.IASTAmbiguityParent;

/**
 * The operand of {@code __typeof_unqual__(...)} / {@code typeof_unqual(...)} in a declaration specifier
 * (it is the specifier's {@code getDeclTypeExpression()}, with type {@code t_typeof}). Wraps what
 * {@code typeof} would have (an {@link org.eclipse.cdt.core.dom.ast.IASTTypeIdExpression} for a type
 * operand, else the expression); its type is that type with all qualifiers removed. Not evaluated.
 */
public final class TypeofUnqualExpression extends ASTNode implements IASTExpression, IASTAmbiguityParent {
    public static final ASTNodeProperty OPERAND = new ASTNodeProperty("TypeofUnqualExpression.OPERAND");

    private IASTExpression operand;

    public TypeofUnqualExpression(IASTExpression operand) {
        this.operand = Nodes.adopt(this, operand, OPERAND);
    }

    public IASTExpression getOperand() {
        return operand;
    }

    @Override
    public IType getExpressionType() {
        return CTypes.stripQualifiers(operand.getExpressionType());
    }

    @Override
    public boolean isLValue() {
        return false;
    }

    @Override
    public ValueCategory getValueCategory() {
        return ValueCategory.PRVALUE;
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
    public TypeofUnqualExpression copy() {
        return copy(CopyStyle.withoutLocations);
    }

    @Override
    public TypeofUnqualExpression copy(CopyStyle style) {
        return copy(new TypeofUnqualExpression(operand == null ? null : operand.copy(style)), style);
    }
}
