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

/**
 * {@code __builtin_va_arg(ap, type)}, the expansion of {@code va_arg}: reads and advances the
 * {@code va_list} {@code ap}; its type is {@code type}.
 */
public final class VaArgExpression extends ASTNode implements IASTExpression, IASTAmbiguityParent {
    public static final ASTNodeProperty VA_LIST = new ASTNodeProperty("VaArgExpression.VA_LIST");
    public static final ASTNodeProperty TYPE_ID = new ASTNodeProperty("VaArgExpression.TYPE_ID");

    private IASTExpression vaList;
    private IASTTypeId typeId;

    public VaArgExpression(IASTExpression vaList, IASTTypeId typeId) {
        this.vaList = Nodes.adopt(this, vaList, VA_LIST);
        this.typeId = Nodes.adopt(this, typeId, TYPE_ID);
    }

    public IASTExpression getVaList() {
        return vaList;
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
        if (!Nodes.accept(vaList, action) || !Nodes.accept(typeId, action)) return false;
        return !action.shouldVisitExpressions || action.leave(this) != ASTVisitor.PROCESS_ABORT;
    }

    @Override
    public void replace(IASTNode child, IASTNode other) {
        if (child == vaList) {
            Nodes.takePlace(child, other);
            vaList = (IASTExpression) other;
        }
    }

    @Override
    public VaArgExpression copy() {
        return copy(CopyStyle.withoutLocations);
    }

    @Override
    public VaArgExpression copy(CopyStyle style) {
        return copy(new VaArgExpression(vaList == null ? null : vaList.copy(style),
                typeId == null ? null : typeId.copy(style)), style);
    }
}
