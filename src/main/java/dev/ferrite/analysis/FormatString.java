package dev.ferrite.analysis;

import java.util.ArrayList;
import java.util.List;

/** A printf-style format as the string models read it: its conversions and how many characters it prints as they are. */
record FormatString(List<Conversion> conversions, int literalChars) {
    /** One conversion: its letter, the flags, width, precision and length text before it, the argument it consumes. */
    record Conversion(char conv, String flags, int arg) {}

    private static final String SPEC_CHARS = "-+ #0123456789.*hlLqjzt";

    /**
     * Parses {@code fmt} whose first argument after the format is at index {@code firstArg}; a '*' width or
     * precision consumes an argument, "%%" prints one character, an incomplete '%' at the end ends the format.
     */
    static FormatString parse(String fmt, int firstArg) {
        List<Conversion> conversions = new ArrayList<>();
        int literal = 0;
        int ai = firstArg;
        for (int i = 0; i < fmt.length(); i++) {
            if (fmt.charAt(i) != '%') {
                literal++;
                continue;
            }
            int j = i + 1;
            while (j < fmt.length() && SPEC_CHARS.indexOf(fmt.charAt(j)) >= 0) {
                if (fmt.charAt(j) == '*') ai++;
                j++;
            }
            if (j >= fmt.length()) break;
            char conv = fmt.charAt(j);
            String flags = fmt.substring(i + 1, j);
            i = j;
            if (conv == '%') {
                literal++;
                continue;
            }
            conversions.add(new Conversion(conv, flags, ai++));
        }
        return new FormatString(List.copyOf(conversions), literal);
    }
}
