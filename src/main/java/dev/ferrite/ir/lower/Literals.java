package dev.ferrite.ir.lower;

import dev.ferrite.ir.CType;
import dev.ferrite.ir.Operand;
import org.eclipse.cdt.core.dom.ast.IASTLiteralExpression;

/** Decodes string literals (with adjacent-literal concatenation already done by CDT's image). */
final class Literals {
    private Literals() {
    }

    static Operand.StrConst string(IASTLiteralExpression lit) {
        String raw = new String(lit.getValue());
        boolean wide = raw.startsWith("L") || raw.startsWith("u") || raw.startsWith("U");
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < raw.length()) {
            int q = raw.indexOf('"', i);
            if (q < 0) break;
            int j = q + 1;
            while (j < raw.length() && raw.charAt(j) != '"') {
                if (raw.charAt(j) == '\\') j++;
                j++;
            }
            sb.append(ConstEval.unescape(raw.substring(q + 1, Math.min(j, raw.length()))));
            i = j + 1;
        }
        CType elem = wide ? CType.INT : CType.CHAR;
        return new Operand.StrConst(sb.toString(), new CType.Array(elem, sb.length() + 1, false), wide);
    }
}
