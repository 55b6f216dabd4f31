package dev.ferrite.ir.lower;

import dev.ferrite.frontend.SourcePos;
import dev.ferrite.ir.Attr;
import dev.ferrite.ir.Block;
import dev.ferrite.ir.CType;
import dev.ferrite.ir.Field;
import dev.ferrite.ir.Function;
import dev.ferrite.ir.FunctionDecl;
import dev.ferrite.ir.Global;
import dev.ferrite.ir.Instr;
import dev.ferrite.ir.Operand;
import dev.ferrite.ir.Rvalue;
import dev.ferrite.ir.Rvalue.BinOp;
import dev.ferrite.ir.Terminator;
import dev.ferrite.ir.Var;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTArrayDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTArrayModifier;
import org.eclipse.cdt.core.dom.ast.IASTArraySubscriptExpression;
import org.eclipse.cdt.core.dom.ast.IASTBinaryExpression;
import org.eclipse.cdt.core.dom.ast.IASTBinaryTypeIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTBreakStatement;
import org.eclipse.cdt.core.dom.ast.IASTCaseStatement;
import org.eclipse.cdt.core.dom.ast.IASTCastExpression;
import org.eclipse.cdt.core.dom.ast.IASTCompoundStatement;
import org.eclipse.cdt.core.dom.ast.IASTConditionalExpression;
import org.eclipse.cdt.core.dom.ast.IASTContinueStatement;
import org.eclipse.cdt.core.dom.ast.IASTDeclSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTDeclarationStatement;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTDefaultStatement;
import org.eclipse.cdt.core.dom.ast.IASTDoStatement;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTExpressionList;
import org.eclipse.cdt.core.dom.ast.IASTExpressionStatement;
import org.eclipse.cdt.core.dom.ast.IASTFieldReference;
import org.eclipse.cdt.core.dom.ast.IASTFileLocation;
import org.eclipse.cdt.core.dom.ast.IASTForStatement;
import org.eclipse.cdt.core.dom.ast.IASTFunctionCallExpression;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTGotoStatement;
import org.eclipse.cdt.core.dom.ast.IASTIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTIfStatement;
import org.eclipse.cdt.core.dom.ast.IASTInitializerClause;
import org.eclipse.cdt.core.dom.ast.IASTLabelStatement;
import org.eclipse.cdt.core.dom.ast.IASTLiteralExpression;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTNullStatement;
import org.eclipse.cdt.core.dom.ast.IASTParameterDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTProblemExpression;
import org.eclipse.cdt.core.dom.ast.IASTProblemStatement;
import org.eclipse.cdt.core.dom.ast.IASTReturnStatement;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTStandardFunctionDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTStatement;
import org.eclipse.cdt.core.dom.ast.IASTSwitchStatement;
import org.eclipse.cdt.core.dom.ast.IASTTypeIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTUnaryExpression;
import org.eclipse.cdt.core.dom.ast.IASTWhileStatement;
import org.eclipse.cdt.core.dom.ast.IBinding;
import org.eclipse.cdt.core.dom.ast.IEnumerator;
import org.eclipse.cdt.core.dom.ast.IFunction;
import org.eclipse.cdt.core.dom.ast.IParameter;
import org.eclipse.cdt.core.dom.ast.IType;
import org.eclipse.cdt.core.dom.ast.IVariable;
import org.eclipse.cdt.core.dom.ast.c.ICASTTypeIdInitializerExpression;
import org.eclipse.cdt.core.dom.ast.gnu.IGNUASTCompoundStatementExpression;
import org.eclipse.cdt.core.dom.ast.gnu.IGNUASTGotoStatement;

/**
 * Lowers one function body to a control-flow graph. Short-circuit operators, {@code ?:} and
 * statement expressions become branches; every memory access becomes an explicit load or store
 * through an address computed by field and index instructions.
 */
final class FunctionLowering {
    private static final int MAX_DEPTH = 2000; // 200 nested statement expressions take about 600

    private final Lowering L;
    private final IASTFunctionDefinition def;
    private final FunctionDecl decl;
    private final String fname;
    private final List<Block> blocks = new ArrayList<>();
    private final List<Var> vars = new ArrayList<>();
    private final List<Var> params = new ArrayList<>();
    private final Map<IBinding, Var> locals = new IdentityHashMap<>();
    private final Set<IBinding> addressTaken = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Var, Operand> vlaLengths = new IdentityHashMap<>();
    private final Map<Var, Global> staticLocals = new LinkedHashMap<>();
    private final Map<String, Block> labels = new HashMap<>();
    private final List<Block> labelAddresses = new ArrayList<>();
    private final Deque<Block> breakTargets = new ArrayDeque<>();
    private final Deque<Block> continueTargets = new ArrayDeque<>();
    private final Deque<Integer> breakScopes = new ArrayDeque<>();
    private final Deque<Integer> continueScopes = new ArrayDeque<>();
    private final List<List<Var[]>> scopes = new ArrayList<>(); // per scope: {var, cleanup function as FuncRef holder}
    private final Map<Var, Operand.FuncRef> cleanups = new IdentityHashMap<>();
    private final List<Choice> computedGotos = new ArrayList<>();
    private Block cur;
    private int nextVar;
    private int depth;
    private SwitchCtx sw;

    private record SwitchCtx(List<Terminator.Case> cases, Block[] deflt) {
    }

    private record Choice(Block block, Operand addr, SourcePos pos) {
    }

    /** An lvalue: a register variable or a place in memory. */
    private sealed interface LV permits RegLV, MemLV {
        CType type();
    }

    private record RegLV(Var var) implements LV {
        public CType type() {
            return var.type();
        }
    }

    private record MemLV(Operand addr, CType type, String text) implements LV {
    }

    FunctionLowering(Lowering l, IASTFunctionDefinition def, FunctionDecl decl) {
        this.L = l;
        this.def = def;
        this.decl = decl;
        this.fname = def.getDeclarator().getName().toString();
    }

    Function lower() {
        findAddressTaken(def);
        Block entry = newBlock();
        cur = entry;
        declareParams();
        scopes.add(new ArrayList<>());
        statement(def.getBody());
        if (cur != null) {
            SourcePos end = L.endPos(def);
            CType ret = decl != null ? decl.type().ret() : CType.INT;
            Operand rv = null;
            if (!(ret instanceof CType.Void) && fname.equals("main")) rv = new Operand.IntConst(0, ret);
            terminate(new Terminator.Return(rv, end));
        }
        for (Choice c : computedGotos) {
            c.block.setTerminator(new Terminator.Choice(c.addr, labelAddresses.isEmpty() ? List.of() : labelAddresses, c.pos));
        }
        for (Block b : blocks) {
            if (b.terminator() == null) b.setTerminator(new Terminator.Unreachable(L.endPos(def)));
        }
        FunctionDecl d = decl != null ? decl : L.implicitDecl(fname, L.pos(def));
        return new Function(d, L.map.fileAt(def.getFileLocation().getNodeOffset()), L.pos(def.getDeclarator()),
                L.endPos(def), params, vars, entry, blocks, staticLocals);
    }

    // ---------------------------------------------------------------- infrastructure

    private Block newBlock() {
        Block b = new Block(blocks.size());
        blocks.add(b);
        return b;
    }

    private void emit(Instr i) {
        if (cur == null) cur = newBlock(); // dead code: kept, but unreachable
        cur.instrs().add(i);
    }

    private void terminate(Terminator t) {
        if (cur == null) return;
        cur.setTerminator(t);
        cur = null;
    }

    private void jump(Block target, SourcePos p) {
        terminate(new Terminator.Jump(target, p));
    }

    private void startBlock(Block b, SourcePos p) {
        if (cur != null) jump(b, p);
        cur = b;
    }

    private Var temp(CType t, SourcePos p) {
        Var v = new Var(nextVar++, "t" + nextVar, t, Var.Kind.TEMP, t.isAggregate(), p);
        vars.add(v);
        return v;
    }

