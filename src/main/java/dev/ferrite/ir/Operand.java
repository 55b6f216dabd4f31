package dev.ferrite.ir;

/** A value an instruction reads: a variable, a constant, or the address of a function. */
public sealed interface Operand permits Var, Operand.IntConst, Operand.FloatConst, Operand.StrConst, Operand.FuncRef {

    CType type();

    /**
     * An integer constant (also NULL, as 0 of pointer type). {@code sizeofOf} is set when the constant
     * came from {@code sizeof} and names the type measured (so sizeof(pointer) mistakes can be seen).
     */
    record IntConst(long value, CType type, CType sizeofOf) implements Operand {
        public IntConst(long value, CType type) {
            this(value, type, null);
        }

        public boolean isNull() {
            return value == 0 && type instanceof CType.Ptr;
        }

        @Override
        public String toString() {
            return type instanceof CType.Ptr && value == 0 ? "NULL" : Long.toString(value);
        }
    }

    record FloatConst(double value, CType type) implements Operand {
        @Override
        public String toString() {
            return Double.toString(value);
        }
    }

    /** A string literal; evaluates to the address of its (static, read-only) character array. */
    record StrConst(String value, CType type, boolean wide) implements Operand {
        /** Size of the literal's array in bytes, terminator included. */
        public long byteSize() {
            long es = wide ? 4 : 1;
            return (value.length() + 1) * es;
        }

        @Override
        public String toString() {
            String v = value.length() > 24 ? value.substring(0, 24) + "..." : value;
            return "\"" + v.replace("\n", "\\n").replace("\"", "\\\"") + "\"";
        }
    }

    /** The address of a function, by its linkage name. */
    record FuncRef(String name, CType type) implements Operand {
        @Override
        public String toString() {
            return "@" + name;
        }
    }
}
