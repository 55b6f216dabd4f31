package dev.ferrite.frontend.cdt;

import org.eclipse.cdt.core.dom.ast.ASTNodeProperty;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTLiteralExpression;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.internal.core.dom.parser.ASTNode;
import org.eclipse.cdt.internal.core.dom.parser.IASTAmbiguityParent;

/**
 * {@code _Static_assert(cond, "message");} (or C23 {@code static_assert(cond);}). A compile-time check with
 * no run-time effect: lowering skips it. At block scope it is wrapped in an
 * {@link org.eclipse.cdt.core.dom.ast.IASTDeclarationStatement}; it can also be a struct member.
 */
public final class StaticAssertDeclaration extends ASTNode implements IASTDeclaration, IASTAmbiguityParent {
    public static final ASTNodeProperty CONDITION = new ASTNodeProperty("StaticAssertDeclaration.CONDITION");
    public static final ASTNodeProperty MESSAGE = new ASTNodeProperty("StaticAssertDeclaration.MESSAGE");

    private IASTExpression condition;
    private IASTLiteralExpression message;

    public StaticAssertDeclaration(IASTExpression condition, IASTLiteralExpression message) {
        this.condition = Nodes.adopt(this, condition, CONDITION);
        this.message = Nodes.adopt(this, message, MESSAGE);
    }

    public IASTExpression getCondition() {
        return condition;
    }

    /** The message literal, or null (C23 form without message). */
    public IASTLiteralExpression getMessage() {
        return message;
    }

    @Override
    public boolean accept(ASTVisitor action) {
        if (action.shouldVisitDeclarations) {
            int r = Nodes.enter(action.visit(this));
            if (r == 2) return false;
            if (r == 1) return true;
        }
        if (!Nodes.accept(condition, action) || !Nodes.accept(message, action)) return false;
        return !action.shouldVisitDeclarations || action.leave(this) != ASTVisitor.PROCESS_ABORT;
    }

    @Override
    public void replace(IASTNode child, IASTNode other) {
        if (child == condition) {
            Nodes.takePlace(child, other);
            condition = (IASTExpression) other;
        }
    }

    @Override
    public StaticAssertDeclaration copy() {
        return copy(CopyStyle.withoutLocations);
    }

    @Override
    public StaticAssertDeclaration copy(CopyStyle style) {
        return copy(new StaticAssertDeclaration(condition == null ? null : condition.copy(style),
                message == null ? null : message.copy(style)), style);
    }
}
