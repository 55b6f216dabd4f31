package dev.ferrite.ir;

import dev.ferrite.frontend.SourcePos;

/**
 * A variable. REG variables (scalar locals, parameters and temporaries whose address is never taken)
 * are read as operands and written by instructions directly. MEM variables (arrays, structs,
 * address-taken locals) and globals live in memory and are reached through {@link Rvalue.AddrOf}.
 */
public final class Var implements Operand {
    public enum Kind { LOCAL, PARAM, TEMP, GLOBAL }

    private final int id;
    private final String name;
    private final CType type;
    private final Kind kind;
    private final SourcePos pos;
    private boolean inMemory;

    public Var(int id, String name, CType type, Kind kind, boolean inMemory, SourcePos pos) {
        this.id = id;
        this.name = name;
        this.type = type;
        this.kind = kind;
        this.inMemory = inMemory;
        this.pos = pos;
    }

    public int id() {
        return id;
    }

    /** The name in the source (temporaries: {@code t<N>}); globals with internal linkage are not qualified. */
    public String name() {
        return name;
    }

    @Override
    public CType type() {
        return type;
    }

    public Kind kind() {
        return kind;
    }

    public SourcePos pos() {
        return pos;
    }

    /** True when the variable lives in memory (arrays, structs, address taken, globals). */
    public boolean inMemory() {
        return inMemory;
    }

    public void markInMemory() {
        inMemory = true;
    }

    public boolean isGlobal() {
        return kind == Kind.GLOBAL;
    }

    public boolean isTemp() {
        return kind == Kind.TEMP;
    }

    @Override
    public String toString() {
        return kind == Kind.GLOBAL ? "@" + name : kind == Kind.TEMP ? name : name + "." + id;
    }
}
