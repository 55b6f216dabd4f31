package dev.ferrite.ir;

import dev.ferrite.frontend.SourcePos;
import java.util.List;

/**
 * One simple instruction of a basic block. Memory is touched only by {@link Load}, {@link Store},
 * {@link Copy}, {@link ZeroFill}, {@link InitString}, {@link Asm} and calls; everything else works on
 * registers. {@code text} is the source text of the expression, for messages.
 */
public sealed interface Instr {
    SourcePos pos();

    /** {@code dst = rv}. */
    record Assign(Var dst, Rvalue rv, SourcePos pos) implements Instr {
        @Override
        public String toString() {
            return dst + " = " + rv;
        }
    }

    /** {@code dst = *addr}, reading a value of {@code type}. */
    record Load(Var dst, Operand addr, CType type, SourcePos pos, String text) implements Instr {
        @Override
        public String toString() {
            return dst + " = *" + addr;
        }
    }

    /** {@code *addr = value}, writing a value of {@code type}. */
    record Store(Operand addr, Operand value, CType type, SourcePos pos, String text) implements Instr {
        @Override
        public String toString() {
            return "*" + addr + " = " + value;
        }
    }

    /** Copies an aggregate: {@code *dst = *src} for a struct, union or array of {@code type}. */
    record Copy(Operand dst, Operand src, CType type, SourcePos pos, String text) implements Instr {
        @Override
        public String toString() {
            return "*" + dst + " = copy *" + src;
        }
    }

    /**
     * {@code dst = callee(args)}; {@code dst} is null when the result is unused. A direct call has a
     * {@link Operand.FuncRef} callee; a call through a pointer has any other operand.
     */
    record Call(Var dst, Operand callee, List<Operand> args, SourcePos pos, String text) implements Instr {
        public Call {
            args = List.copyOf(args);
        }

        public String calleeName() {
            return callee instanceof Operand.FuncRef f ? f.name() : null;
        }

        @Override
        public String toString() {
            return (dst == null ? "" : dst + " = ") + "call " + callee + args;
        }
    }

    /**
     * A local comes into scope, uninitialized. For a variable-length array {@code vlaLength} is its
     * number of elements.
     */
    record Decl(Var var, Operand vlaLength, SourcePos pos) implements Instr {
        @Override
        public String toString() {
            return "decl " + var + (vlaLength != null ? "[" + vlaLength + "]" : "");
        }
    }

    /** Fills an object with zeros (the members an initializer list leaves out, {@code = {0}}). */
    record ZeroFill(Operand addr, CType type, SourcePos pos) implements Instr {
        @Override
        public String toString() {
            return "zerofill *" + addr + " (" + type + ")";
        }
    }

    /** Initializes a character array from a string literal. */
    record InitString(Operand addr, Operand.StrConst value, CType arrayType, SourcePos pos) implements Instr {
        @Override
        public String toString() {
            return "*" + addr + " = init " + value;
        }
    }

    /**
     * Inline assembly: reads {@code inputs}, writes through the addresses {@code outputs}; {@code calls}
     * is the symbol its template calls ({@code call __get_user_%P4} calls {@code __get_user_}), or null.
     */
    record Asm(List<Operand> inputs, List<Operand> outputs, SourcePos pos, String calls) implements Instr {
        public Asm {
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
        }

        public Asm(List<Operand> inputs, List<Operand> outputs, SourcePos pos) {
            this(inputs, outputs, pos, null);
        }

        @Override
        public String toString() {
            return "asm in" + inputs + " out" + outputs;
        }
    }
}
