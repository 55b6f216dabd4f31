package dev.ferrite.ir.lower;

import dev.ferrite.ir.CType;
import dev.ferrite.ir.Global;
import dev.ferrite.ir.Operand;
import org.eclipse.cdt.core.dom.ast.IASTCastExpression;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTInitializer;
import org.eclipse.cdt.core.dom.ast.IASTLiteralExpression;
import org.eclipse.cdt.core.dom.ast.IASTUnaryExpression;
import org.eclipse.cdt.core.dom.ast.IBinding;
import org.eclipse.cdt.core.dom.ast.IFunction;
import org.eclipse.cdt.core.dom.ast.IVariable;

/** Records the constant pieces of a global's initializer: numbers, strings, function and global addresses. */
final class GlobalInitializer extends InitWalker {
    private final Lowering lowering;
    private final Global global;

    GlobalInitializer(Lowering lowering, Global global) {
        super(lowering.types);
        this.lowering = lowering;
        this.global = global;
    }

    void init(IASTInitializer init) {
        walk(0, global.var().type(), init);
    }

    @Override
    void scalar(long offset, CType type, IASTExpression e) {
        Long v = consts.eval(e);
        if (v != null) {
            global.inits().add(new Global.Init(offset, type, new Operand.IntConst(ConstEval.truncate(v, type), type)));
            return;
        }
        IASTExpression s = strip(e);
        if (s instanceof IASTLiteralExpression lit && lit.getKind() == IASTLiteralExpression.lk_string_literal) {
            global.inits().add(new Global.Init(offset, type, Literals.string(lit)));
            return;
        }
        boolean addressOf = false;
        if (s instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_amper) {
            s = strip(u.getOperand());
            addressOf = true;
        }
        if (s instanceof IASTIdExpression id) {
            IBinding b = id.getName().resolveBinding();
            if (b instanceof IFunction f) {
                global.inits().add(new Global.Init(offset, type, new Operand.FuncRef(f.getName(), lowering.types.convert(f.getType()))));
            } else if (b instanceof IVariable var && (addressOf || lowering.types.convert(var.getType()) instanceof CType.Array)) {
                global.addrInits().add(new Global.AddrInit(offset, var.getName(), 0));
                return;
            }
        }
        // Not a value we compute: it is not zero either.
        global.opaqueInits().add(new Global.OpaqueInit(offset, type));
    }

    @Override
    void string(long offset, CType.Array type, IASTLiteralExpression lit) {
        global.inits().add(new Global.Init(offset, type, Literals.string(lit)));
    }

    @Override
    void aggregate(long offset, CType type, IASTExpression e) {
        // A copy of another object at file scope: its value is not a constant we track.
    }

    private static IASTExpression strip(IASTExpression e) {
        while (true) {
            if (e instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_bracketedPrimary) {
                e = u.getOperand();
            } else if (e instanceof IASTCastExpression c) {
                e = c.getOperand();
            } else {
                return e;
            }
        }
    }
}
