package dev.ferrite.frontend.cdt;

import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTEqualsInitializer;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTFileLocation;
import org.eclipse.cdt.core.dom.ast.IASTInitializer;
import org.eclipse.cdt.core.dom.ast.IASTInitializerClause;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.IType;
import org.eclipse.cdt.internal.core.dom.parser.ASTNode;
import org.eclipse.cdt.internal.core.dom.parser.ProblemType;
import org.eclipse.cdt.internal.core.dom.parser.c.CASTSimpleDeclSpecifier;

/**
 * The declaration specifier of a GNU {@code __auto_type x = init;} declaration. {@link #getType()} is
 * {@code t_auto}; the declared type is the initializer's type after lvalue conversion. CDT computes
 * variable types from {@link #getDeclTypeExpression()}, which here returns a synthetic expression (not a
 * child; never visited) whose type is exactly that, so {@code IVariable.getType()} and
 * {@code CVisitor.createType(declarator)} give the deduced type. {@link #getDeducedType()} gives it
 * directly.
 */
public final class AutoTypeDeclSpecifier extends CASTSimpleDeclSpecifier {
    private final DeducedType deduced = new DeducedType();

    public AutoTypeDeclSpecifier() {
        setType(t_auto);
    }

    /** The initializer of the (single) declarator of the declaration, or null. */
    public IASTExpression getInitializerExpression() {
        IASTNode p = getParent();
        if (!(p instanceof IASTSimpleDeclaration)) return null;
        IASTDeclarator[] ds = ((IASTSimpleDeclaration) p).getDeclarators();
        if (ds.length == 0) return null;
        IASTInitializer init = ds[0].getInitializer();
        if (!(init instanceof IASTEqualsInitializer)) return null;
        IASTInitializerClause c = ((IASTEqualsInitializer) init).getInitializerClause();
        return c instanceof IASTExpression ? (IASTExpression) c : null;
    }

    /** The deduced type: the initializer's type after lvalue conversion, or a problem type. */
    public IType getDeducedType() {
        IASTExpression e = getInitializerExpression();
        if (e == null) return ProblemType.UNKNOWN_FOR_EXPRESSION;
        IType t = CTypes.lvalueConversion(e.getExpressionType());
        return t == null ? ProblemType.UNKNOWN_FOR_EXPRESSION : t;
    }

    @Override
    public IASTExpression getDeclTypeExpression() {
        return deduced;
    }

    @Override
    public AutoTypeDeclSpecifier copy() {
        return copy(CopyStyle.withoutLocations);
    }

    @Override
    public AutoTypeDeclSpecifier copy(CopyStyle style) {
        return copy(new AutoTypeDeclSpecifier(), style);
    }

    /** Synthetic expression carrying the deduced type for CDT's type computation. */
    private final class DeducedType extends ASTNode implements IASTExpression {
        @Override
        public IASTNode getParent() {
            return AutoTypeDeclSpecifier.this;
        }

        @Override
        public IASTFileLocation getFileLocation() {
            return AutoTypeDeclSpecifier.this.getFileLocation();
        }

        @Override
        public IType getExpressionType() {
            return getDeducedType();
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
        public boolean accept(ASTVisitor visitor) {
            return true;
        }

        @Override
        public IASTExpression copy() {
            return this;
        }

        @Override
        public IASTExpression copy(CopyStyle style) {
            return this;
        }
    }
}
