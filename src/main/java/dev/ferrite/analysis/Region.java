package dev.ferrite.analysis;

import dev.ferrite.frontend.SourcePos;
import dev.ferrite.ir.CType;
import dev.ferrite.ir.Var;

/**
 * A memory object: a variable, a heap allocation, the object an input pointer points to, a string
 * literal, or a function-local stack allocation. Every region has a base symbol that stands for its
 * address, so "is this pointer NULL" is a fact about a symbol's range.
 */
public final class Region {
    public enum Kind { VAR, HEAP, SYM, STRING, ALLOCA }

    private final long id;
    private final Kind kind;
    private final Sym base;
    private final Var var;
    private final Sym pointer;
    private String name;
    private boolean named;
    private final CType type;
    private final SourcePos site;

    Region(long id, Kind kind, Sym base, Var var, Sym pointer, String name, CType type, SourcePos site) {
        this.id = id;
        this.kind = kind;
        this.base = base;
        this.var = var;
        this.pointer = pointer;
        this.name = name;
        this.type = type;
        this.site = site;
    }

    public long id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    /** The symbol for this region's address; its range says whether the address may be NULL. */
    public Sym base() {
        return base;
    }

    /** For VAR regions: the variable. */
    public Var var() {
        return var;
    }

    /** For SYM regions: the input pointer symbol whose target this is. */
    public Sym pointer() {
        return pointer;
    }

    /** A name for messages: the variable, or what allocated the object. */
    public String name() {
        return name;
    }

    /**
     * Names an object after the first variable that holds it: heap objects are anonymous at birth, and an
     * object reached through an input ({@code handle->private}) is better known by the variable the code
     * keeps it in ({@code leds}). A parameter's own target keeps the parameter's name.
     */
    void nameAfter(String varName) {
        boolean reached = kind == Kind.SYM && (pointer.input() == null || pointer.input().depth() > 0
                || pointer.input().root() != AccessPath.Root.PARAM);
        if (!named && (kind == Kind.HEAP || kind == Kind.ALLOCA || reached)) {
            name = varName;
            named = true;
        }
    }

    /** The object's type when known (variables, literals); heap objects take the type they are used at. */
    public CType type() {
        return type;
    }

    /** Where the object was created (declaration, allocation call). */
    public SourcePos site() {
        return site;
    }

    public boolean isHeapLike() {
        return kind == Kind.HEAP;
    }

    public boolean isStack() {
        return kind == Kind.VAR && var != null && !var.isGlobal() || kind == Kind.ALLOCA;
    }

    public boolean isGlobal() {
        return kind == Kind.VAR && var != null && var.isGlobal();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Region r && r.id == id;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase() + "#" + id + (name != null ? "(" + name + ")" : "");
    }
}
