package dev.ferrite.frontend.cdt;

import org.eclipse.cdt.core.dom.ast.ASTNodeProperty;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTNode;

/** Helpers shared by the custom AST nodes. */
final class Nodes {
    private Nodes() {}

    /** Makes {@code child} a child of {@code parent} under {@code property}; returns the child. */
    static <T extends IASTNode> T adopt(IASTNode parent, T child, ASTNodeProperty property) {
        if (child != null) {
            child.setParent(parent);
            child.setPropertyInParent(property);
        }
        return child;
    }

    /** Moves {@code other} into {@code child}'s place (used when ambiguities are resolved). */
    static void takePlace(IASTNode child, IASTNode other) {
        other.setParent(child.getParent());
        other.setPropertyInParent(child.getPropertyInParent());
    }

    /** Accepts a possibly-null child; false means abort. */
    static boolean accept(IASTNode child, ASTVisitor action) {
        return child == null || child.accept(action);
    }

    /** Result of a {@code visit} call: 0 continue into children, 1 skip children, 2 abort. */
    static int enter(int visitResult) {
        switch (visitResult) {
            case ASTVisitor.PROCESS_ABORT: return 2;
            case ASTVisitor.PROCESS_SKIP: return 1;
            default: return 0;
        }
    }
}
