package dev.ferrite.report;

/**
 * HTML escaping for the report. Everything that comes from the checked code (source lines, file and
 * function names, messages) is hostile input: it goes through {@link #text} in element content and
 * through {@link #attr} in (always double-quoted) attribute values.
 */
final class Html {
    private Html() {
    }

    /** {@code s} as HTML text: markup characters become entities, control characters (but tab) become U+FFFD. */
    static String text(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (c == '\t' || c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0)) sb.append(c);
                    else sb.append('\ufffd');
                }
            }
        }
        return sb.toString();
    }

    /** {@code s} for a double-quoted attribute value (the same escapes as text, tabs included). */
    static String attr(String s) {
        return text(s).replace("\t", "&#9;");
    }
}
