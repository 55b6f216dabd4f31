package dev.ferrite.frontend.cdt;

import org.eclipse.cdt.internal.core.dom.parser.ASTAttributeList;

/**
 * A C23 attribute specifier {@code [[attr, gnu::attr(args)]]}. Its attributes are {@link StdAttribute}s,
 * whose {@code getName()} is the name without prefix (so {@code [[gnu::noreturn]]} and
 * {@code __attribute__((noreturn))} answer the same queries); the prefix is {@link StdAttribute#getScope()}.
 */
public final class StdAttributeList extends ASTAttributeList {
    @Override
    public StdAttributeList copy() {
        return copy(CopyStyle.withoutLocations);
    }

    @Override
    public StdAttributeList copy(CopyStyle style) {
        return copy(new StdAttributeList(), style);
    }
}
