package dev.ferrite.frontend.cdt;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.cdt.core.dom.ast.IASTAttributeOwner;
import org.eclipse.cdt.core.dom.ast.IASTAttributeSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTDeclSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTName;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;
import org.eclipse.cdt.core.dom.ast.IFunction;
import org.eclipse.cdt.core.dom.ast.IType;
import org.eclipse.cdt.core.parser.util.AttributeUtil;
import org.eclipse.cdt.internal.core.dom.parser.c.CVisitor;

/** Queries for the information {@link FerriteCParser} adds to CDT's C AST. */
public final class CExtensions {
    private CExtensions() {}

    /** The keyword specifier of the given kind on a declaration specifier or pointer operator, or null. */
    public static KeywordSpecifier keyword(IASTAttributeOwner owner, KeywordSpecifier.Kind kind) {
        if (owner == null) return null;
        for (IASTAttributeSpecifier s : owner.getAttributeSpecifiers()) {
            if (s instanceof KeywordSpecifier && ((KeywordSpecifier) s).getKind() == kind) return (KeywordSpecifier) s;
        }
        return null;
    }

    /** {@code _Thread_local} or {@code __thread}. */
    public static boolean isThreadLocal(IASTDeclSpecifier declSpec) {
        return keyword(declSpec, KeywordSpecifier.Kind.THREAD_LOCAL) != null;
    }

    /** {@code _Noreturn}, or a {@code noreturn} attribute on the declaration specifier or the declarator. */
    public static boolean isNoreturn(IASTDeclSpecifier declSpec, IASTDeclarator declarator) {
        return (declSpec != null && AttributeUtil.hasNoreturnAttribute(declSpec))
                || (declarator != null && AttributeUtil.hasNoreturnAttribute(declarator));
    }

    /**
     * Whether a function is declared {@code _Noreturn} or with a {@code noreturn} attribute on any of its
     * declarations in the translation unit (CDT's {@code IFunction.isNoReturn()} only looks at the
     * attributes of the declarator).
     */
    public static boolean isNoreturn(IASTTranslationUnit tu, IFunction function) {
        if (function.isNoReturn()) return true;
        List<IASTName> names = new ArrayList<>(List.of(tu.getDeclarationsInAST(function)));
        names.addAll(List.of(tu.getDefinitionsInAST(function)));
        for (IASTName n : names) {
            if (!(n.getParent() instanceof IASTDeclarator)) continue;
            IASTDeclarator d = (IASTDeclarator) n.getParent();
            if (isNoreturn(declSpecifierOf(d), d)) return true;
        }
        return false;
    }

    /** {@code __seg_gs}/{@code __seg_fs} on a declaration specifier or pointer operator, or null. */
    public static String addressSpace(IASTAttributeOwner owner) {
        KeywordSpecifier k = keyword(owner, KeywordSpecifier.Kind.ADDRESS_SPACE);
        return k == null ? null : k.getKeyword();
    }

    /** The {@code _Atomic} qualifier on a declaration specifier or pointer, or {@code _Atomic(T)}. */
    public static boolean isAtomic(IASTAttributeOwner owner) {
        if (keyword(owner, KeywordSpecifier.Kind.ATOMIC) != null) return true;
        return owner instanceof IASTSimpleDeclSpecifier
                && ((IASTSimpleDeclSpecifier) owner)
                        .getDeclTypeExpression() instanceof AtomicTypeExpression;
    }

    /**
     * The type a declarator declares, with {@code __auto_type} deduced (same as CDT's
     * {@code CVisitor.createType}, which already handles {@link AutoTypeDeclSpecifier}).
     */
    public static IType declaredType(IASTDeclarator declarator) {
        return CVisitor.createType(declarator);
    }

    /** The declaration specifier a declarator belongs to, or null. */
    public static IASTDeclSpecifier declSpecifierOf(IASTDeclarator declarator) {
        IASTNode n = declarator;
        while (n instanceof IASTDeclarator) n = n.getParent();
        if (n instanceof IASTSimpleDeclaration) return ((IASTSimpleDeclaration) n).getDeclSpecifier();
        if (n instanceof IASTFunctionDefinition) return ((IASTFunctionDefinition) n).getDeclSpecifier();
        return null;
    }
}
