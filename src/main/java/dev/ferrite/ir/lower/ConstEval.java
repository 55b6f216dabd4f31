package dev.ferrite.ir.lower;

import dev.ferrite.ir.CType;
import org.eclipse.cdt.core.dom.ast.IASTBinaryExpression;
import org.eclipse.cdt.core.dom.ast.IASTBinaryTypeIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTCastExpression;
import org.eclipse.cdt.core.dom.ast.IASTConditionalExpression;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTFunctionCallExpression;
import org.eclipse.cdt.core.dom.ast.IASTIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTInitializerClause;
import org.eclipse.cdt.core.dom.ast.IASTLiteralExpression;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTToken;
import org.eclipse.cdt.core.dom.ast.IASTTokenList;
import org.eclipse.cdt.core.dom.ast.IASTTypeId;
import org.eclipse.cdt.core.dom.ast.IASTTypeIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTUnaryExpression;
import org.eclipse.cdt.core.dom.ast.IBinding;
import org.eclipse.cdt.core.dom.ast.IEnumerator;
import org.eclipse.cdt.core.dom.ast.IType;
import org.eclipse.cdt.core.dom.ast.IValue;
import org.eclipse.cdt.internal.core.dom.parser.c.CVisitor;

/** Evaluates integer constant expressions (array sizes, case labels, sizeof, enumerators) under LP64. */
final class ConstEval {
    private final TypeConverter types;

    ConstEval(TypeConverter types) {
        this.types = types;
    }

    long evalOr(IASTExpression e, long dflt) {
        Long v = eval(e);
        return v == null ? dflt : v;
    }

    /** The value, or null when the expression is not an integer constant we can compute. */
    Long eval(IASTExpression e) {
        try {
            return doEval(e, 0);
        } catch (RuntimeException ex) {
            return null;
        }
    }

