package dev.ferrite.frontend.cdt;

import org.eclipse.cdt.internal.core.dom.parser.ASTAttributeList;
import org.eclipse.cdt.internal.core.dom.parser.c.CASTAttribute;

/**
 * A keyword that CDT's C AST has no flag for, kept as an attribute specifier of the declaration
 * specifier (or pointer operator) it belongs to, with the keyword's exact source range:
 * {@code _Thread_local}/{@code __thread}, {@code _Noreturn}, {@code __seg_gs}/{@code __seg_fs}, and the
 * {@code _Atomic} qualifier. It holds one attribute so that generic attribute queries work:
 * {@code _Noreturn} appears as the attribute {@code noreturn} (so CDT's
 * {@code AttributeUtil.hasNoreturnAttribute} sees it), the others under their own spelling.
 * Query with {@link CExtensions}.
 */
public final class KeywordSpecifier extends ASTAttributeList {
    public enum Kind {
        THREAD_LOCAL, NORETURN, ADDRESS_SPACE, ATOMIC
    }

    private final Kind kind;
    private final String keyword;

    public KeywordSpecifier(Kind kind, String keyword) {
        this.kind = kind;
        this.keyword = keyword;
    }

    /** Creates the specifier with its attribute, both covering [offset, endOffset). */
    static KeywordSpecifier create(Kind kind, String keyword, int offset, int endOffset) {
        KeywordSpecifier s = new KeywordSpecifier(kind, keyword);
        String attrName = kind == Kind.NORETURN ? "noreturn" : keyword;
        CASTAttribute a = new CASTAttribute(attrName.toCharArray(), null);
        a.setOffsetAndLength(offset, endOffset - offset);
        s.addAttribute(a);
        s.setOffsetAndLength(offset, endOffset - offset);
        return s;
    }

    public Kind getKind() {
        return kind;
    }

    /** The keyword as written, e.g. {@code __thread} or {@code __seg_gs}. */
    public String getKeyword() {
        return keyword;
    }

    @Override
    public KeywordSpecifier copy() {
        return copy(CopyStyle.withoutLocations);
    }

    @Override
    public KeywordSpecifier copy(CopyStyle style) {
        return copy(new KeywordSpecifier(kind, keyword), style);
    }
}
