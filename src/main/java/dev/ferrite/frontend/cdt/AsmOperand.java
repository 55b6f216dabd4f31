package dev.ferrite.frontend.cdt;

import org.eclipse.cdt.core.dom.ast.ASTNodeProperty;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.internal.core.dom.parser.ASTNode;
import org.eclipse.cdt.internal.core.dom.parser.IASTAmbiguityParent;

/**
 * An operand of an extended {@code asm} statement: {@code [name] "constraint" (expression)}.
 * Output operands write their (lvalue) expression, and also read it when the constraint has {@code +}
 * (see {@link #isReadWrite()}); input operands read theirs.
 */
public final class AsmOperand extends ASTNode implements IASTAmbiguityParent {
    public static final ASTNodeProperty EXPRESSION = new ASTNodeProperty("AsmOperand.EXPRESSION");

    private final boolean output;
    private final String symbolicName;
    private final String constraintLiteral;
    private IASTExpression expression;

    /**
     * @param constraintLiteral the constraint as written, with its quotes (adjacent literals already joined)
     */
    public AsmOperand(boolean output, String symbolicName, String constraintLiteral, IASTExpression expression) {
        this.output = output;
        this.symbolicName = symbolicName;
        this.constraintLiteral = constraintLiteral;
        this.expression = Nodes.adopt(this, expression, EXPRESSION);
    }

    public boolean isOutput() {
        return output;
    }

    /** An output operand that is also read ({@code +} constraint). */
    public boolean isReadWrite() {
        return output && getConstraint().indexOf('+') >= 0;
    }

    /** The {@code [name]} of the operand, or null. */
    public String getSymbolicName() {
        return symbolicName;
    }

    /** The constraint without quotes, e.g. {@code =r}, {@code +m}, {@code ir}. */
    public String getConstraint() {
        return GnuAsmStatement.unquote(constraintLiteral);
    }

    /** The constraint as written, with quotes. */
    public String getConstraintLiteral() {
        return constraintLiteral;
    }

    /** The C expression (an lvalue for outputs). */
    public IASTExpression getExpression() {
        return expression;
    }

    @Override
    public IASTNode[] getChildren() {
        return expression == null ? IASTNode.EMPTY_NODE_ARRAY : new IASTNode[] {expression};
    }

    @Override
    public boolean accept(ASTVisitor action) {
        return Nodes.accept(expression, action);
    }

    @Override
    public void replace(IASTNode child, IASTNode other) {
        if (child == expression) {
            Nodes.takePlace(child, other);
            expression = (IASTExpression) other;
        }
    }

    @Override
    public AsmOperand copy() {
        return copy(CopyStyle.withoutLocations);
    }

    @Override
    public AsmOperand copy(CopyStyle style) {
        return copy(new AsmOperand(output, symbolicName, constraintLiteral,
                expression == null ? null : expression.copy(style)), style);
    }
}