    private Var assignTemp(Rvalue rv, CType t, SourcePos p) {
        Var v = temp(t, p);
        emit(new Instr.Assign(v, rv, p));
        return v;
    }

    private SourcePos pos(IASTNode n) {
        return L.pos(n);
    }

    private static String text(IASTNode n) {
        try {
            IASTFileLocation loc = n.getFileLocation();
            if (loc == null) return "";
            String s = n.getRawSignature();
            s = s.replaceAll("\\s+", " ");
            return s.length() > 80 ? s.substring(0, 77) + "..." : s;
        } catch (RuntimeException e) {
            return "";
        }
    }

    private CType typeOf(IASTExpression e) {
        try {
            return L.types.convert(e.getExpressionType());
        } catch (RuntimeException ex) {
            return CType.INT;
        }
    }

    private CType convertType(IType t) {
        return L.types.convert(t);
    }

    private static IASTExpression strip(IASTExpression e) {
        while (e instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_bracketedPrimary) e = u.getOperand();
        return e;
    }

    // ---------------------------------------------------------------- variables

    private void findAddressTaken(IASTFunctionDefinition fd) {
        fd.accept(new ASTVisitor() {
            {
                shouldVisitExpressions = true;
                shouldVisitDeclarators = true;
            }

            @Override
            public int visit(IASTExpression e) {
                if (e instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_amper) {
                    IBinding b = root(u.getOperand());
                    if (b != null) addressTaken.add(b);
                }
                if (e.getParent() instanceof dev.ferrite.frontend.cdt.AsmOperand op
                        && (op.isOutput() || op.getConstraint().contains("m"))) {
                    IBinding b = root(e);
                    if (b != null) addressTaken.add(b);
                }
                return PROCESS_CONTINUE;
            }

            @Override
            public int visit(IASTDeclarator d) {
                for (Attr a : Lowering.varAttrs(d)) {
                    if (a.name().equals("cleanup")) addressTaken.add(d.getName().resolveBinding());
                }
                return PROCESS_CONTINUE;
            }
        });
    }

    /** The variable an lvalue expression is part of (x in x, x.f, x[3] for an array x). */
    private IBinding root(IASTExpression e) {
        e = strip(e);
        if (e instanceof IASTIdExpression id) return id.getName().resolveBinding();
        if (e instanceof IASTFieldReference fr && !fr.isPointerDereference()) return root(fr.getFieldOwner());
        if (e instanceof IASTArraySubscriptExpression a && typeOf(a.getArrayExpression()) instanceof CType.Array) {
            return root(a.getArrayExpression());
        }
        if (e instanceof IASTCastExpression c) return root(c.getOperand());
        return null;
    }

    private void declareParams() {
        if (!(Lowering.functionDeclarator(def.getDeclarator()) instanceof IASTStandardFunctionDeclarator sfd)) return;
        for (IASTParameterDeclaration pd : sfd.getParameters()) {
            IASTDeclarator d = Lowering.innermost(pd.getDeclarator());
            IBinding b = d.getName().resolveBinding();
            if (!(b instanceof IParameter p)) continue;
            CType t = CType.decay(convertType(p.getType()));
            if (t instanceof CType.Void) continue;
            String name = d.getName().toString();
            Var v = new Var(nextVar++, name.isEmpty() ? "arg" + params.size() : name, t, Var.Kind.PARAM,
                    t.isAggregate() || addressTaken.contains(b), pos(d));
            vars.add(v);
            params.add(v);
            locals.put(b, v);
        }
    }

    private Var varFor(IVariable v, IASTNode use) {
        Var local = locals.get(v);
        if (local != null) return local;
        return L.globalVar(v, pos(use));
    }

    private void localDeclaration(IASTSimpleDeclaration sd) {
        IASTDeclSpecifier spec = sd.getDeclSpecifier();
        int sc = spec.getStorageClass();
        if (sc == IASTDeclSpecifier.sc_typedef) return;
        for (IASTDeclarator d0 : sd.getDeclarators()) {
            IASTDeclarator d = Lowering.innermost(d0);
            IBinding b = d.getName().resolveBinding();
            if (!(b instanceof IVariable v) || b instanceof IFunction) continue;
            if (sc == IASTDeclSpecifier.sc_extern) {
                L.globalVar(v, pos(d));
                continue;
            }
            if (sc == IASTDeclSpecifier.sc_static) {
                Global g = L.staticLocal(fname, v, pos(d));
                staticLocals.put(g.var(), g);
                if (d0.getInitializer() != null) {
                    g.setHasInitializer();
                    new GlobalInitializer(L, g).init(d0.getInitializer());
                }
                continue;
            }
            CType t = convertType(v.getType());
            if (t instanceof CType.Array a && a.length() < 0 && !a.vla()) t = inferArrayLength(a, d0);
            boolean mem = t.isAggregate() || addressTaken.contains(b);
            Var var = new Var(nextVar++, d.getName().toString(), t, Var.Kind.LOCAL, mem, pos(d));
            vars.add(var);
            locals.put(b, var);
            Operand vla = null;
            if (t instanceof CType.Array a && a.vla()) vla = vlaLength(d0);
            if (vla != null) vlaLengths.put(var, vla);
            emit(new Instr.Decl(var, vla, pos(d)));
            for (Attr a : Lowering.varAttrs(d0)) {
                if (a.name().equals("cleanup") && a.strArg(0) != null) {
                    cleanups.put(var, new Operand.FuncRef(a.strArg(0), CType.VOID_PTR));
                    scopes.get(scopes.size() - 1).add(new Var[] {var});
                }
            }
            if (d0.getInitializer() != null) initLocal(var, d0);
        }
    }

    private CType inferArrayLength(CType.Array a, IASTDeclarator d) {
        // A written dimension the type converter could not fold (it tries our own evaluator on it): the
        // initializer does not decide the length then.
        if (d instanceof org.eclipse.cdt.core.dom.ast.IASTArrayDeclarator ad && ad.getArrayModifiers().length > 0
                && ad.getArrayModifiers()[0].getConstantExpression() != null) {
            return a;
        }
        if (d.getInitializer() instanceof org.eclipse.cdt.core.dom.ast.IASTEqualsInitializer eq) {
            IASTInitializerClause c = eq.getInitializerClause();
            if (c instanceof org.eclipse.cdt.core.dom.ast.IASTInitializerList list) {
                return new CType.Array(a.elem(), list.getSize(), false);
            }
            if (c instanceof IASTExpression e && strip(e) instanceof IASTLiteralExpression lit
                    && lit.getKind() == IASTLiteralExpression.lk_string_literal) {
                return new CType.Array(a.elem(), Literals.string(lit).value().length() + 1, false);
            }
        }
        return a;
    }

    /** The number of elements of a variable-length array, as an operand (product of all dimensions). */
    private Operand vlaLength(IASTDeclarator d) {
        if (!(d instanceof IASTArrayDeclarator ad)) return null;
        Operand total = null;
        for (IASTArrayModifier m : ad.getArrayModifiers()) {
            IASTExpression e = m.getConstantExpression();
            if (e == null) continue;
            Operand n = convert(expr(e), CType.ULONG, pos(e));
            total = total == null ? n : assignTemp(new Rvalue.Binary(BinOp.MUL, total, n, CType.ULONG), CType.ULONG, pos(e));
        }
        return total;
    }

