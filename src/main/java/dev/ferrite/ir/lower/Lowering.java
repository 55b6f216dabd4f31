package dev.ferrite.ir.lower;

import dev.ferrite.frontend.LineMap;
import dev.ferrite.frontend.SourcePos;
import dev.ferrite.ir.Attr;
import dev.ferrite.ir.CType;
import dev.ferrite.ir.Function;
import dev.ferrite.ir.FunctionDecl;
import dev.ferrite.ir.Global;
import dev.ferrite.ir.Unit;
import dev.ferrite.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.cdt.core.dom.ast.IASTAttribute;
import org.eclipse.cdt.core.dom.ast.IASTAttributeOwner;
import org.eclipse.cdt.core.dom.ast.IASTAttributeSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTDeclSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTEqualsInitializer;
import org.eclipse.cdt.core.dom.ast.IASTFileLocation;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTParameterDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTStandardFunctionDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTToken;
import org.eclipse.cdt.core.dom.ast.IASTTokenList;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;
import org.eclipse.cdt.core.dom.ast.IBinding;
import org.eclipse.cdt.core.dom.ast.IFunction;
import org.eclipse.cdt.core.dom.ast.IType;
import org.eclipse.cdt.core.dom.ast.IVariable;

/**
 * Lowers a CDT translation unit to IR. Functions of the main file are lowered at once; functions
 * that headers define (the kernel's thousands of {@code static inline}s) only when asked for.
 * A function whose lowering fails is recorded as a problem and skipped; the rest goes on.
 */
public final class Lowering {
    final IASTTranslationUnit tu;
    final LineMap map;
    final TypeConverter types = new TypeConverter();
    final Unit unit;
    private final Map<String, IASTFunctionDefinition> headerDefs = new LinkedHashMap<>();
    private final Map<String, List<IASTDeclarator>> funcDeclarators = new HashMap<>();
    private final Map<IBinding, Var> globalVars = new IdentityHashMap<>();
    private int globalIds = 1_000_000;

    private Lowering(IASTTranslationUnit tu, LineMap map, String path) {
        this.tu = tu;
        this.map = map;
        this.unit = new Unit(path, map.mainFile());
    }

    /** Lowers the unit. Never throws for a bad function: it lands in {@link Unit#problems()}. */
    public static Unit lower(IASTTranslationUnit tu, LineMap map, String path) {
        Lowering l = new Lowering(tu, map, path);
        l.run();
        return l.unit;
    }

    private void run() {
        List<IASTFunctionDefinition> mainDefs = new ArrayList<>();
        types.registerDefinitions(tu.getDeclarations());
        for (IASTDeclaration d : tu.getDeclarations()) {
            try {
                if (d instanceof IASTFunctionDefinition fd) {
                    String name = fd.getDeclarator().getName().toString();
                    funcDeclarators.computeIfAbsent(name, k -> new ArrayList<>()).add(fd.getDeclarator());
                    if (inMain(fd)) {
                        mainDefs.add(fd);
                    } else {
                        headerDefs.put(name, fd);
                    }
                } else if (d instanceof IASTSimpleDeclaration sd) {
                    declaration(sd);
                }
            } catch (RuntimeException e) {
                unit.problems().add(new Unit.Problem(null, pos(d), "declaration not understood: " + e));
            }
        }
        BindingPrimer.prime(funcDeclarators);
        unit.setMainFunctionCount(mainDefs.size());
        for (IASTFunctionDefinition fd : mainDefs) {
            Function f = lowerDefinition(fd);
            if (f != null) unit.addFunction(f);
        }
        unit.setLazyLowering(name -> {
            IASTFunctionDefinition fd = headerDefs.get(name);
            return fd == null ? null : lowerDefinition(fd);
        }, new ArrayList<>(headerDefs.keySet()));
    }

    private boolean inMain(IASTNode n) {
        IASTFileLocation loc = n.getFileLocation();
        return loc != null && map.inMainFile(loc.getNodeOffset());
    }

    private Function lowerDefinition(IASTFunctionDefinition fd) {
        String name = fd.getDeclarator().getName().toString();
        try {
            FunctionDecl decl = decl(name);
            return new FunctionLowering(this, fd, decl).lower();
        } catch (RuntimeException | StackOverflowError e) {
            String msg = e instanceof StackOverflowError ? "nesting too deep" : String.valueOf(e.getMessage());
            if (Boolean.getBoolean("ferrite.debugLowering")) e.printStackTrace();
            unit.problems().add(new Unit.Problem(name, pos(fd), "function not lowered: " + e.getClass().getSimpleName() + ": " + msg));
            return null;
        }
    }

