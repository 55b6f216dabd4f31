package dev.ferrite.ir;

import dev.ferrite.frontend.SourcePos;
import java.util.ArrayList;
import java.util.List;

/**
 * What a translation unit declares about a function: type, parameter names, attributes gathered from
 * every declaration (GCC's {@code malloc}, {@code alloc_size}, {@code nonnull}, {@code access},
 * {@code noreturn}, {@code returns_nonnull}...), and whether it is defined here.
 */
public final class FunctionDecl {
    private final String name;
    private final CType.Func type;
    private final List<String> paramNames;
    private final List<Attr> attrs = new ArrayList<>();
    private final boolean isStatic;
    private final boolean inline;
    private final SourcePos pos;

    public FunctionDecl(String name, CType.Func type, List<String> paramNames, boolean isStatic, boolean inline, SourcePos pos) {
        this.name = name;
        this.type = type;
        this.paramNames = List.copyOf(paramNames);
        this.isStatic = isStatic;
        this.inline = inline;
        this.pos = pos;
    }

    public String name() {
        return name;
    }

    public CType.Func type() {
        return type;
    }

    public List<String> paramNames() {
        return paramNames;
    }

    public List<Attr> attrs() {
        return attrs;
    }

    public void addAttr(Attr a) {
        if (!attrs.contains(a)) attrs.add(a);
    }

    public boolean isStatic() {
        return isStatic;
    }

    public boolean isInline() {
        return inline;
    }

    public SourcePos pos() {
        return pos;
    }

    public Attr attr(String attrName) {
        for (Attr a : attrs) {
            if (a.name().equals(attrName)) return a;
        }
        return null;
    }

    public boolean has(String attrName) {
        return attr(attrName) != null;
    }

    public boolean noreturn() {
        return has("noreturn");
    }

    @Override
    public String toString() {
        return name + " " + type + " " + attrs;
    }
}
