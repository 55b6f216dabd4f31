package dev.ferrite.frontend.cdt;

import org.eclipse.cdt.core.dom.ast.ASTNodeProperty;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTTypeId;
import org.eclipse.cdt.core.dom.ast.IType;
import org.eclipse.cdt.internal.core.dom.parser.ASTNode;
import org.eclipse.cdt.internal.core.dom.parser.IASTAmbiguityParent;
import org.eclipse.cdt.internal.core.dom.parser.c.CVisitor;

/** One association of a {@code _Generic} selection: {@code type-name : expr} or {@code default : expr}. */
public final class GenericAssociation extends ASTNode implements IASTAmbiguityParent {
    public static final ASTNodeProperty TYPE_ID = new ASTNodeProperty("GenericAssociation.TYPE_ID");
    public static final ASTNodeProperty EXPRESSION = new ASTNodeProperty("GenericAssociation.EXPRESSION");

    private IASTTypeId typeId;
    private IASTExpression expression;

    /** {@code typeId} is null for the {@code default} association. */
    public GenericAssociation(IASTTypeId typeId, IASTExpression expression) {
        this.typeId = Nodes.adopt(this, typeId, TYPE_ID);
        this.expression = Nodes.adopt(this, expression, EXPRESSION);
    }

    public boolean isDefault() {
        return typeId == null;
    }

    /** The type name, or null for {@code default}. */
    public IASTTypeId getTypeId() {
        return typeId;
    }

    /** The association's type, or null for {@code default}. */
    public IType getType() {
        return typeId == null ? null : CVisitor.createType(typeId.getAbstractDeclarator());
    }

    public IASTExpression getExpression() {
        return expression;
    }

    @Override
    public IASTNode[] getChildren() {
        return typeId == null ? new IASTNode[] {expression} : new IASTNode[] {typeId, expression};
    }

    @Override
    public boolean accept(ASTVisitor action) {
        return Nodes.accept(typeId, action) && Nodes.accept(expression, action);
    }

    @Override
    public void replace(IASTNode child, IASTNode other) {
        if (child == typeId) {
            Nodes.takePlace(child, other);
            typeId = (IASTTypeId) other;
        } else if (child == expression) {
            Nodes.takePlace(child, other);
            expression = (IASTExpression) other;
        }
    }

    @Override
    public GenericAssociation copy() {
        return copy(CopyStyle.withoutLocations);
    }

    @Override
    public GenericAssociation copy(CopyStyle style) {
        return copy(new GenericAssociation(typeId == null ? null : typeId.copy(style),
                expression == null ? null : expression.copy(style)), style);
    }
}
