package dev.ferrite.frontend.cdt;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.cdt.core.dom.ast.ASTNodeProperty;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTName;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTTypeId;
import org.eclipse.cdt.core.dom.ast.IArrayType;
import org.eclipse.cdt.core.dom.ast.IBinding;
import org.eclipse.cdt.core.dom.ast.ICompositeType;
import org.eclipse.cdt.core.dom.ast.IField;
import org.eclipse.cdt.core.dom.ast.IPointerType;
import org.eclipse.cdt.core.dom.ast.IType;
import org.eclipse.cdt.internal.core.dom.parser.ASTNode;
import org.eclipse.cdt.internal.core.dom.parser.IASTAmbiguityParent;
import org.eclipse.cdt.internal.core.dom.parser.c.CVisitor;

/**
 * {@code __builtin_offsetof(type, member-designator)}, the expansion of {@code offsetof}. The designator
 * is a field name followed by any number of {@code .field} and {@code [index]} parts; they are the
 * children after the type-id, as {@link IASTName}s (each resolves to its {@link IField}) and
 * {@link IASTExpression}s (indices). Type: {@code unsigned long} (size_t).
 */
public final class OffsetofExpression extends ASTNode implements IASTExpression, IASTAmbiguityParent {
    public static final ASTNodeProperty TYPE_ID = new ASTNodeProperty("OffsetofExpression.TYPE_ID");
    public static final ASTNodeProperty MEMBER = new ASTNodeProperty("OffsetofExpression.MEMBER");

    private IASTTypeId typeId;
    private final List<IASTNode> members = new ArrayList<>();

    public OffsetofExpression(IASTTypeId typeId) {
        this.typeId = Nodes.adopt(this, typeId, TYPE_ID);
    }

    /** Adds a field name ({@link IASTName}) or an array index ({@link IASTExpression}). */
    public void addMember(IASTNode member) {
        members.add(Nodes.adopt(this, member, MEMBER));
    }

    public IASTTypeId getTypeId() {
        return typeId;
    }

    /** The designator parts in order: {@link IASTName} for fields, {@link IASTExpression} for indices. */
    public IASTNode[] getMembers() {
        return members.toArray(new IASTNode[0]);
    }

    /** Resolver for the member names (see {@link ResolvingName}). */
    static IBinding resolveMember(IASTName name) {
        IASTNode p = name.getParent();
        return p instanceof OffsetofExpression ? ((OffsetofExpression) p).fieldOf(name) : null;
    }

    private IField fieldOf(IASTName name) {
        IType t = CVisitor.createType(typeId.getAbstractDeclarator());
        for (IASTNode m : members) {
            if (m instanceof IASTExpression) {
                IType u = CTypes.unqualified(t);
                if (u instanceof IArrayType) t = ((IArrayType) u).getType();
                else if (u instanceof IPointerType) t = ((IPointerType) u).getType();
                else return null;
            } else {
                IField f = findField(CTypes.unqualified(t), ((IASTName) m).toString());
                if (m == name) return f;
                if (f == null) return null;
                t = f.getType();
            }
        }
        return null;
    }

    /** Finds a field by name, looking into anonymous struct/union members too. */
    static IField findField(IType t, String name) {
        if (!(t instanceof ICompositeType)) return null;
        for (IField f : ((ICompositeType) t).getFields()) {
            String n = f.getName();
            if (n.equals(name)) return f;
            if (n.isEmpty()) {
                IField inner = findField(CTypes.unqualified(f.getType()), name);
                if (inner != null) return inner;
            }
        }
        return null;
    }

    @Override
    public IType getExpressionType() {
        return CTypes.sizeType();
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
    public IASTNode[] getChildren() {
        List<IASTNode> c = new ArrayList<>();
        c.add(typeId);
        c.addAll(members);
        return c.toArray(new IASTNode[0]);
    }

    @Override
    public boolean accept(ASTVisitor action) {
        if (action.shouldVisitExpressions) {
            int r = Nodes.enter(action.visit(this));
            if (r == 2) return false;
            if (r == 1) return true;
        }
        if (!Nodes.accept(typeId, action)) return false;
        for (IASTNode m : members) if (!m.accept(action)) return false;
        return !action.shouldVisitExpressions || action.leave(this) != ASTVisitor.PROCESS_ABORT;
    }

    @Override
    public void replace(IASTNode child, IASTNode other) {
        int i = members.indexOf(child);
        if (i >= 0) {
            Nodes.takePlace(child, other);
            members.set(i, other);
        }
    }

    @Override
    public OffsetofExpression copy() {
        return copy(CopyStyle.withoutLocations);
    }

    @Override
    public OffsetofExpression copy(CopyStyle style) {
        OffsetofExpression c = new OffsetofExpression(typeId == null ? null : typeId.copy(style));
        for (IASTNode m : members) c.addMember(m.copy(style));
        return copy(c, style);
    }
}
