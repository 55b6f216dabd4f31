package dev.ferrite.frontend.cdt;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.cdt.core.dom.ast.ASTNodeProperty;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IType;
import org.eclipse.cdt.internal.core.dom.parser.ASTNode;
import org.eclipse.cdt.internal.core.dom.parser.IASTAmbiguityParent;
import org.eclipse.cdt.internal.core.dom.parser.ProblemType;

/**
 * C11 generic selection {@code _Generic(ctrl, T1: e1, T2: e2, default: e3)}.
 *
 * <p>Children: the controlling expression, then the associations in source order. The controlling
 * expression is not evaluated; only the selected association's expression is (see
 * {@link #getSelectedAssociation()}). The expression's type, lvalue-ness and value category are the
 * selected expression's.
 */
public final class GenericSelectionExpression extends ASTNode implements IASTExpression, IASTAmbiguityParent {
    public static final ASTNodeProperty CONTROLLING_EXPRESSION =
            new ASTNodeProperty("GenericSelectionExpression.CONTROLLING_EXPRESSION");
    public static final ASTNodeProperty ASSOCIATION = new ASTNodeProperty("GenericSelectionExpression.ASSOCIATION");

    private IASTExpression controlling;
    private final List<GenericAssociation> associations = new ArrayList<>();
    private GenericAssociation selected;
    private boolean selectionDone;

    public GenericSelectionExpression(IASTExpression controlling) {
        this.controlling = Nodes.adopt(this, controlling, CONTROLLING_EXPRESSION);
    }

    public void addAssociation(GenericAssociation a) {
        associations.add(Nodes.adopt(this, a, ASSOCIATION));
    }

    public IASTExpression getControllingExpression() {
        return controlling;
    }

    public GenericAssociation[] getAssociations() {
        return associations.toArray(new GenericAssociation[0]);
    }

    /** The {@code default} association, or null. */
    public GenericAssociation getDefaultAssociation() {
        for (GenericAssociation a : associations) if (a.isDefault()) return a;
        return null;
    }

    /** The controlling expression's type after lvalue conversion (qualifiers dropped, arrays and functions decayed). */
    public IType getControllingType() {
        return controlling == null ? null : CTypes.lvalueConversion(controlling.getExpressionType());
    }

    /**
     * The association whose type is compatible with {@link #getControllingType()}, else the
     * {@code default} association, else null (the program is ill-formed, or a type is unknown).
     */
    public GenericAssociation getSelectedAssociation() {
        if (!selectionDone) {
            selected = select();
            selectionDone = true;
        }
        return selected;
    }

    private GenericAssociation select() {
        IType ctrl = getControllingType();
        if (ctrl != null && !(ctrl instanceof ProblemType)) {
            for (GenericAssociation a : associations) {
                if (!a.isDefault() && CTypes.compatible(ctrl, a.getType())) return a;
            }
        }
        return getDefaultAssociation();
    }

    /** The selected association's expression, or null. */
    public IASTExpression getSelectedExpression() {
        GenericAssociation a = getSelectedAssociation();
        return a == null ? null : a.getExpression();
    }

    @Override
    public IType getExpressionType() {
        IASTExpression e = getSelectedExpression();
        return e == null ? ProblemType.UNKNOWN_FOR_EXPRESSION : e.getExpressionType();
    }

    @Override
    public boolean isLValue() {
        IASTExpression e = getSelectedExpression();
        return e != null && e.isLValue();
    }

    @Override
    public ValueCategory getValueCategory() {
        IASTExpression e = getSelectedExpression();
        return e == null ? ValueCategory.PRVALUE : e.getValueCategory();
    }

    @Override
    public IASTNode[] getChildren() {
        List<IASTNode> c = new ArrayList<>();
        if (controlling != null) c.add(controlling);
        c.addAll(associations);
        return c.toArray(new IASTNode[0]);
    }

    @Override
    public boolean accept(ASTVisitor action) {
        if (action.shouldVisitExpressions) {
            int r = Nodes.enter(action.visit(this));
            if (r == 2) return false;
            if (r == 1) return true;
        }
        if (!Nodes.accept(controlling, action)) return false;
        for (GenericAssociation a : associations) {
            if (!a.accept(action)) return false;
        }
        return !action.shouldVisitExpressions || action.leave(this) != ASTVisitor.PROCESS_ABORT;
    }

    @Override
    public void replace(IASTNode child, IASTNode other) {
        if (child == controlling) {
            Nodes.takePlace(child, other);
            controlling = (IASTExpression) other;
            selectionDone = false;
        }
    }

    @Override
    public GenericSelectionExpression copy() {
        return copy(CopyStyle.withoutLocations);
    }

    @Override
    public GenericSelectionExpression copy(CopyStyle style) {
        GenericSelectionExpression c = new GenericSelectionExpression(controlling == null ? null : controlling.copy(style));
        for (GenericAssociation a : associations) c.addAssociation(a.copy(style));
        return copy(c, style);
    }
}
