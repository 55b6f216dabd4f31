package dev.ferrite.frontend.cdt;

import java.util.function.Function;
import org.eclipse.cdt.core.dom.ast.IASTName;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IBinding;
import org.eclipse.cdt.internal.core.dom.parser.c.CASTName;

/**
 * A name whose binding is found by a function of the name (CDT's {@code CVisitor} only knows the
 * parents it defines). Used for {@code __builtin_offsetof} member names and {@code asm goto} labels.
 */
public final class ResolvingName extends CASTName {
    private final Function<IASTName, IBinding> resolver;

    public ResolvingName(char[] name, Function<IASTName, IBinding> resolver) {
        super(name);
        this.resolver = resolver;
    }

    @Override
    public IBinding resolveBinding() {
        if (getBinding() == null) {
            IBinding b = null;
            try {
                b = resolver.apply(this);
            } catch (RuntimeException e) {
                b = null;
            }
            setBinding(b);
        }
        return getBinding();
    }

    @Override
    public IBinding resolvePreBinding() {
        return resolveBinding();
    }

    @Override
    public ResolvingName copy() {
        return copy(IASTNode.CopyStyle.withoutLocations);
    }

    @Override
    public ResolvingName copy(IASTNode.CopyStyle style) {
        return copy(new ResolvingName(toCharArray().clone(), resolver), style);
    }
}
