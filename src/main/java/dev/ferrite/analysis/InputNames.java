package dev.ferrite.analysis;

import dev.ferrite.ir.CType;
import dev.ferrite.ir.Field;
import dev.ferrite.ir.Function;
import dev.ferrite.ir.Global;
import dev.ferrite.ir.Var;
import java.util.List;

/**
 * Names an input value ({@link AccessPath}) as the C expression a reader of the function would write:
 * {@code handle->private} rather than {@code *arg0}, {@code dev->ops->probe}, {@code *buf}, {@code cfg.list.next}.
 * Parameter names come from the function, field names from the struct types along the path; where a type
 * is unknown (a {@code void *} read at an offset other than 0) the step is written with its byte offset.
 */
final class InputNames {
    private InputNames() {
    }

    /** The expression for {@code p} as {@code fn} sees it. */
    static String describe(AccessPath p, Function fn, Program program) {
        return describe(p, fn, program, null);
    }

    /**
     * The expression for {@code p}, a path of {@code fn}'s inputs; {@code param} (when not null) is written
     * for the parameter the path starts from: the caller's argument at a call ({@code leds->num_leds}).
     */
    static String describe(AccessPath p, Function fn, Program program, String param) {
        if (fn == null) return p.toString();
        String expr;
        CType type; // the type of expr's value (null: unknown)
        List<Long> derefs = p.derefs();
        int i = 0;
        if (p.root() == AccessPath.Root.PARAM) {
            List<Var> params = fn.params();
            if (p.index() < 0 || p.index() >= params.size()) return p.toString();
            expr = param != null ? param : params.get(p.index()).name();
            if (expr.isEmpty()) return p.toString();
            type = params.get(p.index()).type();
        } else {
            // A global's path names the object itself: its first step selects inside the global.
            Global g = program.global(fn, p.global());
            CType gt = g != null ? g.var().type() : null;
            if (derefs.isEmpty()) return "&" + p.global();
            Step s = select(p.global(), false, gt, derefs.get(0));
            expr = s.expr;
            type = s.type;
            i = 1;
        }
        for (; i < derefs.size(); i++) {
            CType pointee = type instanceof CType.Ptr ptr ? ptr.pointee() : null;
            Step s = select(expr, true, pointee, derefs.get(i));
            expr = s.expr;
            type = s.type;
        }
        return expr;
    }

    private record Step(String expr, CType type) {
    }

    /**
     * The value at byte {@code offset} of an object: {@code base} is the object's expression, or (when
     * {@code pointer}) the expression of a pointer to it; {@code object} its type (null: unknown).
     */
    private static Step select(String rawBase, boolean pointer, CType object, long offset) {
        String base = rawBase.startsWith("*") || rawBase.startsWith("&") ? "(" + rawBase + ")" : rawBase; // (*p)->x, not *p->x
        if (object instanceof CType.Struct st && st.complete()) {
            StringBuilder member = new StringBuilder();
            CType t = members(st, offset, member);
            if (t != null && member.length() > 0) {
                String m = member.toString();
                if (pointer) return new Step(base + "->" + m.substring(1), t);
                return new Step(base + m, t);
            }
        } else if (object instanceof CType.Array a && a.elem().size() > 0 && offset % a.elem().size() == 0) {
            String b = pointer ? "(*" + rawBase + ")" : base;
            return new Step(b + "[" + offset / a.elem().size() + "]", a.elem());
        } else if (object != null && !(object instanceof CType.Void) && object.size() > 0 && offset % object.size() == 0) {
            if (!pointer) return new Step(offset == 0 ? base : "(&" + base + ")[" + offset / object.size() + "]", object);
            return new Step(offset == 0 ? "*" + rawBase : base + "[" + offset / object.size() + "]", object);
        }
        if (!pointer) return new Step(offset == 0 ? base : "*(&" + base + "+" + offset + ")", null);
        return new Step(offset == 0 ? "*" + rawBase : "*(" + rawBase + "+" + offset + ")", null);
    }

    /**
     * Appends {@code .field} steps down to the innermost member at {@code offset} of {@code st} (anonymous
     * members add no step, arrays an index); its type, or null when no member starts there.
     */
    private static CType members(CType.Struct st, long offset, StringBuilder out) {
        CType t = st;
        long off = offset;
        for (int depth = 0; depth < 16; depth++) {
            if (t instanceof CType.Struct s && s.complete()) {
                Field inside = null;
                for (Field f : s.fields()) {
                    long size = f.type().size();
                    if (f.offset() == off || f.offset() < off && size > 0 && off < f.offset() + size) {
                        inside = f;
                        break;
                    }
                }
                if (inside == null) return null;
                if (!inside.name().isEmpty()) out.append('.').append(inside.name());
                off -= inside.offset();
                t = inside.type();
            } else if (t instanceof CType.Array a && a.elem().size() > 0) {
                out.append('[').append(off / a.elem().size()).append(']');
                off %= a.elem().size();
                t = a.elem();
            } else {
                return off == 0 && out.length() > 0 ? t : null;
            }
        }
        return null;
    }
}
