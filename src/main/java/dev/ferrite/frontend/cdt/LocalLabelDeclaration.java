package dev.ferrite.frontend.cdt;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.cdt.core.dom.ast.ASTNodeProperty;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTName;
import org.eclipse.cdt.internal.core.dom.parser.ASTNode;

/**
 * GNU local label declaration {@code __label__ a, b;} (block scope, wrapped in a declaration
 * statement). It only scopes label names; no run-time effect.
 */
public final class LocalLabelDeclaration extends ASTNode implements IASTDeclaration {
    public static final ASTNodeProperty LABEL_NAME = new ASTNodeProperty("LocalLabelDeclaration.LABEL_NAME");

    private final List<IASTName> names = new ArrayList<>();

    public void addName(IASTName name) {
        names.add(Nodes.adopt(this, name, LABEL_NAME));
    }

    public IASTName[] getNames() {
        return names.toArray(new IASTName[0]);
    }

    @Override
    public boolean accept(ASTVisitor action) {
        if (action.shouldVisitDeclarations) {
            int r = Nodes.enter(action.visit(this));
            if (r == 2) return false;
            if (r == 1) return true;
        }
        for (IASTName n : names) if (!n.accept(action)) return false;
        return !action.shouldVisitDeclarations || action.leave(this) != ASTVisitor.PROCESS_ABORT;
    }

    @Override
    public LocalLabelDeclaration copy() {
        return copy(CopyStyle.withoutLocations);
    }

    @Override
    public LocalLabelDeclaration copy(CopyStyle style) {
        LocalLabelDeclaration c = new LocalLabelDeclaration();
        for (IASTName n : names) c.addName(n.copy(style));
        return copy(c, style);
    }
}