    private void initLocal(Var var, IASTDeclarator d) {
        SourcePos p = pos(d);
        if (!var.inMemory()) {
            IASTInitializerClause c = d.getInitializer() instanceof org.eclipse.cdt.core.dom.ast.IASTEqualsInitializer eq
                    ? eq.getInitializerClause() : null;
            while (c instanceof org.eclipse.cdt.core.dom.ast.IASTInitializerList list) {
                IASTInitializerClause[] cs = list.getClauses();
                c = cs.length > 0 ? cs[0] : null;
                if (c == null) {
                    emit(new Instr.Assign(var, new Rvalue.Use(new Operand.IntConst(0, var.type())), p));
                    return;
                }
            }
            if (c instanceof IASTExpression e) {
                Operand v = expr(e);
                emit(new Instr.Assign(var, new Rvalue.Use(convert(v, var.type(), p)), p));
            }
            return;
        }
        Var addr = assignTemp(new Rvalue.AddrOf(var), new CType.Ptr(var.type()), p);
        IASTInitializerClause top = d.getInitializer() instanceof org.eclipse.cdt.core.dom.ast.IASTEqualsInitializer eq
                ? eq.getInitializerClause() : null;
        if (top instanceof org.eclipse.cdt.core.dom.ast.IASTInitializerList) emit(new Instr.ZeroFill(addr, var.type(), p));
        new LocalInit(addr, p).walk(0, var.type(), d.getInitializer());
    }

    /** Emits the stores of a local initializer. */
    private final class LocalInit extends InitWalker {
        private final Operand base;
        private final SourcePos p;

        LocalInit(Operand base, SourcePos p) {
            super(L.types);
            this.base = base;
            this.p = p;
        }

        private Operand at(long offset, CType t) {
            if (offset == 0) {
                return base.type() instanceof CType.Ptr bp && bp.pointee() == t ? base
                        : assignTemp(new Rvalue.Cast(new CType.Ptr(t), base), new CType.Ptr(t), p);
            }
            Var bytes = assignTemp(new Rvalue.IndexAddr(base, new Operand.IntConst(offset, CType.LONG), CType.UCHAR), new CType.Ptr(CType.UCHAR), p);
            return assignTemp(new Rvalue.Cast(new CType.Ptr(t), bytes), new CType.Ptr(t), p);
        }

        @Override
        void scalar(long offset, CType type, IASTExpression e) {
            Operand v = expr(e);
            emit(new Instr.Store(at(offset, type), convert(v, type, pos(e)), type, pos(e), text(e)));
        }

        @Override
        void string(long offset, CType.Array type, IASTLiteralExpression lit) {
            emit(new Instr.InitString(at(offset, type), Literals.string(lit), type, pos(lit)));
        }

        @Override
        void aggregate(long offset, CType type, IASTExpression e) {
            Operand v = expr(e);
            emit(new Instr.Copy(at(offset, type), v, type, pos(e), text(e)));
        }
    }

    // ---------------------------------------------------------------- statements

    private void statement(IASTStatement s) {
        if (s == null) return;
        if (++depth > MAX_DEPTH) throw new IllegalStateException("statements nested deeper than " + MAX_DEPTH);
        try {
            doStatement(s);
        } finally {
            depth--;
        }
    }

    private void doStatement(IASTStatement s) {
        if (s instanceof IASTCompoundStatement c) {
            scopes.add(new ArrayList<>());
            for (IASTStatement st : c.getStatements()) statement(st);
            if (cur != null) runCleanups(scopes.size() - 1, L.endPos(c));
            scopes.remove(scopes.size() - 1);
        } else if (s instanceof IASTExpressionStatement es) {
            effect(es.getExpression());
        } else if (s instanceof IASTDeclarationStatement ds) {
            IASTDeclaration d = ds.getDeclaration();
            if (d instanceof IASTSimpleDeclaration sd) {
                localDeclaration(sd);
            } else if (d instanceof org.eclipse.cdt.core.dom.ast.IASTASMDeclaration) {
                emit(new Instr.Asm(List.of(), List.of(), pos(d)));
            } else if (!CustomNodes.lowerDeclaration(this, d)) {
                // nested functions and the like: not part of this function's flow
            }
        } else if (s instanceof IASTIfStatement is) {
            ifStatement(is);
        } else if (s instanceof IASTWhileStatement ws) {
            Block head = newBlock();
            Block body = newBlock();
            Block exit = newBlock();
            startBlock(head, pos(ws));
            cond(ws.getCondition(), body, exit);
            cur = body;
            loopBody(ws.getBody(), exit, head);
            jump(head, pos(ws));
            cur = exit;
        } else if (s instanceof IASTDoStatement dw) {
            Block body = newBlock();
            Block cont = newBlock();
            Block exit = newBlock();
            startBlock(body, pos(dw));
            loopBody(dw.getBody(), exit, cont);
            startBlock(cont, pos(dw.getCondition()));
            cond(dw.getCondition(), body, exit);
            cur = exit;
        } else if (s instanceof IASTForStatement fs) {
            forStatement(fs);
        } else if (s instanceof IASTSwitchStatement ss) {
            switchStatement(ss);
        } else if (s instanceof IASTCaseStatement cs) {
            caseLabel(cs);
        } else if (s instanceof IASTDefaultStatement ds) {
            Block b = newBlock();
            startBlock(b, pos(ds));
            if (sw != null) sw.deflt[0] = b;
        } else if (s instanceof IASTBreakStatement) {
            if (!breakTargets.isEmpty()) {
                runCleanups(breakScopes.peek(), pos(s));
                jump(breakTargets.peek(), pos(s));
            }
        } else if (s instanceof IASTContinueStatement) {
            if (!continueTargets.isEmpty()) {
                runCleanups(continueScopes.peek(), pos(s));
                jump(continueTargets.peek(), pos(s));
            }
        } else if (s instanceof IASTReturnStatement rs) {
            returnStatement(rs);
        } else if (s instanceof IASTGotoStatement gs) {
            jump(label(gs.getName().toString()), pos(gs));
        } else if (s instanceof IGNUASTGotoStatement gg) {
            Operand addr = expr(gg.getLabelNameExpression());
            if (cur == null) cur = newBlock();
            computedGotos.add(new Choice(cur, addr, pos(gg)));
            cur = null;
        } else if (s instanceof IASTLabelStatement ls) {
            startBlock(label(ls.getName().toString()), pos(ls));
            statement(ls.getNestedStatement());
        } else if (s instanceof IASTNullStatement) {
            // nothing
        } else if (s instanceof IASTProblemStatement) {
            emit(new Instr.Asm(List.of(), List.of(), pos(s))); // keeps a position; reads and writes nothing
        } else if (!CustomNodes.lowerStatement(this, s)) {
            throw new IllegalStateException("statement not supported: " + s.getClass().getSimpleName() + " at " + pos(s));
        }
    }

    private void ifStatement(IASTIfStatement is) {
        Block then = newBlock();
        Block exit = newBlock();
        Block els = is.getElseClause() != null ? newBlock() : exit;
        cond(is.getConditionExpression(), then, els);
        cur = then;
        statement(is.getThenClause());
        jump(exit, pos(is));
        if (is.getElseClause() != null) {
            cur = els;
            statement(is.getElseClause());
            jump(exit, pos(is));
        }
        cur = exit;
    }

    private void loopBody(IASTStatement body, Block brk, Block cont) {
        breakTargets.push(brk);
        continueTargets.push(cont);
        breakScopes.push(scopes.size());
        continueScopes.push(scopes.size());
        statement(body);
        breakTargets.pop();
        continueTargets.pop();
        breakScopes.pop();
        continueScopes.pop();
    }

    private void forStatement(IASTForStatement fs) {
        scopes.add(new ArrayList<>());
        statement(fs.getInitializerStatement());
        Block head = newBlock();
        Block body = newBlock();
        Block inc = newBlock();
        Block exit = newBlock();
        startBlock(head, pos(fs));
        if (fs.getConditionExpression() != null) {
            cond(fs.getConditionExpression(), body, exit);
        } else {
            jump(body, pos(fs));
        }
        cur = body;
        loopBody(fs.getBody(), exit, inc);
        startBlock(inc, pos(fs));
        if (fs.getIterationExpression() != null) effect(fs.getIterationExpression());
        jump(head, pos(fs));
        cur = exit;
        if (cur != null) runCleanups(scopes.size() - 1, pos(fs));
        scopes.remove(scopes.size() - 1);
    }

