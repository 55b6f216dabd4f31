package dev.ferrite.frontend;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits command strings into words. Nothing is ever executed or expanded: {@code $VAR}, {@code `cmd`},
 * {@code $(cmd)}, globs, {@code ~} and operators such as {@code ;}, {@code |}, {@code >} stay literal text.
 */
public final class ShellWords {
    private ShellWords() {}

    /**
     * Splits like a POSIX shell does for quoting only: blanks separate words; {@code '...'} is literal;
     * inside {@code "..."} a backslash escapes only {@code $ ` " \} and newline; outside quotes a backslash
     * escapes any character; backslash-newline is a line continuation; an unquoted {@code #} at the start
     * of a word starts a comment up to the end of the line.
     *
     * @throws IllegalArgumentException on an unterminated quote
     */
    public static List<String> splitPosix(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (inWord) {
                    out.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '#' && !inWord) {
                while (i < n && s.charAt(i) != '\n') i++;
            } else if (c == '\\') {
                if (i + 1 < n) {
                    char d = s.charAt(i + 1);
                    if (d != '\n') {
                        word.append(d);
                        inWord = true;
                    }
                    i += 2;
                } else {
                    word.append('\\');
                    inWord = true;
                    i++;
                }
            } else if (c == '\'') {
                int end = s.indexOf('\'', i + 1);
                if (end < 0) throw new IllegalArgumentException("unterminated single quote at offset " + i);
                word.append(s, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                inWord = true;
                i++;
                boolean closed = false;
                while (i < n) {
                    char d = s.charAt(i);
                    if (d == '"') {
                        closed = true;
                        i++;
                        break;
                    }
                    if (d == '\\' && i + 1 < n) {
                        char e = s.charAt(i + 1);
                        if (e == '$' || e == '`' || e == '"' || e == '\\') {
                            word.append(e);
                            i += 2;
                            continue;
                        }
                        if (e == '\n') {
                            i += 2;
                            continue;
                        }
                    }
                    word.append(d);
                    i++;
                }
                if (!closed) throw new IllegalArgumentException("unterminated double quote");
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) out.add(word.toString());
        return out;
    }

    /**
     * Splits the contents of a GCC response file ({@code @file}) the way libiberty's {@code buildargv}
     * does: whitespace separates; single and double quotes group; a backslash escapes the next character
     * anywhere, also inside quotes. An unterminated quote runs to the end of the text.
     */
    public static List<String> splitResponseFile(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean backslash = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (backslash) {
                word.append(c);
                backslash = false;
                inWord = true;
            } else if (c == '\\') {
                backslash = true;
                inWord = true;
            } else if (quote != 0) {
                if (c == quote) quote = 0;
                else word.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) out.add(word.toString());
        return out;
    }
}