    private Long doEval(IASTExpression e, int depth) {
        if (e == null || depth > 200) return null;
        if (e instanceof IASTLiteralExpression lit) {
            return switch (lit.getKind()) {
                case IASTLiteralExpression.lk_integer_constant -> parseInt(new String(lit.getValue()));
                case IASTLiteralExpression.lk_char_constant -> parseChar(new String(lit.getValue()));
                case IASTLiteralExpression.lk_true -> 1L;
                case IASTLiteralExpression.lk_false -> 0L;
                default -> null;
            };
        }
        if (e instanceof IASTIdExpression id) {
            IBinding b = id.getName().resolveBinding();
            if (b instanceof IEnumerator en) {
                IValue v = en.getValue();
                return v != null && v.numberValue() != null ? v.numberValue().longValue() : null;
            }
            return null;
        }
        if (e instanceof IASTUnaryExpression u) {
            int op = u.getOperator();
            if (op == IASTUnaryExpression.op_sizeof) {
                long s = sizeOf(u.getOperand().getExpressionType());
                return s < 0 ? null : s;
            }
            if (op == IASTUnaryExpression.op_alignOf) return CType.alignOf(types.convert(u.getOperand().getExpressionType()));
            Long v = doEval(u.getOperand(), depth + 1);
            if (v == null) return null;
            return switch (op) {
                case IASTUnaryExpression.op_minus -> -v;
                case IASTUnaryExpression.op_plus, IASTUnaryExpression.op_bracketedPrimary -> v;
                case IASTUnaryExpression.op_tilde -> ~v;
                case IASTUnaryExpression.op_not -> v == 0 ? 1L : 0L;
                default -> null;
            };
        }
        if (e instanceof IASTTypeIdExpression t) {
            CType ct = typeOf(t.getTypeId());
            if (t.getOperator() == IASTTypeIdExpression.op_sizeof) return ct.size() < 0 ? null : ct.size();
            if (t.getOperator() == IASTTypeIdExpression.op_alignof) return CType.alignOf(ct);
            return null;
        }
        if (e instanceof IASTBinaryTypeIdExpression bt) {
            CType a = typeOf(bt.getOperand1());
            CType b = typeOf(bt.getOperand2());
            return compatible(a, b) ? 1L : 0L;
        }
        if (e instanceof IASTCastExpression c) {
            Long v = doEval(c.getOperand(), depth + 1);
            if (v == null) return null;
            CType to = typeOf(c.getTypeId());
            return truncate(v, to);
        }
        if (e instanceof IASTConditionalExpression c) {
            Long cond = doEval(c.getLogicalConditionExpression(), depth + 1);
            if (cond == null) return null;
            IASTExpression pos = c.getPositiveResultExpression();
            return cond != 0 ? (pos == null ? cond : doEval(pos, depth + 1)) : doEval(c.getNegativeResultExpression(), depth + 1);
        }
        if (e instanceof IASTBinaryExpression b) {
            int op = b.getOperator();
            Long l = doEval(b.getOperand1(), depth + 1);
            if (l == null) return null;
            if (op == IASTBinaryExpression.op_logicalAnd && l == 0) return 0L;
            if (op == IASTBinaryExpression.op_logicalOr && l != 0) return 1L;
            Long r = doEval(b.getOperand2(), depth + 1);
            if (r == null) return null;
            boolean uns = isUnsigned(b.getOperand1()) || isUnsigned(b.getOperand2());
            return switch (op) {
                case IASTBinaryExpression.op_plus -> l + r;
                case IASTBinaryExpression.op_minus -> l - r;
                case IASTBinaryExpression.op_multiply -> l * r;
                case IASTBinaryExpression.op_divide -> r == 0 ? null : uns ? Long.divideUnsigned(l, r) : l / r;
                case IASTBinaryExpression.op_modulo -> r == 0 ? null : uns ? Long.remainderUnsigned(l, r) : l % r;
                case IASTBinaryExpression.op_shiftLeft -> r < 0 || r > 63 ? null : l << r;
                case IASTBinaryExpression.op_shiftRight -> r < 0 || r > 63 ? null : uns ? l >>> r : l >> r;
                case IASTBinaryExpression.op_binaryAnd -> l & r;
                case IASTBinaryExpression.op_binaryOr -> l | r;
                case IASTBinaryExpression.op_binaryXor -> l ^ r;
                case IASTBinaryExpression.op_lessThan -> (uns ? Long.compareUnsigned(l, r) < 0 : l < r) ? 1L : 0L;
                case IASTBinaryExpression.op_greaterThan -> (uns ? Long.compareUnsigned(l, r) > 0 : l > r) ? 1L : 0L;
                case IASTBinaryExpression.op_lessEqual -> (uns ? Long.compareUnsigned(l, r) <= 0 : l <= r) ? 1L : 0L;
                case IASTBinaryExpression.op_greaterEqual -> (uns ? Long.compareUnsigned(l, r) >= 0 : l >= r) ? 1L : 0L;
                case IASTBinaryExpression.op_equals -> l.equals(r) ? 1L : 0L;
                case IASTBinaryExpression.op_notequals -> l.equals(r) ? 0L : 1L;
                case IASTBinaryExpression.op_logicalAnd -> r != 0 ? 1L : 0L;
                case IASTBinaryExpression.op_logicalOr -> r != 0 ? 1L : 0L;
                default -> null;
            };
        }
        if (e instanceof IASTFunctionCallExpression call && call.getFunctionNameExpression() instanceof IASTIdExpression fn) {
            String name = fn.getName().toString();
            IASTInitializerClause[] args = call.getArguments();
            if (name.equals("__builtin_constant_p")) {
                return args.length == 1 && args[0] instanceof IASTExpression a && doEval(a, depth + 1) != null ? 1L : 0L;
            }
            if ((name.equals("__builtin_expect") || name.equals("__builtin_expect_with_probability")) && args.length >= 1
                    && args[0] instanceof IASTExpression a) {
                return doEval(a, depth + 1);
            }
            if (name.equals("__builtin_choose_expr") && args.length == 3 && args[0] instanceof IASTExpression c) {
                Long cv = doEval(c, depth + 1);
                if (cv == null) return null;
                IASTInitializerClause pick = cv != 0 ? args[1] : args[2];
                return pick instanceof IASTExpression pe ? doEval(pe, depth + 1) : null;
            }
        }
        if (e instanceof dev.ferrite.frontend.cdt.OffsetofExpression o) return CustomNodes.offsetof(this, o);
        if (e instanceof dev.ferrite.frontend.cdt.TypesCompatibleExpression t) return t.isCompatible() ? 1L : 0L;
        if (e instanceof dev.ferrite.frontend.cdt.GenericSelectionExpression g) {
            return g.getSelectedExpression() == null ? null : doEval(g.getSelectedExpression(), depth + 1);
        }
        // Forms CDT knows how to fold.
        try {
            Number n = org.eclipse.cdt.internal.core.dom.parser.ValueFactory.getConstantNumericalValue(e);
            return n == null ? null : n.longValue();
        } catch (RuntimeException ex) {
            return null;
        }
    }

