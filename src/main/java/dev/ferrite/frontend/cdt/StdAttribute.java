package dev.ferrite.frontend.cdt;

import org.eclipse.cdt.core.dom.ast.IASTToken;
import org.eclipse.cdt.internal.core.dom.parser.c.CASTAttribute;

/** An attribute inside a C23 {@code [[...]]} specifier; {@link #getScope()} is its prefix ({@code gnu}) or null. */
public final class StdAttribute extends CASTAttribute {
    private final String scope;

    public StdAttribute(String scope, char[] name, IASTToken argumentClause) {
        super(name, argumentClause);
        this.scope = scope;
    }

    public String getScope() {
        return scope;
    }

    @Override
    public StdAttribute copy() {
        return copy(CopyStyle.withoutLocations);
    }

    @Override
    public StdAttribute copy(CopyStyle style) {
        IASTToken arg = getArgumentClause();
        return copy(new StdAttribute(scope, getName().clone(), arg == null ? null : arg.copy(style)), style);
    }
}
