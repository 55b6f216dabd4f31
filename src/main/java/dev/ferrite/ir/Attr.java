package dev.ferrite.ir;

import java.util.List;

/**
 * A GNU attribute as written ({@code __attribute__((alloc_size(1, 2)))}): its name without leading
 * and trailing underscores, and its arguments. An argument is an integer when it is a constant,
 * otherwise the identifier or expression text.
 */
public record Attr(String name, List<Object> args) {
    public Attr {
        args = List.copyOf(args);
    }

    /** Normalizes {@code __malloc__} to {@code malloc}. */
    public static String normalize(String n) {
        String s = n;
        if (s.startsWith("__") && s.endsWith("__") && s.length() > 4) s = s.substring(2, s.length() - 2);
        return s;
    }

    public int intArg(int i, int dflt) {
        if (i < args.size() && args.get(i) instanceof Long l) return (int) (long) l;
        return dflt;
    }

    public String strArg(int i) {
        return i < args.size() ? String.valueOf(args.get(i)) : null;
    }

    @Override
    public String toString() {
        return name + (args.isEmpty() ? "" : args.toString());
    }
}