    /** File-scope declarations: function prototypes (kept for their attributes) and globals. */
    private void declaration(IASTSimpleDeclaration sd) {
        IASTDeclSpecifier spec = sd.getDeclSpecifier();
        if (spec.getStorageClass() == IASTDeclSpecifier.sc_typedef) return;
        for (IASTDeclarator d : sd.getDeclarators()) {
            IASTDeclarator inner = innermost(d);
            IBinding b = inner.getName().resolveBinding();
            if (b instanceof IFunction) {
                funcDeclarators.computeIfAbsent(inner.getName().toString(), k -> new ArrayList<>()).add(d);
            } else if (b instanceof IVariable v) {
                boolean defined = spec.getStorageClass() != IASTDeclSpecifier.sc_extern || d.getInitializer() != null;
                if (inMain(sd) || defined) {
                    Global g = global(v, spec.getStorageClass() == IASTDeclSpecifier.sc_static, spec.isConst(), defined, pos(d));
                    if (g != null && defined) {
                        // section(...) tells what the kernel does with the variable (module_init/module_exit tables)
                        for (Attr a : varAttrs(d)) if (!g.attrs().contains(a)) g.attrs().add(a);
                    }
                    if (g != null && d.getInitializer() != null && !g.hasInitializer()) {
                        g.setHasInitializer();
                        new GlobalInitializer(this, g).init(d.getInitializer());
                    }
                }
            }
        }
    }

    static IASTDeclarator innermost(IASTDeclarator d) {
        while (d.getNestedDeclarator() != null && d.getName().toCharArray().length == 0) d = d.getNestedDeclarator();
        return d;
    }

    /** The global for a file-scope variable binding, created on first use. */
    Global global(IVariable v, boolean isStatic, boolean isConst, boolean defined, SourcePos p) {
        String name = v.getName();
        Global g = unit.globals().get(name);
        if (g != null) {
            if (defined && !g.defined()) {
                Global def = new Global(g.var(), isStatic || g.isStatic(), isConst || g.isConst(), true, p);
                for (Global.Init i : g.inits()) def.inits().add(i);
                unit.globals().put(name, def);
                g = def;
            }
            globalVars.put(v, g.var());
            return g;
        }
        CType t = types.convert(v.getType());
        Var var = new Var(globalIds++, name, t, Var.Kind.GLOBAL, true, p);
        g = new Global(var, isStatic, isConst || isConstType(v.getType()), defined, p);
        unit.globals().put(name, g);
        globalVars.put(v, var);
        return g;
    }

    /** The Var of a global referenced from a function body. */
    Var globalVar(IVariable v, SourcePos usePos) {
        Var known = globalVars.get(v);
        if (known != null) return known;
        Global g = unit.globals().get(v.getName());
        if (g != null) {
            globalVars.put(v, g.var());
            return g.var();
        }
        boolean isStatic = false;
        try {
            isStatic = v.isStatic();
        } catch (RuntimeException ignored) {
            // problem bindings
        }
        return global(v, isStatic, false, false, usePos).var();
    }

    /** Registers a static local as a global of its own (qualified by function name). */
    Global staticLocal(String function, IVariable v, SourcePos p) {
        String name = function + "." + v.getName();
        CType t = types.convert(v.getType());
        Var var = new Var(globalIds++, name, t, Var.Kind.GLOBAL, true, p);
        Global g = new Global(var, true, isConstType(v.getType()), true, p);
        unit.globals().put(name, g);
        globalVars.put(v, var);
        return g;
    }

    private static boolean isConstType(IType t) {
        return t instanceof org.eclipse.cdt.core.dom.ast.IQualifierType q && q.isConst()
                || t instanceof org.eclipse.cdt.core.dom.ast.c.ICQualifierType cq && cq.isConst();
    }

    /** The unit's knowledge of a function: type, parameter names and all attributes of all its declarations. */
    FunctionDecl decl(String name) {
        FunctionDecl known = unit.decls().get(name);
        if (known != null) return known;
        List<IASTDeclarator> ds = funcDeclarators.get(name);
        if (ds == null || ds.isEmpty()) return null;
        IASTDeclarator first = ds.get(ds.size() - 1);
        IBinding b = innermost(first).getName().resolveBinding();
        CType.Func type;
        boolean isStatic = false;
        boolean inline = false;
        if (b instanceof IFunction f) {
            CType t = types.convert(f.getType());
            type = t instanceof CType.Func ft ? ft : new CType.Func(CType.INT, List.of(), true);
            try {
                isStatic = f.isStatic();
                inline = f.isInline();
            } catch (RuntimeException ignored) {
                // problem bindings
            }
        } else {
            type = new CType.Func(CType.INT, List.of(), true);
        }
        List<String> params = new ArrayList<>();
        IASTFunctionDeclarator fdecl = functionDeclarator(first);
        if (fdecl instanceof IASTStandardFunctionDeclarator sfd) {
            for (IASTParameterDeclaration p : sfd.getParameters()) params.add(innermost(p.getDeclarator()).getName().toString());
        }
        FunctionDecl decl = new FunctionDecl(name, type, params, isStatic, inline, pos(first));
        for (IASTDeclarator d : ds) collectAttrs(d, decl);
        unit.decls().put(name, decl);
        return decl;
    }

