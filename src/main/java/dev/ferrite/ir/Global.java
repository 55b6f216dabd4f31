package dev.ferrite.ir;

import dev.ferrite.frontend.SourcePos;
import java.util.ArrayList;
import java.util.List;

/**
 * A variable with static storage: a file-scope variable or a {@code static} local. Its initializer is
 * kept as constant stores at byte offsets (function addresses in operation tables, constant flags).
 */
public final class Global {
    /** One initialized piece: {@code *(&var + offset) = value} of {@code type}. */
    public record Init(long offset, CType type, Operand value) {
    }

    /** An initializer piece that is the address of another global (plus a byte offset). */
    public record AddrInit(long offset, String target, long targetOffset) {
    }

    /** An initializer piece whose value the lowering does not compute (an address expression, a cast of one...). */
    public record OpaqueInit(long offset, CType type) {
    }

    private final Var var;
    private final boolean isStatic;
    private final boolean isConst;
    private final boolean defined;
    private final SourcePos pos;
    private final List<Init> inits = new ArrayList<>();
    private final List<AddrInit> addrInits = new ArrayList<>();
    private final List<OpaqueInit> opaqueInits = new ArrayList<>();
    private final List<Attr> attrs = new ArrayList<>();
    private boolean hasInitializer;

    public Global(Var var, boolean isStatic, boolean isConst, boolean defined, SourcePos pos) {
        this.var = var;
        this.isStatic = isStatic;
        this.isConst = isConst;
        this.defined = defined;
        this.pos = pos;
    }

    public Var var() {
        return var;
    }

    public String name() {
        return var.name();
    }

    public boolean isStatic() {
        return isStatic;
    }

    public boolean isConst() {
        return isConst;
    }

    /** True for a definition in this unit (with or without initializer), false for an {@code extern} declaration. */
    public boolean defined() {
        return defined;
    }

    public SourcePos pos() {
        return pos;
    }

    public List<Init> inits() {
        return inits;
    }

    public List<AddrInit> addrInits() {
        return addrInits;
    }

    public List<OpaqueInit> opaqueInits() {
        return opaqueInits;
    }

    public List<Attr> attrs() {
        return attrs;
    }

    public boolean hasInitializer() {
        return hasInitializer;
    }

    public void setHasInitializer() {
        hasInitializer = true;
    }

    /** The constant a scalar global starts with, if its initializer gives one at offset 0. */
    public Operand initialValue() {
        for (Init i : inits) {
            if (i.offset() == 0 && i.type().isScalar()) return i.value();
        }
        return null;
    }
}