    private void switchStatement(IASTSwitchStatement ss) {
        Operand v = expr(ss.getControllerExpression());
        if (cur == null) cur = newBlock();
        Block head = cur;
        cur = null;
        Block exit = newBlock();
        SwitchCtx saved = sw;
        sw = new SwitchCtx(new ArrayList<>(), new Block[1]);
        breakTargets.push(exit);
        breakScopes.push(scopes.size());
        statement(ss.getBody());
        breakTargets.pop();
        breakScopes.pop();
        jump(exit, pos(ss));
        Block deflt = sw.deflt[0] != null ? sw.deflt[0] : exit;
        head.setTerminator(new Terminator.Switch(v, sw.cases, deflt, pos(ss)));
        sw = saved;
        cur = exit;
    }

    private void caseLabel(IASTCaseStatement cs) {
        Block b = newBlock();
        startBlock(b, pos(cs));
        if (sw == null) return;
        IASTExpression e = cs.getExpression();
        Long lo;
        Long hi;
        if (strip(e) instanceof IASTBinaryExpression be && be.getOperator() == IASTBinaryExpression.op_ellipses) {
            lo = L.types.consts.eval(be.getOperand1());
            hi = L.types.consts.eval(be.getOperand2());
        } else {
            lo = L.types.consts.eval(e);
            hi = lo;
        }
        if (lo != null && hi != null) sw.cases.add(new Terminator.Case(lo, hi, b));
    }

    private void returnStatement(IASTReturnStatement rs) {
        Operand v = null;
        IASTExpression e = rs.getReturnValue();
        if (e != null) {
            v = expr(e);
            CType ret = decl != null ? decl.type().ret() : typeOf(e);
            if (!ret.isAggregate() && !(ret instanceof CType.Void)) v = convert(v, ret, pos(e));
            if (ret instanceof CType.Void) v = null;
        }
        runCleanups(0, pos(rs));
        terminate(new Terminator.Return(v, pos(rs)));
    }

    private Block label(String name) {
        return labels.computeIfAbsent(name, k -> newBlock());
    }

    /** Calls the {@code cleanup} functions of variables in scopes from {@code fromScope} outwards-in. */
    private void runCleanups(int fromScope, SourcePos p) {
        for (int i = scopes.size() - 1; i >= fromScope && i >= 0; i--) {
            List<Var[]> sc = scopes.get(i);
            for (int k = sc.size() - 1; k >= 0; k--) {
                Var v = sc.get(k)[0];
                Operand.FuncRef fn = cleanups.get(v);
                Var addr = assignTemp(new Rvalue.AddrOf(v), new CType.Ptr(v.type()), p);
                emit(new Instr.Call(null, fn, List.of(addr), p, fn.name() + "(&" + v.name() + ")"));
            }
        }
    }

    // ---------------------------------------------------------------- conditions

    /** Lowers a condition straight into branches (no 0/1 value is built for && and ||). */
    private void cond(IASTExpression e0, Block t, Block f) {
        IASTExpression e = strip(e0);
        SourcePos p = pos(e);
        Long c = constantCondition(e);
        if (c != null) {
            jump(c != 0 ? t : f, p);
            return;
        }
        if (e instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_not) {
            cond(u.getOperand(), f, t);
            return;
        }
        if (e instanceof IASTBinaryExpression b) {
            int op = b.getOperator();
            if (op == IASTBinaryExpression.op_logicalAnd || op == IASTBinaryExpression.op_logicalOr) {
                Block mid = newBlock();
                if (op == IASTBinaryExpression.op_logicalAnd) {
                    cond(b.getOperand1(), mid, f);
                } else {
                    cond(b.getOperand1(), t, mid);
                }
                cur = mid;
                cond(b.getOperand2(), t, f);
                return;
            }
            BinOp cmp = comparison(op);
            if (cmp != null) {
                Operand l = expr(b.getOperand1());
                Operand r = expr(b.getOperand2());
                terminate(new Terminator.Branch(cmp, l, r, t, f, p));
                return;
            }
        }
        if (e instanceof IASTConditionalExpression ce && ce.getPositiveResultExpression() != null) {
            Block bt = newBlock();
            Block bf = newBlock();
            cond(ce.getLogicalConditionExpression(), bt, bf);
            cur = bt;
            cond(ce.getPositiveResultExpression(), t, f);
            cur = bf;
            cond(ce.getNegativeResultExpression(), t, f);
            return;
        }
        if (e instanceof IASTExpressionList list) {
            IASTExpression[] es = list.getExpressions();
            for (int i = 0; i < es.length - 1; i++) effect(es[i]);
            cond(es[es.length - 1], t, f);
            return;
        }
        if (e instanceof IASTFunctionCallExpression call && isBuiltin(call, "__builtin_expect", "__builtin_expect_with_probability")
                && call.getArguments().length >= 1 && call.getArguments()[0] instanceof IASTExpression a) {
            cond(a, t, f);
            return;
        }
        Operand v = expr(e);
        terminate(new Terminator.Branch(BinOp.NE, v, zero(v.type()), t, f, p));
    }

    /** Conditions that are constant in the source ({@code if (1)}, {@code while (0)}). */
    private Long constantCondition(IASTExpression e) {
        if (e instanceof IASTLiteralExpression || e instanceof IASTBinaryExpression || e instanceof IASTUnaryExpression
                || e instanceof IASTTypeIdExpression || e instanceof IASTIdExpression || e instanceof IASTFunctionCallExpression) {
            if (e instanceof IASTIdExpression id && !(id.getName().resolveBinding() instanceof IEnumerator)) return null;
            if (e instanceof IASTFunctionCallExpression call && !isBuiltin(call, "__builtin_constant_p", "__builtin_choose_expr")) return null;
            return L.types.consts.eval(e);
        }
        return null;
    }

    private static boolean isBuiltin(IASTFunctionCallExpression call, String... names) {
        if (strip(call.getFunctionNameExpression()) instanceof IASTIdExpression id) {
            String n = id.getName().toString();
            for (String s : names) if (n.equals(s)) return true;
        }
        return false;
    }

    private static BinOp comparison(int op) {
        return switch (op) {
            case IASTBinaryExpression.op_equals -> BinOp.EQ;
            case IASTBinaryExpression.op_notequals -> BinOp.NE;
            case IASTBinaryExpression.op_lessThan -> BinOp.LT;
            case IASTBinaryExpression.op_lessEqual -> BinOp.LE;
            case IASTBinaryExpression.op_greaterThan -> BinOp.GT;
            case IASTBinaryExpression.op_greaterEqual -> BinOp.GE;
            default -> null;
        };
    }

    private static BinOp arith(int op) {
        return switch (op) {
            case IASTBinaryExpression.op_plus, IASTBinaryExpression.op_plusAssign -> BinOp.ADD;
            case IASTBinaryExpression.op_minus, IASTBinaryExpression.op_minusAssign -> BinOp.SUB;
            case IASTBinaryExpression.op_multiply, IASTBinaryExpression.op_multiplyAssign -> BinOp.MUL;
            case IASTBinaryExpression.op_divide, IASTBinaryExpression.op_divideAssign -> BinOp.DIV;
            case IASTBinaryExpression.op_modulo, IASTBinaryExpression.op_moduloAssign -> BinOp.MOD;
            case IASTBinaryExpression.op_shiftLeft, IASTBinaryExpression.op_shiftLeftAssign -> BinOp.SHL;
            case IASTBinaryExpression.op_shiftRight, IASTBinaryExpression.op_shiftRightAssign -> BinOp.SHR;
            case IASTBinaryExpression.op_binaryAnd, IASTBinaryExpression.op_binaryAndAssign -> BinOp.AND;
            case IASTBinaryExpression.op_binaryOr, IASTBinaryExpression.op_binaryOrAssign -> BinOp.OR;
            case IASTBinaryExpression.op_binaryXor, IASTBinaryExpression.op_binaryXorAssign -> BinOp.XOR;
            default -> null;
        };
    }

    private static Operand zero(CType t) {
        return new Operand.IntConst(0, t instanceof CType.Ptr || t instanceof CType.Int ? t : CType.INT);
    }

