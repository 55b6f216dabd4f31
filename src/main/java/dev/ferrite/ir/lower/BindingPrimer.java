package dev.ferrite.ir.lower;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IBinding;
import org.eclipse.cdt.internal.core.dom.parser.c.CFunction;

/**
 * CDT's C bindings find "all declarations" of a function by walking the whole translation unit, once
 * per function, the first time its type or storage class is asked for. On a kernel unit with
 * thousands of prototypes that walk dominates lowering. We already hold every file-scope declarator,
 * so we hand them to the binding and mark it as resolved.
 */
final class BindingPrimer {
    private static final Field BITS;
    private static final int FULLY_RESOLVED = 1;

    static {
        Field f = null;
        try {
            f = CFunction.class.getDeclaredField("bits");
            f.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            f = null; // a CDT without this field: lowering is slower, not wrong
        }
        BITS = f;
    }

    private BindingPrimer() {
    }

    static void prime(Map<String, List<IASTDeclarator>> declaratorsByName) {
        if (BITS == null) return;
        for (List<IASTDeclarator> ds : declaratorsByName.values()) {
            CFunction fn = null;
            for (IASTDeclarator d : ds) {
                IBinding b = Lowering.innermost(d).getName().resolveBinding();
                if (b instanceof CFunction cf) fn = cf;
            }
            if (fn == null) continue;
            for (IASTDeclarator d : ds) {
                IASTDeclarator inner = Lowering.innermost(d);
                if (inner instanceof org.eclipse.cdt.core.dom.ast.IASTFunctionDeclarator) fn.addDeclarator(inner);
            }
            try {
                BITS.setInt(fn, BITS.getInt(fn) | FULLY_RESOLVED);
            } catch (IllegalAccessException e) {
                return;
            }
        }
    }
}
