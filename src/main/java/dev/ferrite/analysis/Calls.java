package dev.ferrite.analysis;

import dev.ferrite.frontend.SourcePos;
import dev.ferrite.ir.Attr;
import dev.ferrite.ir.CType;
import dev.ferrite.ir.Function;
import dev.ferrite.ir.FunctionDecl;
import dev.ferrite.ir.Instr;
import dev.ferrite.ir.Operand;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls: a model from the model files wins; else the summary of a body the program has; else what
 * the declaration's GCC attributes say; else the call is to unknown code, which may keep and write
 * what it is given (no leak can then be shown for those objects).
 */
final class Calls {
    private final FunctionAnalysis A;
    private final Exec X;

    private final MemModels blocks;

    Calls(FunctionAnalysis a) {
        this.A = a;
        this.X = a.exec;
        this.blocks = new MemModels(a);
    }

    List<State> call(State s, Instr.Call c) {
        Val calleeVal = X.eval(s, c.callee());
        String name = calleeVal instanceof Val.Fn f ? f.name() : null;
        List<Val> args = new ArrayList<>();
        for (Operand o : c.args()) args.add(X.eval(s, o));
        Checker.CallEvent ev = new Checker.CallEvent(c, name, args, c.pos());
        for (Checker ch : A.checkers) ch.onCall(A, s, ev);
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) instanceof Val.Undef u && !(c.args().get(i).type() instanceof CType.Array)) {
                X.undefUse(s, u, "argument " + (i + 1) + (name != null ? " of '" + name + "'" : ""), c.pos());
                args.set(i, A.fresh(s, c.args().get(i).type(), false));
            } else {
                X.used(s, args.get(i), c.pos());
            }
        }
        List<State> out;
        Models.Spec spec = name != null ? A.models.get(name) : null;
        if (spec != null) unlink(s, spec, args);
        if (spec != null && !spec.forEngine()) spec = null;
        Function body = name != null && spec == null ? A.program.resolve(A.fn, name) : null;
        Summary sum = body != null ? A.summaries.get(body) : null;
        if (spec != null) {
            PureCalls.forget(s);
            out = model(s, c, name, spec, args);
        } else if (sum != null && sum.complete()) {
            boolean pure = A.pureCalls.pure(sum);
            if (!pure) PureCalls.forget(s);
            out = Instantiate.apply(A, s, c, name, sum, args);
            if (pure) out = A.pureCalls.same(out, c, name, args);
        } else {
            FunctionDecl decl = name != null ? A.program.declaration(A.fn, name) : null;
            // a body we have (even one not lowered) is not replaced by the declaration's attributes
            Models.Spec fromAttrs = body == null && !A.program.bodyReleased(A.fn, name) ? Models.fromDeclaration(decl) : null;
            PureCalls.forget(s);
            if (fromAttrs != null) out = model(s, c, name, fromAttrs, args);
            else out = unknown(s, c, name, args);
        }
        for (State r : out) {
            for (Checker ch : A.checkers) ch.afterCall(A, r, ev);
        }
        return out;
    }

    /**
     * A node leaves the linked list that holds it ({@code unlinks(i)}: list_del, hlist_del...): the
     * links of its neighbours that pointed at it now point elsewhere. Which cells those are we
     * rarely know (the neighbours are reached through the node's own links), but any cell we track
     * that holds exactly the node's address is such a link: it gets an unknown value, so a loop that
     * takes the next node from the list head does not see the removed (and maybe freed) node again.
     */
    private void unlink(State s, Models.Spec spec, List<Val> args) {
        for (Attr a : spec.all("unlinks")) {
            int pi = a.intArg(0, 0) - 1;
            Val.Loc node = pi >= 0 && pi < args.size() ? X.asLoc(s, args.get(pi)) : null;
            if (node == null) continue;
            List<Object[]> links = new ArrayList<>();
            for (java.util.Map.Entry<Region, Mem> m : s.mem.entrySet()) {
                for (java.util.Map.Entry<Long, Mem.Cell> cell : m.getValue().cells().entrySet()) {
                    if (node.equals(cell.getValue().val())) links.add(new Object[] {m.getKey(), cell.getKey(), cell.getValue().type()});
                }
            }
            for (Object[] l : links) {
                CType t = (CType) l[2];
                X.write(s, (Region) l[0], Lin.of((Long) l[1]), t, A.fresh(s, t, false));
            }
        }
    }

    // ------------------------------------------------------------ unknown code

    List<State> unknown(State s, Instr.Call c, String name, List<Val> args) {
        List<String> via = List.of(name != null ? name : "a function pointer");
        for (int i = 0; i < args.size(); i++) {
            Val.Loc l = args.get(i) instanceof Val.Loc loc ? loc : null;
            if (l == null) continue;
            Checker.Access a = new Checker.Access(l, l.region(), l.offset(), 0, false, c.pos(), argText(c, i), unknownVia(via));
            for (Checker ch : A.checkers) ch.onAccess(A, s, a);
            escapeDeep(s, l.region(), 2);
            if (!isConstTarget(c, i)) X.havoc(s, l.region(), Lin.ZERO, -1, false);
        }
        setResult(s, c, c.dst() == null ? null : A.fresh(s, c.dst().type(), false));
        return List.of(s);
    }

    /** Marks the via list of an access through unknown code, so checkers can tell it from a real dereference. */
    static List<String> unknownVia(List<String> via) {
        List<String> out = new ArrayList<>(via);
        out.add("?");
        return out;
    }

    private static boolean isConstTarget(Instr.Call c, int i) {
        return c.args().get(i) instanceof Operand.StrConst;
    }

    /** Objects reachable from a region handed to unknown code are no longer ours to track. */
    void escapeDeep(State s, Region r, int depth) {
        Resource res = s.res.get(r);
        if (res != null && res.status() == Resource.Status.ALLOCATED) s.res.put(r, res.withStatus(Resource.Status.ESCAPED, null, null));
        if (r.kind() == Region.Kind.SYM && r.pointer().input() != null) {
            s.addEffect(new State.Custom("escape", r.pointer().input(), null, null));
        }
        if (depth <= 0) return;
        Mem m = s.mem.get(r);
        if (m == null) return;
        for (Mem.Cell cell : m.cells().values()) {
            if (cell.val() instanceof Val.Loc l && !l.region().equals(r)) escapeDeep(s, l.region(), depth - 1);
        }
    }

    void setResult(State s, Instr.Call c, Val v) {
        if (c.dst() == null) return;
        if (v == null) v = A.fresh(s, c.dst().type(), false);
        if (c.dst().inMemory()) {
            X.havoc(s, A.varRegion(c.dst()), Lin.ZERO, -1, false);
            return;
        }
        X.setReg(s, c.dst(), v, c.pos());
    }

    static String argText(Instr.Call c, int i) {
        Operand o = c.args().get(i);
        return o instanceof dev.ferrite.ir.Var v && !v.isTemp() ? v.name() : "argument " + (i + 1);
    }

    // ------------------------------------------------------------ models

    private List<State> model(State s, Instr.Call c, String name, Models.Spec spec, List<Val> args) {
        SourcePos pos = c.pos();
        if (spec.has("noreturn")) return List.of();
        Val ret = null;
        boolean escapeArgs = !spec.has("no_escape") && spec.attr("alloc") == null && spec.all("free").isEmpty()
                && spec.attr("realloc") == null && !spec.has("pure") && !spec.has("returns_arg");
        // Reads and writes the model declares (GCC's access attribute, nonnull).
        for (Attr a : spec.all("access")) {
            int pi = a.intArg(1, 0) - 1;
            if (pi < 0 || pi >= args.size()) continue;
            String mode = a.strArg(0);
            long size = -1;
            Lin extent = Lin.ZERO;
            int si = a.intArg(2, 0) - 1;
            if (si >= 0 && si < args.size() && args.get(si) instanceof Val.Num n) {
                extent = n.lin();
                if (n.isConstant()) size = n.lin().constant();
            }
            boolean write = mode.startsWith("write") || mode.equals("read_write");
            boolean read = mode.startsWith("read");
            Val.Loc loc = X.deref(s, args.get(pi), extent, si >= 0 ? Checker.Access.Kind.BLOCK : Checker.Access.Kind.PLAIN, write && !read, pos,
                    argText(c, pi), List.of(name));
            if (s.dead) return List.of();
            if (loc != null && write) X.havoc(s, loc.region(), loc.offset(), size, false);
        }
        for (Attr a : spec.all("nonnull")) {
            if (a.args().isEmpty()) continue;
            for (Object o : a.args()) {
                int pi = (o instanceof Long l ? (int) (long) l : 0) - 1;
                if (pi < 0 || pi >= args.size()) continue;
                X.deref(s, args.get(pi), 0, false, pos, argText(c, pi), List.of(name));
                if (s.dead) return List.of();
            }
        }
        // Bytes handed to an untrusted reader (user space): any never written leak what was there before.
        for (Attr a : spec.all("discloses")) {
            int pi = a.intArg(0, 0) - 1;
            int si = a.intArg(1, 0) - 1;
            if (pi < 0 || pi >= args.size()) continue;
            long size = si >= 0 && si < args.size() && args.get(si) instanceof Val.Num n && n.isConstant() ? n.lin().constant() : -1;
            Val.Loc loc = X.asLoc(s, args.get(pi));
            if (loc != null) X.disclose(s, loc, size, pos, name);
        }
        // Block and string operations (memcpy, strcpy, sprintf, copy_from_user...): extents and contents.
        if (!blocks.apply(s, c, name, spec, args)) return List.of();
        if (blocks.result != null) ret = blocks.result;
        // Variadic arguments a formatting function reads (strings for %s and the like).
        for (Attr a : spec.all("reads_args_from")) {
            for (int pi = a.intArg(0, 1) - 1; pi < args.size(); pi++) {
                if (!(args.get(pi) instanceof Val.Loc)) continue;
                X.deref(s, args.get(pi), 1, false, pos, argText(c, pi), List.of(name));
                if (s.dead) return List.of();
            }
        }
        // Taint: data from outside the program.
        for (Attr a : spec.all("taints")) {
            int pi = a.intArg(0, 0) - 1;
            if (pi >= 0 && pi < args.size()) {
                Val.Loc loc = X.asLoc(s, args.get(pi));
                if (loc != null) X.havoc(s, loc.region(), Lin.ZERO, -1, true);
            }
        }
        if (spec.has("taints_varargs")) {
            for (int i = 1; i < args.size(); i++) {
                Val.Loc loc = X.asLoc(s, args.get(i));
                if (loc != null && loc.region().kind() != Region.Kind.STRING) X.havoc(s, loc.region(), Lin.ZERO, -1, true);
            }
        }
        // Releases.
        for (Attr a : spec.all("free")) {
            int pi = a.intArg(1, 0) - 1;
            if (pi < 0 || pi >= args.size()) continue;
            release(s, args.get(pi), name, a.strArg(0), pos, argText(c, pi), List.of());
        }
        if (spec.has("alloca")) {
            Attr as = spec.attr("alloc_size");
            Region r = A.newRegion(Region.Kind.ALLOCA, null, null, "alloca()", null, pos, s, State.VALID);
            Lin size = allocSize(as, args);
            if (size != null) s.sizes.put(r, size);
            s.mem.put(r, Mem.of(Mem.Fill.UNDEF));
            ret = new Val.Loc(r, Lin.ZERO);
        }
        Attr realloc = spec.attr("realloc");
        if (realloc != null) return realloc(s, c, name, spec, realloc, args);
        String family = spec.allocFamily();
        if (family != null) ret = allocate(s, c, name, spec, family, args);
        // Kernel error pointers.
        Attr isErr = spec.attr("is_err");
        if (isErr != null) return errTest(s, c, args, isErr.intArg(0, 1) - 1, State.ERR);
        Attr isErrOrNull = spec.attr("is_err_or_null");
        if (isErrOrNull != null) return errTest(s, c, args, isErrOrNull.intArg(0, 1) - 1, State.ERR | State.NULL);
        Attr errPtr = spec.attr("err_ptr");
        if (errPtr != null) {
            int pi = errPtr.intArg(0, 1) - 1;
            ret = pi < args.size() ? args.get(pi) : null;
            if (ret instanceof Val.Num n && !n.isConstant()) {
                Sym x = A.sym(null, false);
                s.ranges.put(x, new Range(-4095, -1));
                ret = Val.Num.of(x);
            }
        }
        Attr ptrErr = spec.attr("ptr_err");
        if (ptrErr != null) {
            int pi = ptrErr.intArg(0, 1) - 1;
            Val p = pi < args.size() ? args.get(pi) : null;
            if (p instanceof Val.Num n) {
                ret = n;
            } else {
                Sym x = A.sym(null, false);
                s.ranges.put(x, new Range(-4095, -1));
                ret = Val.Num.of(x);
            }
        }
        Attr retArg = spec.attr("returns_arg");
        if (retArg != null) {
            int pi = retArg.intArg(0, 1) - 1;
            if (pi < args.size()) ret = args.get(pi);
        }
        if (spec.has("tainted_return") && c.dst() != null) ret = A.fresh(s, c.dst().type(), true);
        Attr taintOf = spec.attr("returns_taint_of");
        if (taintOf != null && c.dst() != null) {
            int pi = taintOf.intArg(0, 1) - 1;
            boolean t = false;
            Val.Loc l = pi < args.size() ? X.asLoc(s, args.get(pi)) : null;
            if (l != null) {
                Mem m = s.mem.get(l.region());
                t = m != null && (m.fill() == Mem.Fill.TAINTED || m.cells().values().stream().anyMatch(cell -> cell.val() instanceof Val.Num n
                        && n.lin().terms().keySet().stream().anyMatch(Sym::tainted)));
            }
            ret = A.fresh(s, c.dst().type(), t);
        }
        if (escapeArgs) {
            for (Val v : args) if (v instanceof Val.Loc l) escapeDeep(s, l.region(), 1);
        }
        for (Attr a : spec.all("escapes")) {
            int pi = a.intArg(0, 0) - 1;
            if (pi >= 0 && pi < args.size() && args.get(pi) instanceof Val.Loc l) escapeDeep(s, l.region(), 1);
        }
        if (ret != null && c.dst() != null && spec.has("returns_nonnull") && ret instanceof Val.Loc l) {
            Assume.refinePtr(s, l.region().base(), State.VALID);
        }
        setResult(s, c, ret);
        if (Locks.isLockModel(spec) && A.tracksLocks) return Locks.model(A, s, c, name, spec, args);
        return List.of(s);
    }

    static Lin allocSize(Attr as, List<Val> args) {
        if (as == null) return null;
        Lin size = null;
        for (Object o : as.args()) {
            int pi = (o instanceof Long l ? (int) (long) l : 0) - 1;
            if (pi < 0 || pi >= args.size() || !(args.get(pi) instanceof Val.Num n)) return null;
            if (size == null) size = n.lin();
            else if (size.isConstant()) size = n.lin().scale(size.constant());
            else if (n.isConstant()) size = size.scale(n.lin().constant());
            else return null;
        }
        return size;
    }

    private Val allocate(State s, Instr.Call c, String name, Models.Spec spec, String family, List<Val> args) {
        SourcePos pos = c.pos();
        if (spec.has("handle")) {
            // A file descriptor: an integer handle; -1 on failure.
            Region r = A.newRegion(Region.Kind.HEAP, null, null, name + "()", null, pos, s, State.VALID);
            s.ranges.put(r.base(), new Range(-1, Integer.MAX_VALUE));
            s.handles.put(r.base(), r);
            s.res.put(r, new Resource(family, Resource.Status.ALLOCATED, pos, name, null, null, false));
            return Val.Num.of(r.base());
        }
        int status = State.VALID | (spec.has("may_null") ? State.NULL : 0) | (spec.has("may_err") ? State.ERR : 0);
        String what = c.dst() != null && !c.dst().isTemp() ? c.dst().name() : "memory from " + name + "()";
        Region r = A.newRegion(Region.Kind.HEAP, null, null, what, null, pos, s, status);
        Lin size = allocSize(spec.attr("alloc_size"), args);
        if (size != null) s.sizes.put(r, size);
        Mem.Fill fill = spec.has("zeroed") ? Mem.Fill.ZERO : spec.has("tainted_contents") ? Mem.Fill.TAINTED
                : spec.has("initialized") ? Mem.Fill.UNKNOWN : Mem.Fill.UNDEF;
        s.mem.put(r, Mem.of(fill));
        Resource.Status st = spec.has("managed") ? Resource.Status.MANAGED : Resource.Status.ALLOCATED;
        s.res.put(r, new Resource(family, st, pos, name, null, null, false));
        return new Val.Loc(r, Lin.ZERO);
    }

    private List<State> realloc(State s, Instr.Call c, String name, Models.Spec spec, Attr realloc, List<Val> args) {
        int pi = realloc.intArg(1, 1) - 1;
        int si = realloc.intArg(2, 2) - 1;
        String family = realloc.strArg(0);
        Val old = pi < args.size() ? args.get(pi) : null;
        List<State> out = new ArrayList<>();
        // Failure: NULL, the old object untouched.
        State fail = s.copy();
        setResult(fail, c, Val.Num.ZERO);
        boolean oldIsNull = old instanceof Val.Num n && n.isConstant() && n.lin().constant() == 0;
        // Success: the old object is released, a new one returned.
        if (!oldIsNull && old != null) release(s, old, name, family, c.pos(), argText(c, pi), List.of());
        Region r = A.newRegion(Region.Kind.HEAP, null, null, c.dst() != null && !c.dst().isTemp() ? c.dst().name() : "memory from " + name + "()",
                null, c.pos(), s, State.VALID);
        if (si < args.size() && args.get(si) instanceof Val.Num n) s.sizes.put(r, n.lin());
        s.mem.put(r, Mem.of(oldIsNull ? Mem.Fill.UNDEF : Mem.Fill.UNKNOWN));
        s.res.put(r, new Resource(family, Resource.Status.ALLOCATED, c.pos(), name, null, null, false));
        setResult(s, c, new Val.Loc(r, Lin.ZERO));
        out.add(s);
        if (spec.has("may_null")) out.add(fail);
        return out;
    }

    private List<State> errTest(State s, Instr.Call c, List<Val> args, int pi, int bits) {
        Val p = pi >= 0 && pi < args.size() ? args.get(pi) : null;
        if (p instanceof Val.Num n && n.isConstant()) {
            long v = n.lin().constant();
            boolean isErr = v >= -4095 && v < 0 || (bits & State.NULL) != 0 && v == 0;
            setResult(s, c, Val.Num.of(isErr ? 1 : 0));
            return List.of(s);
        }
        if (p instanceof Val.Num n && !(X.asLoc(s, p) instanceof Val.Loc)) {
            setResult(s, c, A.fresh(s, CType.BOOL, false));
            return List.of(s);
        }
        Val.Loc l = X.asLoc(s, p);
        if (l == null) {
            setResult(s, c, A.fresh(s, CType.BOOL, false));
            return List.of(s);
        }
        List<State> out = new ArrayList<>();
        Sym base = l.region().base();
        // A value from code we cannot see, tested with IS_ERR() alone: by the kernel's convention
        // the function fails with an ERR_PTR, not NULL (those are tested with IS_ERR_OR_NULL()).
        // Its NULL bit is only "nothing known", not a failure the caller must handle.
        boolean unknownResult = bits == State.ERR && s.ptrStatus(base) == State.ANY_PTR && l.region().kind() == Region.Kind.SYM
                && l.region().pointer().input() == null;
        State yes = Assume.refinePtr(s.copy(), base, bits);
        State no = Assume.refinePtr(s, base, unknownResult ? State.VALID : State.ANY_PTR & ~bits);
        if (yes != null) {
            setResult(yes, c, Val.Num.of(1));
            out.add(yes);
        }
        if (no != null) {
            setResult(no, c, Val.Num.ZERO);
            out.add(no);
        }
        return out;
    }

    /**
     * Releases the object a pointer (or handle) refers to: checkers see the release first (double free,
     * freeing the stack...), then the object is marked freed.
     */
    void release(State s, Val p, String fn, String families, SourcePos pos, String text, List<String> via) {
        if (p instanceof Val.Undef u) {
            X.undefUse(s, u, "argument of '" + fn + "'", pos);
            return;
        }
        Region r = null;
        Lin off = Lin.ZERO;
        if (p instanceof Val.Num n) {
            Sym x = n.lin().asSym();
            if (x != null && s.handles.containsKey(x)) r = s.handles.get(x);
            else if (n.isConstant()) r = null;
            else {
                Val.Loc l = X.asLoc(s, p);
                if (l != null) {
                    r = l.region();
                    off = l.offset();
                }
            }
        } else if (p instanceof Val.Loc l) {
            r = l.region();
            off = l.offset();
        }
        Checker.Release ev = new Checker.Release(p, r, off, fn, families, pos, text, via);
        for (Checker ch : A.checkers) ch.onRelease(A, s, ev);
        if (r == null) return;
        if (r.kind() == Region.Kind.SYM && r.pointer().input() != null && via.isEmpty()) {
            s.addEffect(new State.Release(r.pointer().input(), fn, families, pos, via));
        }
        if (r.kind() == Region.Kind.HEAP || r.kind() == Region.Kind.SYM) {
            Resource res = s.res.get(r);
            if (res == null) {
                res = new Resource(firstFamily(families), Resource.Status.ALLOCATED, null, null, null, null, r.kind() == Region.Kind.SYM);
            }
            if (res.status() != Resource.Status.MANAGED || fn.startsWith("devm_")) {
                s.res.put(r, res.withStatus(Resource.Status.FREED, pos, fn));
            }
            // After free(p), p is no longer NULL on this path if we got here with a real object.
        }
    }

    private static String firstFamily(String families) {
        if (families == null) return "heap";
        int bar = families.indexOf('|');
        return bar < 0 ? families : families.substring(0, bar);
    }
}
