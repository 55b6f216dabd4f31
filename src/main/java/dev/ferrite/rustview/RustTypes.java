package dev.ferrite.rustview;

import dev.ferrite.ir.CType;

/** Rust spellings of C types (the kernel crate's and core's names). */
final class RustTypes {
    private RustTypes() {
    }

    static String of(CType t) {
        if (t instanceof CType.Void) return "()";
        if (t instanceof CType.Int i) {
            if (i.bytes() == 1 && "_Bool".equals(i.name())) return "bool";
            return (i.signed() ? "i" : "u") + (i.bytes() * 8);
        }
        if (t instanceof CType.Float f) return f.size() <= 4 ? "f32" : "f64";
        if (t instanceof CType.Struct s) return s.name() == null || s.name().isEmpty() ? "_" : s.name();
        if (t instanceof CType.Array a) return "[" + of(a.elem()) + "; " + a.length() + "]";
        if (t instanceof CType.Ptr p) return "*mut " + pointee(p);
        if (t instanceof CType.Func) return "fn(..)";
        return String.valueOf(t);
    }

    /** The Rust name of what a pointer points to ({@code c_void} for void). */
    static String pointee(CType.Ptr p) {
        return p.pointee() instanceof CType.Void ? "c_void" : of(p.pointee());
    }

    static boolean isCallback(CType t) {
        return t instanceof CType.Ptr p && p.pointee() instanceof CType.Func;
    }
}
