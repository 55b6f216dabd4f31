package dev.ferrite.ir.lower;

import dev.ferrite.frontend.SourcePos;
import dev.ferrite.frontend.cdt.AsmOperand;
import dev.ferrite.frontend.cdt.ComplexPartExpression;
import dev.ferrite.frontend.cdt.GenericSelectionExpression;
import dev.ferrite.frontend.cdt.GnuAsmStatement;
import dev.ferrite.frontend.cdt.LocalLabelDeclaration;
import dev.ferrite.frontend.cdt.OffsetofExpression;
import dev.ferrite.frontend.cdt.StaticAssertDeclaration;
import dev.ferrite.frontend.cdt.TypesCompatibleExpression;
import dev.ferrite.frontend.cdt.VaArgExpression;
import dev.ferrite.ir.Block;
import dev.ferrite.ir.CType;
import dev.ferrite.ir.Instr;
import dev.ferrite.ir.Operand;
import dev.ferrite.ir.Terminator;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTName;
import org.eclipse.cdt.core.dom.ast.IASTStatement;

/**
 * Lowering of the AST nodes Ferrite's parser adds to CDT's: GNU asm statements (operands are reads
 * and writes of their variables; asm goto labels stay jump targets), _Generic (the selected
 * association), offsetof, va_arg, __builtin_types_compatible_p; _Static_assert and __label__ vanish.
 */
final class CustomNodes {
    private CustomNodes() {
    }

    private static final java.util.regex.Pattern CALL = java.util.regex.Pattern.compile("\\bcall\\s+([A-Za-z_][A-Za-z0-9_]*)");

    /** The symbol an asm template calls (the kernel's get_user: "call __" "get_user" "_%P4"), or null. */
    static String calledSymbol(String template) {
        if (template == null) return null;
        java.util.regex.Matcher m = CALL.matcher(template.replaceAll("\"\\s*\"", ""));
        return m.find() ? m.group(1) : null;
    }

    static boolean lowerStatement(FunctionLowering fl, IASTStatement s) {
        if (!(s instanceof GnuAsmStatement asm)) return false;
        SourcePos p = fl.posOf(asm);
        List<Operand> inputs = new ArrayList<>();
        List<Operand> outputs = new ArrayList<>();
        for (AsmOperand o : asm.getOutputs()) {
            if (o.getExpression() == null) continue;
            if (o.isReadWrite()) inputs.add(fl.expr(o.getExpression()));
            outputs.add(fl.addressOfExpression(o.getExpression()));
        }
        for (AsmOperand o : asm.getInputs()) {
            if (o.getExpression() == null) continue;
            // "m" operands name memory: the asm reads the object, not the value of an expression.
            if (o.getConstraint().contains("m") && !o.getConstraint().contains("r")) {
                inputs.add(fl.addressOfExpression(o.getExpression()));
            } else {
                inputs.add(fl.expr(o.getExpression()));
            }
        }
        fl.emitCustom(new Instr.Asm(inputs, outputs, p, calledSymbol(asm.getTemplate())));
        if (asm.isGoto() && asm.getGotoLabels().length > 0) {
            Block here = fl.currentBlockForCustom();
            Block next = fl.newBlockCustom();
            List<Block> targets = new ArrayList<>();
            targets.add(next);
            for (IASTName l : asm.getGotoLabels()) {
                Block b = fl.labelBlock(l.toString());
                if (!targets.contains(b)) targets.add(b);
            }
            here.setTerminator(new Terminator.Choice(null, targets, p));
            fl.setCurrent(next);
        }
        return true;
    }

    static boolean lowerDeclaration(FunctionLowering fl, IASTDeclaration d) {
        return d instanceof StaticAssertDeclaration || d instanceof LocalLabelDeclaration;
    }

    static Operand lowerExpression(FunctionLowering fl, IASTExpression e) {
        SourcePos p = fl.posOf(e);
        if (e instanceof GenericSelectionExpression g) {
            IASTExpression sel = g.getSelectedExpression();
            return sel != null ? fl.expr(sel) : fl.unknown(CType.INT, p);
        }
        if (e instanceof OffsetofExpression) {
            Long v = fl.constant(e);
            return v != null ? new Operand.IntConst(v, CType.ULONG) : fl.unknown(CType.ULONG, p);
        }
        if (e instanceof TypesCompatibleExpression t) return new Operand.IntConst(t.isCompatible() ? 1 : 0, CType.INT);
        if (e instanceof VaArgExpression va) {
            fl.expr(va.getVaList());
            return fl.unknown(CType.decay(fl.typeOfCustom(e)), p);
        }
        if (e instanceof ComplexPartExpression c) {
            fl.expr(c.getOperand());
            return fl.unknown(CType.DOUBLE, p);
        }
        return null;
    }

    /** offsetof(T, a.b[3].c) in bytes. */
    static Long offsetof(ConstEval consts, OffsetofExpression o) {
        CType t = consts.typeOf(o.getTypeId());
        long off = 0;
        for (org.eclipse.cdt.core.dom.ast.IASTNode m : o.getMembers()) {
            if (m instanceof IASTName n) {
                if (!(t instanceof CType.Struct s)) return null;
                long[] fo = new long[1];
                CType ft = InitWalker.findField(s, n.toString(), fo);
                if (ft == null) return null;
                off += fo[0];
                t = ft;
            } else if (m instanceof IASTExpression idx) {
                if (!(t instanceof CType.Array a)) return null;
                Long i = consts.eval(idx);
                if (i == null) return null;
                off += i * Math.max(0, a.elem().size());
                t = a.elem();
            }
        }
        return off;
    }
}
