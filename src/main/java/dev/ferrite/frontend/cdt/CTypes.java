package dev.ferrite.frontend.cdt;

import org.eclipse.cdt.core.dom.ast.IArrayType;
import org.eclipse.cdt.core.dom.ast.IBasicType;
import org.eclipse.cdt.core.dom.ast.IFunctionType;
import org.eclipse.cdt.core.dom.ast.IPointerType;
import org.eclipse.cdt.core.dom.ast.IQualifierType;
import org.eclipse.cdt.core.dom.ast.IType;
import org.eclipse.cdt.core.dom.ast.ITypedef;
import org.eclipse.cdt.internal.core.dom.parser.c.CArrayType;
import org.eclipse.cdt.internal.core.dom.parser.c.CBasicType;
import org.eclipse.cdt.internal.core.dom.parser.c.CPointerType;

/** Small C type operations used by the custom nodes (CDT's C side has no public helpers for them). */
public final class CTypes {
    private CTypes() {}

    /** Follows typedefs. */
    public static IType unwrapTypedefs(IType t) {
        while (t instanceof ITypedef) {
            IType next = ((ITypedef) t).getType();
            if (next == null || next == t) break;
            t = next;
        }
        return t;
    }

    /** Removes typedefs and top-level qualifiers. */
    public static IType unqualified(IType t) {
        while (true) {
            IType u = unwrapTypedefs(t);
            if (u instanceof IQualifierType) {
                t = ((IQualifierType) u).getType();
            } else if (u instanceof IPointerType && isQualifiedPointer((IPointerType) u)) {
                return new CPointerType(((IPointerType) u).getType(), 0);
            } else {
                return u;
            }
        }
    }

    private static boolean isQualifiedPointer(IPointerType p) {
        return p.isConst() || p.isVolatile() || p.isRestrict();
    }

    /**
     * The type of an expression after lvalue conversion (C11 6.3.2.1): qualifiers dropped, arrays decay
     * to pointers to their first element, functions to pointers to the function. This is what
     * {@code _Generic} and {@code __auto_type} use.
     */
    public static IType lvalueConversion(IType t) {
        if (t == null) return null;
        IType u = unqualified(t);
        if (u instanceof IArrayType) {
            return new CPointerType(((IArrayType) u).getType(), 0);
        }
        if (u instanceof IFunctionType) {
            return new CPointerType(u, 0);
        }
        return u;
    }

    /**
     * Removes all qualifiers of a type as {@code typeof_unqual} does: top-level ones, and for arrays the
     * ones on the element type (an array's qualifiers are its elements').
     */
    public static IType stripQualifiers(IType t) {
        IType u = unqualified(t);
        if (u instanceof IArrayType && !(u instanceof CArrayType)) return u;
        if (u instanceof CArrayType) {
            CArrayType a = (CArrayType) u;
            IType elem = stripQualifiers(a.getType());
            if (elem == a.getType() && !a.isConst() && !a.isVolatile() && !a.isRestrict()) return u;
            CArrayType copy = new CArrayType(elem, false, false, false, a.getSize());
            copy.setIsStatic(a.isStatic());
            copy.setIsVariableLength(a.isVariableLength());
            return copy;
        }
        return u;
    }

    /** Whether two types are compatible in the sense GCC uses for _Generic and __builtin_types_compatible_p. */
    public static boolean compatible(IType a, IType b) {
        if (a == null || b == null) return false;
        IType x = unwrapTypedefs(a);
        IType y = unwrapTypedefs(b);
        return x.isSameType(y) || y.isSameType(x);
    }

    /** {@code int}. */
    public static IType intType() {
        return new CBasicType(IBasicType.Kind.eInt, 0);
    }

    /** {@code unsigned long} (size_t on LP64). */
    public static IType sizeType() {
        return new CBasicType(IBasicType.Kind.eInt, IBasicType.IS_LONG | IBasicType.IS_UNSIGNED);
    }
}