    // ---------------------------------------------------------------- expressions

    /** Evaluates for side effects only. */
    void effect(IASTExpression e0) {
        IASTExpression e = strip(e0);
        if (e instanceof IASTCastExpression c) {
            effect(c.getOperand());
            return;
        }
        if (e instanceof IASTExpressionList list) {
            for (IASTExpression x : list.getExpressions()) effect(x);
            return;
        }
        if (e instanceof IASTUnaryExpression u && (u.getOperator() == IASTUnaryExpression.op_postFixIncr
                || u.getOperator() == IASTUnaryExpression.op_postFixDecr)) {
            incDec(u.getOperand(), u.getOperator() == IASTUnaryExpression.op_postFixIncr, false, pos(u));
            return;
        }
        if (e instanceof IASTConditionalExpression ce && ce.getPositiveResultExpression() != null) {
            Block bt = newBlock();
            Block bf = newBlock();
            Block exit = newBlock();
            cond(ce.getLogicalConditionExpression(), bt, bf);
            cur = bt;
            effect(ce.getPositiveResultExpression());
            jump(exit, pos(ce));
            cur = bf;
            effect(ce.getNegativeResultExpression());
            jump(exit, pos(ce));
            cur = exit;
            return;
        }
        if (e instanceof IASTBinaryExpression b && (b.getOperator() == IASTBinaryExpression.op_logicalAnd
                || b.getOperator() == IASTBinaryExpression.op_logicalOr)) {
            Block exit = newBlock();
            Block mid = newBlock();
            if (b.getOperator() == IASTBinaryExpression.op_logicalAnd) {
                cond(b.getOperand1(), mid, exit);
            } else {
                cond(b.getOperand1(), exit, mid);
            }
            cur = mid;
            effect(b.getOperand2());
            jump(exit, pos(b));
            cur = exit;
            return;
        }
        if (e instanceof IASTFunctionCallExpression call) {
            call(call, false);
            return;
        }
        expr(e);
    }

    /** Evaluates to an operand (arrays and functions decay to pointers; structs yield their address). */
    Operand expr(IASTExpression e) {
        if (++depth > MAX_DEPTH) throw new IllegalStateException("expression nested deeper than " + MAX_DEPTH);
        try {
            return doExpr(e);
        } finally {
            depth--;
        }
    }

    private Operand doExpr(IASTExpression e) {
        SourcePos p = pos(e);
        if (e instanceof IASTLiteralExpression lit) return literal(lit);
        if (e instanceof IASTIdExpression id) {
            IBinding b = id.getName().resolveBinding();
            if (b instanceof IEnumerator en) {
                Long v = en.getValue() != null && en.getValue().numberValue() != null ? en.getValue().numberValue().longValue() : null;
                return v == null ? unknown(CType.INT, p) : new Operand.IntConst(v, CType.INT);
            }
            if (b instanceof IFunction f) return new Operand.FuncRef(f.getName(), convertType(f.getType()));
            if (b instanceof IVariable) return read(lvalue(e), p);
            if (b == null || b instanceof org.eclipse.cdt.core.dom.ast.IProblemBinding) {
                // An undeclared name (implicit function declaration in old code): a function by that name.
                return new Operand.FuncRef(id.getName().toString(), new CType.Func(CType.INT, List.of(), true));
            }
            return unknown(typeOf(e), p);
        }
        if (e instanceof IASTUnaryExpression u) return unary(u, p);
        if (e instanceof IASTBinaryExpression b) return binary(b, p);
        if (e instanceof IASTFunctionCallExpression call) return call(call, true);
        if (e instanceof IASTCastExpression c) {
            CType to = L.types.consts.typeOf(c.getTypeId());
            if (to instanceof CType.Void) {
                effect(c.getOperand());
                return new Operand.IntConst(0, CType.INT);
            }
            Operand v = expr(c.getOperand());
            if (v instanceof Operand.IntConst ic && (to instanceof CType.Int || to instanceof CType.Ptr)) {
                return new Operand.IntConst(ConstEval.truncate(ic.value(), to), to, ic.sizeofOf());
            }
            if (to.isAggregate()) return v;
            return assignTemp(new Rvalue.Cast(to, v), to, p);
        }
        if (e instanceof IASTFieldReference || e instanceof IASTArraySubscriptExpression) return read(lvalue(e), p);
        if (e instanceof IASTConditionalExpression ce) return conditional(ce, p);
        if (e instanceof IASTExpressionList list) {
            IASTExpression[] es = list.getExpressions();
            for (int i = 0; i < es.length - 1; i++) effect(es[i]);
            return expr(es[es.length - 1]);
        }
        if (e instanceof IASTTypeIdExpression t) {
            CType ct = L.types.consts.typeOf(t.getTypeId());
            if (t.getOperator() == IASTTypeIdExpression.op_sizeof) {
                return ct.size() >= 0 ? new Operand.IntConst(ct.size(), CType.ULONG, ct) : unknown(CType.ULONG, p);
            }
            Long v = L.types.consts.eval(e);
            return v != null ? new Operand.IntConst(v, CType.ULONG) : unknown(CType.ULONG, p);
        }
        if (e instanceof IASTBinaryTypeIdExpression) {
            Long v = L.types.consts.eval(e);
            return new Operand.IntConst(v == null ? 0 : v, CType.INT);
        }
        if (e instanceof ICASTTypeIdInitializerExpression lit) {
            CType t = L.types.consts.typeOf(lit.getTypeId());
            if (t instanceof CType.Array a && a.length() < 0 && lit.getInitializer() instanceof org.eclipse.cdt.core.dom.ast.IASTInitializerList list) {
                t = new CType.Array(a.elem(), list.getSize(), false);
            }
            Var tmp = new Var(nextVar++, "compound" + nextVar, t, Var.Kind.TEMP, true, p);
            vars.add(tmp);
            emit(new Instr.Decl(tmp, null, p));
            Var addr = assignTemp(new Rvalue.AddrOf(tmp), new CType.Ptr(t), p);
            emit(new Instr.ZeroFill(addr, t, p));
            new LocalInit(addr, p).walk(0, t, lit.getInitializer());
            return read(new MemLV(addr, t, "compound literal"), p);
        }
        if (e instanceof IGNUASTCompoundStatementExpression se) return statementExpression(se, p);
        if (e instanceof IASTProblemExpression) return unknown(CType.INT, p);
        Operand custom = CustomNodes.lowerExpression(this, e);
        if (custom != null) return custom;
        throw new IllegalStateException("expression not supported: " + e.getClass().getSimpleName() + " at " + p);
    }

    Operand unknown(CType t, SourcePos p) {
        return assignTemp(new Rvalue.Unknown(t), t, p);
    }

    private Operand literal(IASTLiteralExpression lit) {
        String v = new String(lit.getValue());
        switch (lit.getKind()) {
            case IASTLiteralExpression.lk_integer_constant: {
                Long n = ConstEval.parseInt(v);
                CType t = typeOf(lit);
                return n == null ? unknown(t, pos(lit)) : new Operand.IntConst(n, t);
            }
            case IASTLiteralExpression.lk_char_constant: {
                Long n = ConstEval.parseChar(v);
                return new Operand.IntConst(n == null ? 0 : n, CType.INT);
            }
            case IASTLiteralExpression.lk_float_constant: {
                double d;
                try {
                    d = Double.parseDouble(v.replaceAll("[fFlL]+$", ""));
                } catch (NumberFormatException ex) {
                    d = 0;
                }
                return new Operand.FloatConst(d, typeOf(lit));
            }
            case IASTLiteralExpression.lk_string_literal:
                return Literals.string(lit);
            case IASTLiteralExpression.lk_true:
                return new Operand.IntConst(1, CType.BOOL);
            case IASTLiteralExpression.lk_false:
                return new Operand.IntConst(0, CType.BOOL);
            default:
                return unknown(typeOf(lit), pos(lit));
        }
    }

