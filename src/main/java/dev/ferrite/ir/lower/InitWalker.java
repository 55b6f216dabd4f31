package dev.ferrite.ir.lower;

import dev.ferrite.ir.CType;
import dev.ferrite.ir.Field;
import org.eclipse.cdt.core.dom.ast.IASTEqualsInitializer;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTInitializer;
import org.eclipse.cdt.core.dom.ast.IASTInitializerClause;
import org.eclipse.cdt.core.dom.ast.IASTInitializerList;
import org.eclipse.cdt.core.dom.ast.IASTLiteralExpression;
import org.eclipse.cdt.core.dom.ast.IASTUnaryExpression;
import org.eclipse.cdt.core.dom.ast.c.ICASTArrayDesignator;
import org.eclipse.cdt.core.dom.ast.c.ICASTDesignatedInitializer;
import org.eclipse.cdt.core.dom.ast.c.ICASTDesignator;
import org.eclipse.cdt.core.dom.ast.c.ICASTFieldDesignator;
import org.eclipse.cdt.core.dom.ast.gnu.c.IGCCASTArrayRangeDesignator;

/**
 * Walks a C initializer (braces, designators, GNU ranges, brace elision, string literals for
 * character arrays) and reports each initialized piece with its byte offset and type.
 */
abstract class InitWalker {
    /** At most this many array elements are walked per array (huge tables are kept in part). */
    static final int MAX_ELEMENTS = 1 << 16;

    final TypeConverter types;
    final ConstEval consts;
    boolean truncated;

    InitWalker(TypeConverter types) {
        this.types = types;
        this.consts = types.consts;
    }

    /** A scalar (or pointer) piece. */
    abstract void scalar(long offset, CType type, IASTExpression e);

    /** A character array from a string literal. */
    abstract void string(long offset, CType.Array type, IASTLiteralExpression lit);

    /** A struct or array initialized from an expression of the same type (a copy). */
    abstract void aggregate(long offset, CType type, IASTExpression e);

    void walk(long base, CType type, IASTInitializer init) {
        if (init instanceof IASTEqualsInitializer eq) {
            clause(base, type, eq.getInitializerClause());
        } else if (init instanceof IASTInitializerList list) {
            braced(base, type, list);
        }
    }

    void clause(long base, CType type, IASTInitializerClause c) {
        if (c instanceof IASTInitializerList list) {
            braced(base, type, list);
        } else if (c instanceof IASTExpression e) {
            single(base, type, e);
        }
    }

    private void single(long base, CType type, IASTExpression e) {
        IASTExpression s = stripParens(e);
        if (type instanceof CType.Array a && s instanceof IASTLiteralExpression lit
                && lit.getKind() == IASTLiteralExpression.lk_string_literal) {
            string(base, a, lit);
        } else if (type.isAggregate()) {
            aggregate(base, type, e);
        } else {
            scalar(base, type, e);
        }
    }

    private static IASTExpression stripParens(IASTExpression e) {
        while (e instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_bracketedPrimary) e = u.getOperand();
        return e;
    }

    /** A cursor over the clauses of one braced list. */
    private static final class Clauses {
        final IASTInitializerClause[] items;
        int next;

        Clauses(IASTInitializerClause[] items) {
            this.items = items;
        }

        boolean done() {
            return next >= items.length;
        }

        IASTInitializerClause peek() {
            return items[next];
        }
    }

    private void braced(long base, CType type, IASTInitializerList list) {
        Clauses cs = new Clauses(list.getClauses());
        if (!type.isAggregate()) {
            if (!cs.done()) {
                IASTInitializerClause c = cs.peek();
                clause(base, type, c instanceof ICASTDesignatedInitializer di ? di.getOperand() : c);
            }
            return;
        }
        fill(base, type, cs, true);
    }

    /** Fills the members of an aggregate from the clauses, in order; designators restart the position. */
    private void fill(long base, CType type, Clauses cs, boolean ownsBraces) {
        int member = 0;
        while (!cs.done()) {
            IASTInitializerClause c = cs.peek();
            if (c instanceof ICASTDesignatedInitializer di) {
                if (!ownsBraces) return;
                cs.next++;
                int idx = designated(base, type, di);
                if (idx < 0) continue;
                member = idx + 1;
                if (type instanceof CType.Struct s && s.isUnion()) return;
                continue;
            }
            Member m = member(type, member);
            if (m == null) {
                if (ownsBraces) cs.next++; // excess initializer: ignore it
                else return;
                continue;
            }
            member++;
            if (c instanceof IASTInitializerList inner) {
                cs.next++;
                braced(base + m.offset, m.type, inner);
            } else if (m.type.isAggregate() && !initializesWhole(m.type, (IASTExpression) c)) {
                fill(base + m.offset, m.type, cs, false); // brace elision
            } else {
                cs.next++;
                single(base + m.offset, m.type, (IASTExpression) c);
            }
            if (type instanceof CType.Struct s && s.isUnion()) {
                if (!ownsBraces) return;
            }
        }
    }

