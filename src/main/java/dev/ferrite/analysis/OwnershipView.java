package dev.ferrite.analysis;

import dev.ferrite.ir.CType;
import dev.ferrite.ir.Function;
import dev.ferrite.report.FunctionSummary;
import java.util.ArrayList;
import java.util.List;

/** Puts a function's {@link Ownership} in words and Rust-like types, for reports. */
public final class OwnershipView {
    private OwnershipView() {
    }

    public static FunctionSummary of(Function fn, Ownership o) {
        List<FunctionSummary.Row> rows = new ArrayList<>();
        StringBuilder sig = new StringBuilder("fn ").append(fn.name()).append('(');
        for (int i = 0; i < o.params().size(); i++) {
            Ownership.Param p = o.params().get(i);
            String rust = rustType(p);
            if (i > 0) sig.append(", ");
            sig.append(p.name()).append(": ").append(rust);
            rows.add(new FunctionSummary.Row(p.name(), String.valueOf(p.type()), rust, meaning(p)));
        }
        Ownership.Result r = o.result();
        String ret = rustType(r);
        sig.append(')');
        if (!(r.type() instanceof CType.Void)) {
            sig.append(" -> ").append(ret);
            rows.add(new FunctionSummary.Row("(result)", String.valueOf(r.type()), ret, meaning(r)));
        }
        return new FunctionSummary(fn.name(), fn.pos(), fn.endPos(), sig.toString(), rows);
    }

    private static String rustType(Ownership.Param p) {
        if (!(p.type() instanceof CType.Ptr ptr)) return String.valueOf(p.type());
        String t = String.valueOf(ptr.pointee());
        String base;
        if (p.owned()) base = "Box<" + t + ">";
        else if (p.released()) base = "Box<" + t + "> (on some paths)";
        else if (p.escapes()) base = "&'static " + (p.written() ? "mut " : "") + t;
        else if (p.written()) base = "&mut " + t;
        else if (p.read()) base = "&" + t;
        else base = "*const " + t;
        return p.nullChecked() ? "Option<" + base + ">" : base;
    }

    private static String meaning(Ownership.Param p) {
        List<String> what = new ArrayList<>();
        if (p.owned()) what.add("takes ownership: released on every path");
        else if (p.released()) what.add("released on " + p.freedOn() + " of " + p.outcomes() + " paths");
        if (p.escapes()) what.add("kept: stored where it outlives the call");
        if (p.written()) what.add("writes through it");
        if (p.read()) what.add("reads through it");
        if (p.nullChecked()) what.add("checks it for NULL");
        if (what.isEmpty()) what.add(p.type() instanceof CType.Ptr ? "does not use what it points to" : "passed by value");
        return String.join("; ", what);
    }

    private static String rustType(Ownership.Result r) {
        if (r.type() instanceof CType.Void) return "()";
        String t = r.type() instanceof CType.Ptr p ? String.valueOf(p.pointee()) : String.valueOf(r.type());
        String base = r.freshObject() ? "Box<" + t + ">" : r.type() instanceof CType.Ptr ? "&" + t : t;
        if (r.mayBeNull()) base = "Option<" + base + ">";
        if (r.mayBeError()) base = "Result<" + base + ", ERR_PTR>";
        if (r.errno()) base = "Result<" + base + ", errno>";
        return base;
    }

    private static String meaning(Ownership.Result r) {
        List<String> what = new ArrayList<>();
        if (r.freshObject()) what.add("a new object the caller owns" + (r.family() != null ? " (" + r.family() + ")" : ""));
        if (r.mayBeNull()) what.add("may be NULL");
        if (r.mayBeError()) what.add("may be an error pointer");
        if (r.errno()) what.add("negative error codes on failure");
        if (what.isEmpty()) what.add("a plain value");
        return String.join("; ", what);
    }
}
