package dev.ferrite.frontend.cdt;

import org.eclipse.cdt.core.dom.ast.ASTNodeProperty;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTTypeId;
import org.eclipse.cdt.core.dom.ast.IType;
import org.eclipse.cdt.internal.core.dom.parser.ASTNode;
import org.eclipse.cdt.internal.core.dom.parser.c.CVisitor;

/**
 * The operand of the {@code _Atomic(type-name)} type specifier (it is the declaration specifier's
 * {@code getDeclTypeExpression()}, with type {@code t_typeof}). Its type is the named type; CDT's type
 * system has no atomic qualifier, so atomicity is only visible as this node.
 */
public final class AtomicTypeExpression extends ASTNode implements IASTExpression {
    public static final ASTNodeProperty TYPE_ID = new ASTNodeProperty("AtomicTypeExpression.TYPE_ID");

    private final IASTTypeId typeId;

    public AtomicTypeExpression(IASTTypeId typeId) {
        this.typeId = Nodes.adopt(this, typeId, TYPE_ID);
    }

    public IASTTypeId getTypeId() {
        return typeId;
    }

    @Override
    public IType getExpressionType() {
        return CVisitor.createType(typeId.getAbstractDeclarator());
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
        if (!Nodes.accept(typeId, action)) return false;
        return !action.shouldVisitExpressions || action.leave(this) != ASTVisitor.PROCESS_ABORT;
    }

    @Override
    public AtomicTypeExpression copy() {
        return copy(CopyStyle.withoutLocations);
    }

    @Override
    public AtomicTypeExpression copy(CopyStyle style) {
        return copy(new AtomicTypeExpression(typeId == null ? null : typeId.copy(style)), style);
    }
}