    private Operand unary(IASTUnaryExpression u, SourcePos p) {
        int op = u.getOperator();
        switch (op) {
            case IASTUnaryExpression.op_bracketedPrimary:
                return expr(u.getOperand());
            case IASTUnaryExpression.op_star:
            case IASTUnaryExpression.op_amper:
                if (op == IASTUnaryExpression.op_amper) {
                    IASTExpression inner = strip(u.getOperand());
                    if (inner instanceof IASTIdExpression id && id.getName().resolveBinding() instanceof IFunction f) {
                        return new Operand.FuncRef(f.getName(), convertType(f.getType()));
                    }
                    return addrOf(lvalue(u.getOperand()), p);
                }
                return read(lvalue(u), p);
            case IASTUnaryExpression.op_minus: {
                Operand v = expr(u.getOperand());
                if (v instanceof Operand.IntConst ic) return new Operand.IntConst(-ic.value(), ic.type());
                return assignTemp(new Rvalue.Unary(Rvalue.UnOp.NEG, v), typeOf(u), p);
            }
            case IASTUnaryExpression.op_plus:
                return expr(u.getOperand());
            case IASTUnaryExpression.op_tilde: {
                Operand v = expr(u.getOperand());
                return assignTemp(new Rvalue.Unary(Rvalue.UnOp.BITNOT, v), typeOf(u), p);
            }
            case IASTUnaryExpression.op_not: {
                Operand v = expr(u.getOperand());
                return assignTemp(new Rvalue.Binary(BinOp.EQ, v, zero(v.type()), CType.INT), CType.INT, p);
            }
            case IASTUnaryExpression.op_sizeof: {
                IASTExpression operand = strip(u.getOperand());
                CType t = typeOf(operand);
                if (t instanceof CType.Array a && a.vla() && operand instanceof IASTIdExpression id
                        && id.getName().resolveBinding() instanceof IVariable v && vlaLengths.get(locals.get(v)) != null) {
                    Operand n = vlaLengths.get(locals.get(v));
                    return assignTemp(new Rvalue.Binary(BinOp.MUL, n, new Operand.IntConst(Math.max(1, a.elem().size()), CType.ULONG), CType.ULONG), CType.ULONG, p);
                }
                return t.size() >= 0 ? new Operand.IntConst(t.size(), CType.ULONG, t) : unknown(CType.ULONG, p);
            }
            case IASTUnaryExpression.op_alignOf:
                return new Operand.IntConst(CType.alignOf(typeOf(u.getOperand())), CType.ULONG);
            case IASTUnaryExpression.op_prefixIncr:
            case IASTUnaryExpression.op_prefixDecr:
                return incDec(u.getOperand(), op == IASTUnaryExpression.op_prefixIncr, true, p);
            case IASTUnaryExpression.op_postFixIncr:
            case IASTUnaryExpression.op_postFixDecr:
                return incDec(u.getOperand(), op == IASTUnaryExpression.op_postFixIncr, false, p);
            case IASTUnaryExpression.op_labelReference: {
                Block target = label(u.getOperand() instanceof IASTIdExpression id ? id.getName().toString() : text(u.getOperand()));
                if (!labelAddresses.contains(target)) labelAddresses.add(target);
                return new Operand.IntConst(0x1000 + labelAddresses.indexOf(target), CType.VOID_PTR);
            }
            default:
                return unknown(typeOf(u), p);
        }
    }

    private Operand incDec(IASTExpression target, boolean inc, boolean prefix, SourcePos p) {
        LV lv = lvalue(target);
        Operand old = read(lv, p);
        // A register variable reads as itself: keep its old value apart before the update, or `a[i++]`
        // and `*p++` would use the new one.
        if (!prefix && lv instanceof RegLV) old = assignTemp(new Rvalue.Use(old), lv.type(), p);
        Operand updated;
        if (lv.type() instanceof CType.Ptr ptr) {
            updated = assignTemp(new Rvalue.IndexAddr(old, new Operand.IntConst(inc ? 1 : -1, CType.LONG), ptr.pointee()), lv.type(), p);
        } else {
            CType t = lv.type();
            Operand one = new Operand.IntConst(1, t instanceof CType.Int ? t : CType.INT);
            updated = assignTemp(new Rvalue.Binary(inc ? BinOp.ADD : BinOp.SUB, old, one, t), t, p);
        }
        write(lv, updated, p, text(target));
        return prefix ? updated : old;
    }

    private Operand binary(IASTBinaryExpression b, SourcePos p) {
        int op = b.getOperator();
        if (op == IASTBinaryExpression.op_assign) {
            LV lv = lvalue(b.getOperand1());
            Operand v = expr(b.getOperand2());
            Operand conv = lv.type().isAggregate() ? v : convert(v, lv.type(), p);
            write(lv, conv, p, text(b.getOperand1()));
            return conv;
        }
        if (op == IASTBinaryExpression.op_logicalAnd || op == IASTBinaryExpression.op_logicalOr) {
            Var result = temp(CType.INT, p);
            Block t = newBlock();
            Block f = newBlock();
            Block exit = newBlock();
            cond(b, t, f);
            cur = t;
            emit(new Instr.Assign(result, new Rvalue.Use(new Operand.IntConst(1, CType.INT)), p));
            jump(exit, p);
            cur = f;
            emit(new Instr.Assign(result, new Rvalue.Use(new Operand.IntConst(0, CType.INT)), p));
            jump(exit, p);
            cur = exit;
            return result;
        }
        BinOp cmp = comparison(op);
        if (cmp != null) {
            Operand l = expr(b.getOperand1());
            Operand r = expr(b.getOperand2());
            return assignTemp(new Rvalue.Binary(cmp, l, r, CType.INT), CType.INT, p);
        }
        BinOp ar = arith(op);
        if (ar == null) {
            if (op == IASTBinaryExpression.op_max || op == IASTBinaryExpression.op_min) return unknown(typeOf(b), p);
            return unknown(typeOf(b), p);
        }
        boolean compound = op >= IASTBinaryExpression.op_multiplyAssign && op <= IASTBinaryExpression.op_binaryOrAssign;
        if (compound) {
            LV lv = lvalue(b.getOperand1());
            Operand old = read(lv, p);
            Operand r = expr(b.getOperand2());
            Operand v = arithmetic(ar, old, r, lv.type(), p);
            v = convert(v, lv.type(), p);
            write(lv, v, p, text(b.getOperand1()));
            return v;
        }
        Operand l = expr(b.getOperand1());
        Operand r = expr(b.getOperand2());
        return arithmetic(ar, l, r, typeOf(b), p);
    }

    /** Arithmetic with C's pointer rules: pointer +/- integer indexes, pointer - pointer counts elements. */
    private Operand arithmetic(BinOp op, Operand l, Operand r, CType resultType, SourcePos p) {
        CType lt = CType.decay(l.type());
        CType rt = CType.decay(r.type());
        if (op == BinOp.ADD || op == BinOp.SUB) {
            if (lt instanceof CType.Ptr lp && rt instanceof CType.Ptr && op == BinOp.SUB) {
                return assignTemp(new Rvalue.PtrDiff(l, r, lp.pointee()), CType.LONG, p);
            }
            if (lt instanceof CType.Ptr lp && !(rt instanceof CType.Ptr)) {
                Operand idx = op == BinOp.ADD ? r : negate(r, p);
                return assignTemp(new Rvalue.IndexAddr(l, idx, lp.pointee()), lt, p);
            }
            if (rt instanceof CType.Ptr rp && op == BinOp.ADD) {
                return assignTemp(new Rvalue.IndexAddr(r, l, rp.pointee()), rt, p);
            }
        }
        if (l instanceof Operand.IntConst a && r instanceof Operand.IntConst b2 && resultType instanceof CType.Int) {
            Long folded = fold(op, a.value(), b2.value(), (CType.Int) resultType);
            if (folded != null) return new Operand.IntConst(folded, resultType);
        }
        CType t = resultType instanceof CType.Ptr ? CType.LONG : resultType;
        return assignTemp(new Rvalue.Binary(op, l, r, t), t, p);
    }

