package dev.ferrite.frontend.cdt;

import org.eclipse.cdt.core.dom.ast.ASTNodeProperty;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTTypeId;
import org.eclipse.cdt.core.dom.ast.IType;
import org.eclipse.cdt.internal.core.dom.parser.ASTNode;
import org.eclipse.cdt.internal.core.dom.parser.c.CVisitor;

/**
 * {@code __builtin_types_compatible_p(type1, type2)}: the integer constant 1 if the unqualified types are
 * compatible, else 0 ({@link #isCompatible()}). Type {@code int}.
 */
public final class TypesCompatibleExpression extends ASTNode implements IASTExpression {
    public static final ASTNodeProperty TYPE_ID = new ASTNodeProperty("TypesCompatibleExpression.TYPE_ID");

    private final IASTTypeId type1;
    private final IASTTypeId type2;

    public TypesCompatibleExpression(IASTTypeId type1, IASTTypeId type2) {
        this.type1 = Nodes.adopt(this, type1, TYPE_ID);
        this.type2 = Nodes.adopt(this, type2, TYPE_ID);
    }

    public IASTTypeId getTypeId1() {
        return type1;
    }

    public IASTTypeId getTypeId2() {
        return type2;
    }

    /** Whether the two types, ignoring top-level qualifiers, are compatible. */
    public boolean isCompatible() {
        IType a = CTypes.unqualified(CVisitor.createType(type1.getAbstractDeclarator()));
        IType b = CTypes.unqualified(CVisitor.createType(type2.getAbstractDeclarator()));
        return CTypes.compatible(a, b);
    }

    @Override
    public IType getExpressionType() {
        return CTypes.intType();
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
        if (!Nodes.accept(type1, action) || !Nodes.accept(type2, action)) return false;
        return !action.shouldVisitExpressions || action.leave(this) != ASTVisitor.PROCESS_ABORT;
    }

    @Override
    public TypesCompatibleExpression copy() {
        return copy(CopyStyle.withoutLocations);
    }

    @Override
    public TypesCompatibleExpression copy(CopyStyle style) {
        return copy(new TypesCompatibleExpression(type1 == null ? null : type1.copy(style),
                type2 == null ? null : type2.copy(style)), style);
    }
}