    /** Registers a declaration for a function that is called but never declared (implicit declaration). */
    FunctionDecl implicitDecl(String name, SourcePos p) {
        FunctionDecl d = decl(name);
        if (d != null) return d;
        d = new FunctionDecl(name, new CType.Func(CType.INT, List.of(), true), List.of(), false, false, p);
        unit.decls().put(name, d);
        return d;
    }

    static IASTFunctionDeclarator functionDeclarator(IASTDeclarator d) {
        IASTDeclarator cur = d;
        while (cur != null) {
            if (cur instanceof IASTFunctionDeclarator fd && (cur.getNestedDeclarator() == null
                    || cur.getNestedDeclarator().getName().toCharArray().length > 0 && !(cur.getNestedDeclarator() instanceof IASTFunctionDeclarator))) {
                return fd;
            }
            if (cur.getNestedDeclarator() == null) return cur instanceof IASTFunctionDeclarator f ? f : null;
            cur = cur.getNestedDeclarator();
        }
        return null;
    }

    /** Attributes on the declarator, its nested declarators and the declaration's specifiers. */
    private void collectAttrs(IASTDeclarator d, FunctionDecl decl) {
        for (IASTNode n = d; n != null; n = n.getParent()) {
            addAttrs(n, decl);
            if (n instanceof IASTSimpleDeclaration sd) {
                addAttrs(sd.getDeclSpecifier(), decl);
                break;
            }
            if (n instanceof IASTFunctionDefinition fd) {
                addAttrs(fd.getDeclSpecifier(), decl);
                break;
            }
        }
        for (IASTDeclarator nd = d.getNestedDeclarator(); nd != null; nd = nd.getNestedDeclarator()) addAttrs(nd, decl);
        IASTDeclSpecifier spec = d.getParent() instanceof IASTSimpleDeclaration sd ? sd.getDeclSpecifier()
                : d.getParent() instanceof IASTFunctionDefinition fd ? fd.getDeclSpecifier() : null;
        if (spec != null && dev.ferrite.frontend.cdt.CExtensions.isNoreturn(spec, d)) decl.addAttr(new Attr("noreturn", List.of()));
    }

    private static void addAttrs(IASTNode n, FunctionDecl decl) {
        for (Attr a : attrs(n)) decl.addAttr(a);
    }

    /** The GNU attributes written on a node, with their arguments. */
    static List<Attr> attrs(IASTNode n) {
        List<Attr> out = new ArrayList<>();
        if (!(n instanceof IASTAttributeOwner ao)) return out;
        for (IASTAttributeSpecifier spec : ao.getAttributeSpecifiers()) {
            if (!(spec instanceof org.eclipse.cdt.core.dom.ast.IASTAttributeList list)) continue;
            for (IASTAttribute a : list.getAttributes()) {
                out.add(new Attr(Attr.normalize(new String(a.getName())), attrArgs(a.getArgumentClause())));
            }
        }
        return out;
    }

    private static List<Object> attrArgs(IASTToken clause) {
        List<Object> args = new ArrayList<>();
        if (clause == null) return args;
        List<IASTToken> toks = new ArrayList<>();
        flatten(clause, toks);
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        for (IASTToken t : toks) {
            String s = new String(t.getTokenCharImage());
            if (s.equals("(")) depth++;
            if (s.equals(")")) depth--;
            if (s.equals(",") && depth == 0) {
                args.add(argValue(cur.toString()));
                cur.setLength(0);
                continue;
            }
            cur.append(s);
        }
        if (cur.length() > 0) args.add(argValue(cur.toString()));
        return args;
    }

    private static void flatten(IASTToken t, List<IASTToken> out) {
        if (t instanceof IASTTokenList l) {
            for (IASTToken c : l.getTokens()) flatten(c, out);
        } else {
            out.add(t);
        }
    }

    private static Object argValue(String s) {
        Long v = ConstEval.parseInt(s.trim());
        if (v != null) return v;
        if (s.startsWith("\"") && s.endsWith("\"") && s.length() >= 2) return s.substring(1, s.length() - 1);
        return s.trim();
    }

    /** Attributes of a variable declaration (cleanup, aligned...). */
    static List<Attr> varAttrs(IASTDeclarator d) {
        List<Attr> out = new ArrayList<>(attrs(d));
        if (d.getParent() instanceof IASTSimpleDeclaration sd) out.addAll(attrs(sd.getDeclSpecifier()));
        return out;
    }

    SourcePos pos(IASTNode n) {
        if (n == null) return SourcePos.UNKNOWN;
        IASTFileLocation loc = n.getFileLocation();
        return loc == null ? SourcePos.UNKNOWN : map.position(loc.getNodeOffset());
    }

    SourcePos endPos(IASTNode n) {
        IASTFileLocation loc = n.getFileLocation();
        if (loc == null) return SourcePos.UNKNOWN;
        return map.position(loc.getNodeOffset() + Math.max(0, loc.getNodeLength() - 1));
    }

    static boolean isEquals(IASTNode init) {
        return init instanceof IASTEqualsInitializer;
    }
}