    private boolean isUnsigned(IASTExpression e) {
        try {
            return types.convert(e.getExpressionType()) instanceof CType.Int i && !i.signed() && i.bytes() >= 4;
        } catch (RuntimeException ex) {
            return false;
        }
    }

    static long truncate(long v, CType to) {
        if (!(to instanceof CType.Int i) || i.bytes() >= 8) return v;
        int bits = i.bytes() * 8;
        long mask = (1L << bits) - 1;
        long u = v & mask;
        if (i.signed() && (u & (1L << (bits - 1))) != 0) u |= ~mask;
        return u;
    }

    long sizeOf(IType t) {
        return types.convert(t).size();
    }

    CType typeOf(IASTTypeId id) {
        return types.convert(CVisitor.createType(id.getAbstractDeclarator()));
    }

    static boolean compatible(CType a, CType b) {
        if (a == b) return true;
        if (a instanceof CType.Int x && b instanceof CType.Int y) return x.bytes() == y.bytes() && x.signed() == y.signed() && x.name().equals(y.name());
        if (a instanceof CType.Ptr x && b instanceof CType.Ptr y) return compatible(x.pointee(), y.pointee());
        if (a instanceof CType.Array x && b instanceof CType.Array y) {
            return compatible(x.elem(), y.elem()) && (x.length() < 0 || y.length() < 0 || x.length() == y.length());
        }
        return a.equals(b);
    }

    /** Parses a C integer literal: decimal, octal, hex, binary, with u/l suffixes. */
    static Long parseInt(String s) {
        String t = s.replace("'", "");
        int end = t.length();
        while (end > 0 && "uUlL".indexOf(t.charAt(end - 1)) >= 0) end--;
        t = t.substring(0, end);
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) return Long.parseUnsignedLong(t.substring(2), 16);
            if (t.startsWith("0b") || t.startsWith("0B")) return Long.parseUnsignedLong(t.substring(2), 2);
            if (t.length() > 1 && t.startsWith("0")) return Long.parseUnsignedLong(t.substring(1), 8);
            return Long.parseUnsignedLong(t);
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    /** Parses a character constant such as {@code 'a'}, {@code '\n'}, {@code '\x1f'}, {@code L'\0'}. */
    static Long parseChar(String s) {
        int q = s.indexOf('\'');
        int end = s.lastIndexOf('\'');
        if (q < 0 || end <= q) return null; // not a (terminated) character constant
        String body = s.substring(q + 1, end);
        String decoded = unescape(body);
        if (decoded.isEmpty()) return 0L;
        boolean wide = q > 0;
        char c = decoded.charAt(0);
        return wide ? (long) c : (long) (byte) c;
    }

    /** Decodes C escape sequences; each resulting char holds one byte (or one wide character). */
    static String unescape(String body) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 >= body.length()) {
                sb.append(c);
                continue;
            }
            char n = body.charAt(++i);
            switch (n) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'a' -> sb.append((char) 7);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'v' -> sb.append((char) 11);
                case 'e' -> sb.append((char) 27);
                case 'x' -> {
                    int j = i + 1;
                    long v = 0;
                    while (j < body.length() && Character.digit(body.charAt(j), 16) >= 0) v = v * 16 + Character.digit(body.charAt(j++), 16);
                    sb.append((char) (v & 0xffff));
                    i = j - 1;
                }
                default -> {
                    if (n >= '0' && n <= '7') {
                        int j = i;
                        int v = 0;
                        while (j < body.length() && j < i + 3 && body.charAt(j) >= '0' && body.charAt(j) <= '7') v = v * 8 + (body.charAt(j++) - '0');
                        sb.append((char) (v & 0xff));
                        i = j - 1;
                    } else {
                        sb.append(n);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** An attribute argument given as tokens: the integer it spells, if it is one. */
    static Long parseIntTokens(IASTToken tok) {
        if (tok instanceof IASTTokenList list) {
            IASTToken[] ts = list.getTokens();
            if (ts.length == 1) return parseIntTokens(ts[0]);
            if (ts.length == 3 && "(".equals(new String(ts[0].getTokenCharImage()))) return parseIntTokens(ts[1]);
            return null;
        }
        return parseInt(new String(tok.getTokenCharImage()).trim());
    }

}
