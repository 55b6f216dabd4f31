package dev.ferrite.frontend.cdt;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.cdt.core.dom.ast.ASTNodeProperty;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTLabelStatement;
import org.eclipse.cdt.core.dom.ast.IASTName;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTStatement;
import org.eclipse.cdt.core.dom.ast.IBinding;
import org.eclipse.cdt.core.parser.util.CharArrayUtils;
import org.eclipse.cdt.internal.core.dom.parser.ASTAttributeOwner;
import org.eclipse.cdt.internal.core.dom.parser.IASTAmbiguityParent;

/**
 * A GNU {@code asm} statement inside a function:
 * {@code asm [volatile|inline|goto]... ("template" : outputs : inputs : clobbers : labels);}
 *
 * <p>Children in source order: output operands, input operands, then the {@code asm goto} label names.
 * Each label name resolves (via {@link IASTName#resolveBinding()}) to the function's label, like the name
 * of a {@code goto}: an {@code asm goto} may jump to any of them or fall through.
 */
public final class GnuAsmStatement extends ASTAttributeOwner implements IASTStatement, IASTAmbiguityParent {
    public static final ASTNodeProperty OUTPUT = new ASTNodeProperty("GnuAsmStatement.OUTPUT");
    public static final ASTNodeProperty INPUT = new ASTNodeProperty("GnuAsmStatement.INPUT");
    public static final ASTNodeProperty LABEL = new ASTNodeProperty("GnuAsmStatement.LABEL");

    private final String templateLiteral;
    private boolean isVolatile;
    private boolean isInline;
    private boolean isGoto;
    private final List<AsmOperand> outputs = new ArrayList<>();
    private final List<AsmOperand> inputs = new ArrayList<>();
    private final List<String> clobbers = new ArrayList<>();
    private final List<IASTName> labels = new ArrayList<>();

    /** @param templateLiteral the template as written, with quotes (adjacent literals already joined) */
    public GnuAsmStatement(String templateLiteral) {
        this.templateLiteral = templateLiteral;
    }

    public void setQualifiers(boolean isVolatile, boolean isInline, boolean isGoto) {
        this.isVolatile = isVolatile;
        this.isInline = isInline;
        this.isGoto = isGoto;
    }

    public void addOutput(AsmOperand op) {
        outputs.add(Nodes.adopt(this, op, OUTPUT));
    }

    public void addInput(AsmOperand op) {
        inputs.add(Nodes.adopt(this, op, INPUT));
    }

    public void addClobber(String literal) {
        clobbers.add(unquote(literal));
    }

    public void addLabel(IASTName name) {
        labels.add(Nodes.adopt(this, name, LABEL));
    }

    /** The template without its quotes (escapes not decoded). */
    public String getTemplate() {
        return unquote(templateLiteral);
    }

    public String getTemplateLiteral() {
        return templateLiteral;
    }

    public boolean isVolatile() {
        return isVolatile;
    }

    public boolean isInline() {
        return isInline;
    }

    public boolean isGoto() {
        return isGoto;
    }

    /** True for basic asm ({@code asm("...")} without any colon). */
    public boolean isBasic() {
        return outputs.isEmpty() && inputs.isEmpty() && clobbers.isEmpty() && labels.isEmpty();
    }

    public AsmOperand[] getOutputs() {
        return outputs.toArray(new AsmOperand[0]);
    }

    public AsmOperand[] getInputs() {
        return inputs.toArray(new AsmOperand[0]);
    }

    /** Clobbers without quotes, e.g. {@code memory}, {@code cc}. */
    public String[] getClobbers() {
        return clobbers.toArray(new String[0]);
    }

    public boolean clobbersMemory() {
        return clobbers.contains("memory");
    }

    /** The {@code asm goto} labels (empty unless {@link #isGoto()}). */
    public IASTName[] getGotoLabels() {
        return labels.toArray(new IASTName[0]);
    }

    /** Finds the label statement a goto-label name refers to in the enclosing function, or null. */
    public static IASTLabelStatement findLabel(IASTName name) {
        IASTNode n = name.getParent();
        while (n != null && !(n instanceof IASTFunctionDefinition)) n = n.getParent();
        if (n == null) return null;
        IASTLabelStatement[] found = new IASTLabelStatement[1];
        n.accept(new ASTVisitor() {
            {
                shouldVisitStatements = true;
            }

            @Override
            public int visit(IASTStatement s) {
                if (s instanceof IASTLabelStatement
                        && CharArrayUtils.equals(((IASTLabelStatement) s).getName().toCharArray(), name.toCharArray())) {
                    found[0] = (IASTLabelStatement) s;
                    return PROCESS_ABORT;
                }
                return PROCESS_CONTINUE;
            }
        });
        return found[0];
    }

    static IBinding resolveLabel(IASTName name) {
        IASTLabelStatement l = findLabel(name);
        return l == null ? null : l.getName().resolveBinding();
    }

    static String unquote(String literal) {
        if (literal == null) return null;
        int q = literal.indexOf('"');
        if (q >= 0 && literal.length() >= q + 2 && literal.endsWith("\"")) {
            return literal.substring(q + 1, literal.length() - 1);
        }
        return literal;
    }

    @Override
    public IASTNode[] getChildren() {
        List<IASTNode> c = new ArrayList<>();
        for (IASTNode a : getAttributeSpecifiers()) c.add(a);
        c.addAll(outputs);
        c.addAll(inputs);
        c.addAll(labels);
        return c.toArray(new IASTNode[0]);
    }

    @Override
    public boolean accept(ASTVisitor action) {
        if (action.shouldVisitStatements) {
            int r = Nodes.enter(action.visit(this));
            if (r == 2) return false;
            if (r == 1) return true;
        }
        if (!acceptByAttributeSpecifiers(action)) return false;
        for (AsmOperand o : outputs) if (!o.accept(action)) return false;
        for (AsmOperand o : inputs) if (!o.accept(action)) return false;
        for (IASTName n : labels) if (!n.accept(action)) return false;
        return !action.shouldVisitStatements || action.leave(this) != ASTVisitor.PROCESS_ABORT;
    }

    @Override
    public void replace(IASTNode child, IASTNode other) {
        // operands own their expressions; nothing ambiguous hangs directly off the statement
    }

    @Override
    public GnuAsmStatement copy() {
        return copy(CopyStyle.withoutLocations);
    }

    @Override
    public GnuAsmStatement copy(CopyStyle style) {
        GnuAsmStatement c = new GnuAsmStatement(templateLiteral);
        c.setQualifiers(isVolatile, isInline, isGoto);
        for (AsmOperand o : outputs) c.addOutput(o.copy(style));
        for (AsmOperand o : inputs) c.addInput(o.copy(style));
        c.clobbers.addAll(clobbers);
        for (IASTName n : labels) c.addLabel(n.copy(style));
        return copy(c, style);
    }
}