    private boolean initializesWhole(CType member, IASTExpression e) {
        IASTExpression s = stripParens(e);
        if (member instanceof CType.Array && s instanceof IASTLiteralExpression lit && lit.getKind() == IASTLiteralExpression.lk_string_literal) {
            return true;
        }
        try {
            CType et = types.convert(e.getExpressionType());
            return et == member || et instanceof CType.Struct && member instanceof CType.Struct && et.equals(member);
        } catch (RuntimeException ex) {
            return false;
        }
    }

    private record Member(long offset, CType type) {
    }

    private Member member(CType type, int i) {
        if (type instanceof CType.Struct s) {
            int k = 0;
            for (Field f : s.fields()) {
                if (f.name().isEmpty() && f.bitWidth() >= 0) continue; // unnamed bit-fields take no initializer
                if (k++ == i) return new Member(f.offset(), f.type());
            }
            return null;
        }
        if (type instanceof CType.Array a) {
            if (i >= MAX_ELEMENTS) {
                truncated = true;
                return null;
            }
            if (a.length() >= 0 && i >= a.length()) return null;
            long es = Math.max(0, a.elem().size());
            return new Member(i * es, a.elem());
        }
        return null;
    }

    /** Applies a designated clause; returns the index of the first-level member it names, or -1. */
    private int designated(long base, CType type, ICASTDesignatedInitializer di) {
        ICASTDesignator[] ds = di.getDesignators();
        long off = base;
        CType t = type;
        int firstIdx = -1;
        for (int k = 0; k < ds.length; k++) {
            ICASTDesignator d = ds[k];
            if (d instanceof ICASTFieldDesignator fd && t instanceof CType.Struct s) {
                String name = fd.getName().toString();
                long[] found = new long[1];
                CType ft = findField(s, name, found);
                if (ft == null) return -1;
                if (k == 0) firstIdx = memberIndex(s, name);
                off += found[0];
                t = ft;
            } else if (d instanceof IGCCASTArrayRangeDesignator rd && t instanceof CType.Array a) {
                long lo = consts.evalOr(rd.getRangeFloor(), -1);
                long hi = consts.evalOr(rd.getRangeCeiling(), -1);
                if (lo < 0 || hi < lo) return -1;
                long es = Math.max(0, a.elem().size());
                for (long i = lo; i <= hi && i - lo < MAX_ELEMENTS; i++) {
                    clause(off + i * es, a.elem(), di.getOperand());
                }
                return k == 0 ? (int) Math.min(hi, Integer.MAX_VALUE - 1) : firstIdx;
            } else if (d instanceof ICASTArrayDesignator ad && t instanceof CType.Array a) {
                long i = consts.evalOr(ad.getSubscriptExpression(), -1);
                if (i < 0 || i >= MAX_ELEMENTS * 16L) return -1;
                if (k == 0) firstIdx = (int) i;
                off += i * Math.max(0, a.elem().size());
                t = a.elem();
            } else {
                return -1;
            }
        }
        clause(off, t, di.getOperand());
        return firstIdx;
    }

    /** Finds a member by name, looking into anonymous struct and union members. */
    static CType findField(CType.Struct s, String name, long[] offsetOut) {
        for (Field f : s.fields()) {
            if (f.name().equals(name)) {
                offsetOut[0] = f.offset();
                return f.type();
            }
        }
        for (Field f : s.fields()) {
            if (f.name().isEmpty() && f.type() instanceof CType.Struct inner) {
                long[] sub = new long[1];
                CType t = findField(inner, name, sub);
                if (t != null) {
                    offsetOut[0] = f.offset() + sub[0];
                    return t;
                }
            }
        }
        return null;
    }

    private static int memberIndex(CType.Struct s, String name) {
        int k = 0;
        for (Field f : s.fields()) {
            if (f.name().isEmpty() && f.bitWidth() >= 0) continue;
            if (f.name().equals(name)) return k;
            if (f.name().isEmpty() && f.type() instanceof CType.Struct inner && findField(inner, name, new long[1]) != null) return k;
            k++;
        }
        return -1;
    }
}
