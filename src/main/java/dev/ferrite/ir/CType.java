package dev.ferrite.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * C types as the analysis sees them, independent of the parser. Sizes follow the LP64 ABI
 * (x86_64 Linux). Struct types are mutable only while the converter fills in their fields,
 * so recursive types can refer to themselves.
 */
public sealed interface CType permits CType.Void, CType.Int, CType.Float, CType.Ptr, CType.Array, CType.Struct, CType.Func {

    /** Size in bytes, or -1 when unknown (incomplete types, VLAs, functions). */
    long size();

    default boolean isPointer() {
        return this instanceof Ptr;
    }

    default boolean isInteger() {
        return this instanceof Int;
    }

    default boolean isScalar() {
        return this instanceof Int || this instanceof Float || this instanceof Ptr;
    }

    default boolean isAggregate() {
        return this instanceof Array || this instanceof Struct;
    }

    Void VOID = new Void();
    Int BOOL = new Int(1, false, "_Bool");
    Int CHAR = new Int(1, true, "char");
    Int UCHAR = new Int(1, false, "unsigned char");
    Int SHORT = new Int(2, true, "short");
    Int USHORT = new Int(2, false, "unsigned short");
    Int INT = new Int(4, true, "int");
    Int UINT = new Int(4, false, "unsigned int");
    Int LONG = new Int(8, true, "long");
    Int ULONG = new Int(8, false, "unsigned long");
    Int LLONG = new Int(8, true, "long long");
    Int ULLONG = new Int(8, false, "unsigned long long");
    Int INT128 = new Int(16, true, "__int128");
    Int SIZE_T = ULONG;
    Float FLOAT = new Float(4, "float");
    Float DOUBLE = new Float(8, "double");
    Float LDOUBLE = new Float(16, "long double");
    Ptr VOID_PTR = new Ptr(VOID);
    Ptr CHAR_PTR = new Ptr(CHAR);

    record Void() implements CType {
        public long size() {
            return 1; // GNU C: sizeof(void) == 1, and void* arithmetic steps by one byte
        }

        @Override
        public String toString() {
            return "void";
        }
    }

    record Int(int bytes, boolean signed, String name) implements CType {
        public long size() {
            return bytes;
        }

        public long min() {
            if (!signed) return 0;
            return bytes >= 8 ? Long.MIN_VALUE : -(1L << (bytes * 8 - 1));
        }

        public long max() {
            if (bytes >= 8) return signed ? Long.MAX_VALUE : Long.MAX_VALUE; // unsigned 64-bit saturates
            return signed ? (1L << (bytes * 8 - 1)) - 1 : (1L << (bytes * 8)) - 1;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    record Float(int bytes, String name) implements CType {
        public long size() {
            return bytes;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    record Ptr(CType pointee) implements CType {
        public long size() {
            return 8;
        }

        @Override
        public String toString() {
            return pointee instanceof Func ? "fnptr" : pointee + " *";
        }
    }

    /** An array; {@code length} is -1 when unknown (flexible, {@code []}) and {@code vla} when sized at run time. */
    record Array(CType elem, long length, boolean vla) implements CType {
        public long size() {
            long es = elem.size();
            return length < 0 || es < 0 ? -1 : length * es;
        }

        @Override
        public String toString() {
            return elem + "[" + (length < 0 ? "" : Long.toString(length)) + "]";
        }
    }

    record Func(CType ret, List<CType> params, boolean varargs) implements CType {
        public long size() {
            return -1;
        }

        @Override
        public String toString() {
            return ret + " (" + params + (varargs ? ", ..." : "") + ")";
        }
    }

    /** A struct or union. Identity is by object (each definition is one Struct). */
    final class Struct implements CType {
        private final String name;
        private final boolean union;
        private final List<Field> fields = new ArrayList<>();
        private long size = -1;
        private boolean complete;

        public Struct(String name, boolean union) {
            this.name = name;
            this.union = union;
        }

        public String name() {
            return name;
        }

        public boolean isUnion() {
            return union;
        }

        public List<Field> fields() {
            return Collections.unmodifiableList(fields);
        }

        public boolean complete() {
            return complete;
        }

        /** Called once by the type converter when the definition has been read. */
        public void define(List<Field> fs, long sz) {
            fields.clear();
            fields.addAll(fs);
            size = sz;
            complete = true;
        }

        /** A field's lock annotation: Clang's guarded_by(lock) (pointee false) or pt_guarded_by(lock) (pointee true). */
        public record Guard(String lock, boolean pointee) {
        }

        private final java.util.Map<String, Guard> guards = new java.util.HashMap<>();

        /** Called by the type converter for fields annotated with the lock that protects them. */
        public void guard(String fieldName, Guard g) {
            guards.put(fieldName, g);
        }

        /** The lock annotation of a field, or null. */
        public Guard guardOf(String fieldName) {
            return guards.isEmpty() ? null : guards.get(fieldName);
        }

        public Field field(String fieldName) {
            for (Field f : fields) {
                if (f.name().equals(fieldName)) return f;
            }
            return null;
        }

        /** The innermost field that starts exactly at {@code offset} (used to name places in messages). */
        public Field fieldAt(long offset) {
            for (Field f : fields) {
                if (f.offset() == offset) return f;
            }
            return null;
        }

        public long size() {
            return size;
        }

        @Override
        public String toString() {
            return (union ? "union " : "struct ") + name;
        }
    }

    /** Alignment in bytes under LP64. */
    static long alignOf(CType t) {
        if (t instanceof Int i) return Math.min(i.bytes(), 16);
        if (t instanceof Float f) return Math.min(f.bytes(), 16);
        if (t instanceof Ptr) return 8;
        if (t instanceof Array a) return alignOf(a.elem());
        if (t instanceof Struct s) {
            long al = 1;
            for (Field f : s.fields()) al = Math.max(al, alignOf(f.type()));
            return al;
        }
        return 1;
    }

    /** The type a value of this type has after array-to-pointer and function-to-pointer decay. */
    static CType decay(CType t) {
        if (t instanceof Array a) return new Ptr(a.elem());
        if (t instanceof Func) return new Ptr(t);
        return t;
    }
}