    private static Long fold(BinOp op, long a, long b, CType.Int t) {
        Long v = switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> b == 0 ? null : t.signed() ? a / b : Long.divideUnsigned(a, b);
            case MOD -> b == 0 ? null : t.signed() ? a % b : Long.remainderUnsigned(a, b);
            case SHL -> b < 0 || b > 63 ? null : a << b;
            case SHR -> b < 0 || b > 63 ? null : t.signed() ? a >> b : a >>> b;
            case AND -> a & b;
            case OR -> a | b;
            case XOR -> a ^ b;
            default -> null;
        };
        return v == null ? null : ConstEval.truncate(v, t);
    }

    private Operand negate(Operand r, SourcePos p) {
        if (r instanceof Operand.IntConst ic) return new Operand.IntConst(-ic.value(), CType.LONG);
        return assignTemp(new Rvalue.Unary(Rvalue.UnOp.NEG, r), r.type() instanceof CType.Int ? r.type() : CType.LONG, p);
    }

    private Operand conditional(IASTConditionalExpression ce, SourcePos p) {
        CType t = CType.decay(typeOf(ce));
        if (t instanceof CType.Void) {
            effect(ce);
            return new Operand.IntConst(0, CType.INT);
        }
        Var result = temp(t, p);
        Block bt = newBlock();
        Block bf = newBlock();
        Block exit = newBlock();
        if (ce.getPositiveResultExpression() == null) {
            // GNU a ?: b
            Operand c = expr(ce.getLogicalConditionExpression());
            terminate(new Terminator.Branch(BinOp.NE, c, zero(c.type()), bt, bf, p));
            cur = bt;
            setResult(result, c, p);
        } else {
            cond(ce.getLogicalConditionExpression(), bt, bf);
            cur = bt;
            setResult(result, expr(ce.getPositiveResultExpression()), p);
        }
        jump(exit, p);
        cur = bf;
        setResult(result, expr(ce.getNegativeResultExpression()), p);
        jump(exit, p);
        cur = exit;
        return result;
    }

    private void setResult(Var result, Operand v, SourcePos p) {
        if (result.inMemory()) {
            Var addr = assignTemp(new Rvalue.AddrOf(result), new CType.Ptr(result.type()), p);
            emit(new Instr.Copy(addr, v, result.type(), p, ""));
        } else {
            emit(new Instr.Assign(result, new Rvalue.Use(convert(v, result.type(), p)), p));
        }
    }

    private Operand statementExpression(IGNUASTCompoundStatementExpression se, SourcePos p) {
        IASTCompoundStatement body = se.getCompoundStatement();
        IASTStatement[] sts = body.getStatements();
        scopes.add(new ArrayList<>());
        Operand value = new Operand.IntConst(0, CType.INT);
        for (int i = 0; i < sts.length; i++) {
            if (i == sts.length - 1 && sts[i] instanceof IASTExpressionStatement es) {
                CType t = typeOf(es.getExpression());
                if (t instanceof CType.Void) {
                    effect(es.getExpression());
                } else {
                    value = expr(es.getExpression());
                }
            } else {
                statement(sts[i]);
            }
        }
        if (cur != null) runCleanups(scopes.size() - 1, p);
        scopes.remove(scopes.size() - 1);
        return value;
    }

    // ---------------------------------------------------------------- calls

    private static final Set<String> LIBC_BUILTINS = Set.of("memcpy", "memmove", "memset", "memcmp", "strlen", "strcpy",
            "strncpy", "strcat", "strncat", "strcmp", "strncmp", "strchr", "strrchr", "strstr", "malloc", "calloc", "realloc",
            "free", "alloca", "sprintf", "snprintf", "printf", "puts", "abort", "exit", "abs", "labs", "strnlen", "stpcpy",
            "bzero", "memchr", "putchar", "fprintf", "vsnprintf", "strdup", "strndup");

    private Operand call(IASTFunctionCallExpression c, boolean wantValue) {
        SourcePos p = pos(c);
        IASTExpression fn = strip(c.getFunctionNameExpression());
        IASTInitializerClause[] args = c.getArguments();
        String name = null;
        CType fnType = null;
        if (fn instanceof IASTIdExpression id) {
            IBinding b = id.getName().resolveBinding();
            if (b instanceof IFunction f) {
                name = f.getName();
                fnType = convertType(f.getType());
            } else if (b == null || b instanceof org.eclipse.cdt.core.dom.ast.IProblemBinding) {
                name = id.getName().toString();
            }
        }
        if (name != null && name.startsWith("__builtin")) {
            Operand special = builtin(name, c, args, p);
            if (special != null) return special;
            String plain = name.startsWith("__builtin___") ? name.substring(12).replace("_chk", "") : name.substring(9).replaceFirst("^_", "");
            if (LIBC_BUILTINS.contains(plain)) name = plain;
        }
        List<Operand> argOps = new ArrayList<>();
        for (IASTInitializerClause a : args) {
            if (a instanceof IASTExpression ae) argOps.add(expr(ae));
        }
        Operand callee;
        if (name != null) {
            FunctionDecl d = L.decl(name);
            if (d == null) d = L.implicitDecl(name, p);
            callee = new Operand.FuncRef(name, fnType != null ? fnType : d.type());
        } else {
            IASTExpression target = fn;
            if (target instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_star) target = strip(u.getOperand());
            callee = expr(target);
        }
        CType ret = CType.decay(typeOf(c));
        Var dst = null;
        if (!(ret instanceof CType.Void)) dst = temp(ret, p);
        emit(new Instr.Call(dst, callee, argOps, p, text(c)));
        if (name != null) {
            FunctionDecl d = L.decl(name);
            if (d != null && d.noreturn()) terminate(new Terminator.Unreachable(p));
        }
        if (dst == null) return new Operand.IntConst(0, CType.INT);
        if (dst.inMemory()) return assignTemp(new Rvalue.AddrOf(dst), new CType.Ptr(ret), p);
        return dst;
    }

    /** GCC builtins with a meaning of their own; null when the builtin is an ordinary call. */
    private Operand builtin(String name, IASTFunctionCallExpression c, IASTInitializerClause[] args, SourcePos p) {
        IASTExpression a0 = args.length > 0 && args[0] instanceof IASTExpression e ? e : null;
        switch (name) {
            case "__builtin_expect":
            case "__builtin_expect_with_probability":
            case "__builtin_assume_aligned":
                for (int i = 1; i < args.length; i++) if (args[i] instanceof IASTExpression e) effect(e);
                return a0 == null ? new Operand.IntConst(0, CType.INT) : expr(a0);
            case "__builtin_constant_p":
                return new Operand.IntConst(a0 != null && L.types.consts.eval(a0) != null ? 1 : 0, CType.INT);
            case "__builtin_choose_expr": {
                Long v = a0 == null ? null : L.types.consts.eval(a0);
                IASTInitializerClause pick = v == null || v != 0 ? args[1] : args[2];
                return pick instanceof IASTExpression pe ? expr(pe) : new Operand.IntConst(0, CType.INT);
            }
            case "__builtin_unreachable":
            case "__builtin_trap":
                terminate(new Terminator.Unreachable(p));
                return new Operand.IntConst(0, CType.INT);
            case "__builtin_object_size":
            case "__builtin_dynamic_object_size": {
                if (a0 != null) effect(a0);
                long type = args.length > 1 && args[1] instanceof IASTExpression t ? L.types.consts.evalOr(t, 0) : 0;
                return new Operand.IntConst(type >= 2 ? 0 : -1, CType.ULONG);
            }
            case "__builtin_va_start":
            case "__builtin_va_copy": {
                // they write their first argument, the va_list, with values we do not model: it is initialized
                // afterwards (a varargs wrapper passing it on reads no uninitialized memory)
                if (a0 != null) {
                    LV list = lvalue(a0);
                    CType t = list instanceof MemLV m ? m.type : ((RegLV) list).var.type();
                    if (!t.isAggregate() && !(t instanceof CType.Array)) write(list, unknown(t, p), p, text(a0));
                }
                return new Operand.IntConst(0, CType.INT);
            }
            case "__builtin_va_end":
            case "__builtin_prefetch":
                return new Operand.IntConst(0, CType.INT);
            case "__builtin_va_arg":
                return unknown(CType.decay(typeOf(c)), p);
            default:
                return null;
        }
    }

    // ---------------------------------------------------------------- lvalues

    private LV lvalue(IASTExpression e0) {
        IASTExpression e = strip(e0);
        SourcePos p = pos(e);
        if (e instanceof IASTIdExpression id) {
            IBinding b = id.getName().resolveBinding();
            if (b instanceof IVariable v) {
                Var var = varFor(v, e);
                if (!var.inMemory()) return new RegLV(var);
                Var addr = assignTemp(new Rvalue.AddrOf(var), new CType.Ptr(var.type()), p);
                return new MemLV(addr, var.type(), var.name());
            }
        }
        if (e instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_star) {
            Operand ptr = expr(u.getOperand());
            CType t = typeOf(u);
            if (t instanceof CType.Int && ptr.type() instanceof CType.Ptr pt && !(pt.pointee() instanceof CType.Void)) t = pt.pointee();
            return new MemLV(ptr, t, text(u));
        }
        if (e instanceof IASTArraySubscriptExpression a) {
            IASTExpression arr = a.getArrayExpression();
            IASTInitializerClause sub = a.getArgument();
            Operand base = expr(arr);
            Operand idx = sub instanceof IASTExpression se ? expr(se) : new Operand.IntConst(0, CType.INT);
            if (!(CType.decay(base.type()) instanceof CType.Ptr) && CType.decay(idx.type()) instanceof CType.Ptr) {
                Operand t = base;
                base = idx;
                idx = t;
            }
            CType elem = typeOf(a);
            Var addr = assignTemp(new Rvalue.IndexAddr(base, idx, elem), new CType.Ptr(elem), p);
            return new MemLV(addr, elem, text(a));
        }
        if (e instanceof IASTFieldReference fr) {
            Operand base;
            CType ownerType;
            if (fr.isPointerDereference()) {
                base = expr(fr.getFieldOwner());
                CType pt = CType.decay(base.type());
                ownerType = pt instanceof CType.Ptr ptr ? ptr.pointee() : typeOf(fr.getFieldOwner());
            } else {
                LV owner = lvalue(fr.getFieldOwner());
                base = addrOf(owner, p);
                ownerType = owner.type();
            }
            String field = fr.getFieldName().toString();
            if (ownerType instanceof CType.Struct s) {
                Operand addr = fieldAddr(base, s, field, p);
                if (addr != null) {
                    CType ft = ((CType.Ptr) addr.type()).pointee();
                    return new MemLV(addr, ft, text(fr));
                }
            }
            CType ft = typeOf(fr);
            Var addr = assignTemp(new Rvalue.Unknown(new CType.Ptr(ft)), new CType.Ptr(ft), p);
            return new MemLV(addr, ft, text(fr));
        }
        if (e instanceof IASTCastExpression c) {
            LV inner = lvalue(c.getOperand());
            CType to = L.types.consts.typeOf(c.getTypeId());
            if (inner instanceof MemLV m) return new MemLV(m.addr, to, m.text);
            return inner;
        }
        // Not an lvalue in C terms (a call, a statement expression...): its value, in a temporary.
        Operand v = expr(e);
        CType t = typeOf(e);
        if (t.isAggregate() && v.type() instanceof CType.Ptr) return new MemLV(v, t, text(e));
        if (v instanceof Var var && !var.inMemory()) return new RegLV(var);
        Var tmp = assignTemp(new Rvalue.Use(v), v.type(), p);
        return new RegLV(tmp);
    }

    /** Address of a (possibly anonymous-member-nested) field; null if not found. */
    private Operand fieldAddr(Operand base, CType.Struct s, String name, SourcePos p) {
        for (Field f : s.fields()) {
            if (f.name().equals(name)) return assignTemp(new Rvalue.FieldAddr(base, s, f), new CType.Ptr(f.type()), p);
        }
        for (Field f : s.fields()) {
            if (f.name().isEmpty() && f.type() instanceof CType.Struct inner && InitWalker.findField(inner, name, new long[1]) != null) {
                Operand mid = assignTemp(new Rvalue.FieldAddr(base, s, f), new CType.Ptr(inner), p);
                return fieldAddr(mid, inner, name, p);
            }
        }
        return null;
    }

    private Operand addrOf(LV lv, SourcePos p) {
        if (lv instanceof MemLV m) return m.addr;
        Var v = ((RegLV) lv).var;
        // The address of a register value (rare: a temporary); give it a memory home.
        Var home = new Var(nextVar++, v.name() + ".home", v.type(), Var.Kind.TEMP, true, p);
        vars.add(home);
        Var addr = assignTemp(new Rvalue.AddrOf(home), new CType.Ptr(v.type()), p);
        emit(new Instr.Store(addr, v, v.type(), p, v.name()));
        return addr;
    }

    private Operand read(LV lv, SourcePos p) {
        if (lv instanceof RegLV r) return r.var;
        MemLV m = (MemLV) lv;
        CType t = m.type;
        if (t instanceof CType.Array a) {
            CType pt = new CType.Ptr(a.elem());
            return assignTemp(new Rvalue.Cast(pt, m.addr), pt, p);
        }
        if (t instanceof CType.Func || t.isAggregate()) return m.addr;
        Var dst = temp(t, p);
        emit(new Instr.Load(dst, m.addr, t, p, m.text));
        return dst;
    }

    private void write(LV lv, Operand v, SourcePos p, String text) {
        if (lv instanceof RegLV r) {
            emit(new Instr.Assign(r.var, new Rvalue.Use(v), p));
            return;
        }
        MemLV m = (MemLV) lv;
        if (m.type.isAggregate()) {
            emit(new Instr.Copy(m.addr, v, m.type, p, text));
        } else {
            emit(new Instr.Store(m.addr, v, m.type, p, text));
        }
    }

    /** Implicit conversion of a scalar to {@code to}: constants are folded, integer width changes are explicit casts. */
    Operand convert(Operand v, CType to, SourcePos p) {
        CType from = v.type();
        if (to.isAggregate() || to instanceof CType.Void || to instanceof CType.Func) return v;
        if (v instanceof Operand.IntConst ic) {
            if (to instanceof CType.Int || to instanceof CType.Ptr) return new Operand.IntConst(ConstEval.truncate(ic.value(), to), to, ic.sizeofOf());
            return v;
        }
        if (from.equals(to)) return v;
        if (from instanceof CType.Ptr && to instanceof CType.Ptr) return v;
        if (from instanceof CType.Array && to instanceof CType.Ptr) return v;
        if (from instanceof CType.Int fi && to instanceof CType.Int ti && fi.bytes() == ti.bytes() && fi.signed() == ti.signed()) return v;
        return assignTemp(new Rvalue.Cast(to, v), to, p);
    }

    // ---------------------------------------------------------------- hooks for parser extensions

    Block currentBlockForCustom() {
        if (cur == null) cur = newBlock();
        return cur;
    }

    void emitCustom(Instr i) {
        emit(i);
    }

    void terminateCustom(Terminator t) {
        terminate(t);
    }

    Block newBlockCustom() {
        return newBlock();
    }

    void setCurrent(Block b) {
        cur = b;
    }

    Block labelBlock(String name) {
        return label(name);
    }

    Operand addressOfExpression(IASTExpression e) {
        return addrOf(lvalue(e), pos(e));
    }

    void lowerStatementCustom(IASTStatement s) {
        statement(s);
    }

    SourcePos posOf(IASTNode n) {
        return pos(n);
    }

    CType typeOfCustom(IASTExpression e) {
        return typeOf(e);
    }

    Long constant(IASTExpression e) {
        return L.types.consts.eval(e);
    }
}
