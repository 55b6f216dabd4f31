package dev.ferrite.ir;

/** The right-hand side of an {@link Instr.Assign}: one operation on operands, no side effects. */
public sealed interface Rvalue {

    enum UnOp { NEG, BITNOT, LOGNOT }

    enum BinOp {
        ADD, SUB, MUL, DIV, MOD, SHL, SHR, AND, OR, XOR, EQ, NE, LT, LE, GT, GE;

        public boolean isComparison() {
            return ordinal() >= EQ.ordinal();
        }

        /** The comparison that holds when this one does not. */
        public BinOp negate() {
            return switch (this) {
                case EQ -> NE;
                case NE -> EQ;
                case LT -> GE;
                case LE -> GT;
                case GT -> LE;
                case GE -> LT;
                default -> throw new IllegalStateException(this + " is not a comparison");
            };
        }

        /** The comparison with operands swapped: a < b is b > a. */
        public BinOp swap() {
            return switch (this) {
                case LT -> GT;
                case LE -> GE;
                case GT -> LT;
                case GE -> LE;
                default -> this;
            };
        }

        public String symbol() {
            return switch (this) {
                case ADD -> "+";
                case SUB -> "-";
                case MUL -> "*";
                case DIV -> "/";
                case MOD -> "%";
                case SHL -> "<<";
                case SHR -> ">>";
                case AND -> "&";
                case OR -> "|";
                case XOR -> "^";
                case EQ -> "==";
                case NE -> "!=";
                case LT -> "<";
                case LE -> "<=";
                case GT -> ">";
                case GE -> ">=";
            };
        }
    }

    /** A plain copy. */
    record Use(Operand op) implements Rvalue {
        @Override
        public String toString() {
            return op.toString();
        }
    }

    record Unary(UnOp op, Operand arg) implements Rvalue {
        @Override
        public String toString() {
            return (op == UnOp.NEG ? "-" : op == UnOp.BITNOT ? "~" : "!") + arg;
        }
    }

    /** Integer or floating arithmetic and comparisons (pointer arithmetic is {@link IndexAddr}). */
    record Binary(BinOp op, Operand left, Operand right, CType type) implements Rvalue {
        @Override
        public String toString() {
            return left + " " + op.symbol() + " " + right;
        }
    }

    record Cast(CType to, Operand arg) implements Rvalue {
        @Override
        public String toString() {
            return "(" + to + ")" + arg;
        }
    }

    /** The address of a variable in memory. */
    record AddrOf(Var var) implements Rvalue {
        @Override
        public String toString() {
            return "&" + var;
        }
    }

    /** {@code &base->field}: base is a pointer to a struct or union. */
    record FieldAddr(Operand base, CType.Struct struct, Field field) implements Rvalue {
        @Override
        public String toString() {
            return "&" + base + "->" + field.name();
        }
    }

    /** {@code base + index} in units of {@code elem} (array indexing and pointer arithmetic). */
    record IndexAddr(Operand base, Operand index, CType elem) implements Rvalue {
        @Override
        public String toString() {
            return "&" + base + "[" + index + "]";
        }
    }

    /** A value the lowering cannot express (unsupported builtins, parse problems): anything of its type. */
    record Unknown(CType type) implements Rvalue {
        @Override
        public String toString() {
            return "unknown " + type;
        }
    }

    /** {@code a - b} of two pointers, in units of {@code elem}. */
    record PtrDiff(Operand left, Operand right, CType elem) implements Rvalue {
        @Override
        public String toString() {
            return left + " -p " + right;
        }
    }
}
