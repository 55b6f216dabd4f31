package dev.ferrite.frontend;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A kernel translation unit carries thousands of {@code static inline} functions from headers, a
 * third of its text, of which the file uses a handful. Before parsing, the bodies of header
 * functions that nothing in the main file can reach (directly or through other header functions
 * it reaches) are blanked to spaces: every offset and line stays where it was, CDT just parses an
 * empty body. Functions the main file uses keep their bodies, so analysis sees them.
 */
public final class UnusedBodies {
    private UnusedBodies() {
    }

    /** A function definition found by the scan: name and the body's brace offsets. */
    private record Body(String name, int open, int close, boolean main) {
    }

    /** Returns the text with unreachable header function bodies blanked (a copy; the input is unchanged). */
    public static char[] blank(char[] text, LineMap map) {
        List<int[]> tokens = tokenize(text); // {start, end}
        List<Body> bodies = new ArrayList<>();
        Map<String, Set<String>> calls = new HashMap<>();
        Set<String> roots = new HashSet<>();
        Map<String, List<Body>> byName = new HashMap<>();
        int depth = 0;
        int bodyStart = -1; // token index of the '{' of a function body at depth 0
        String bodyName = null;
        boolean initializer = false; // inside "= ..." at file scope
        Set<String> current = null;
        boolean currentMain = false;
        for (int i = 0; i < tokens.size(); i++) {
            int[] t = tokens.get(i);
            char c = text[t[0]];
            boolean ident = isIdentStart(c);
            if (ident) {
                String id = new String(text, t[0], t[1] - t[0]);
                if (current != null) {
                    current.add(id);
                } else if (initializer || map.inMainFile(t[0])) {
                    roots.add(id);
                }
                continue;
            }
            if (c == '{') {
                if (depth == 0) {
                    String name = functionName(text, tokens, i);
                    if (name != null) {
                        bodyStart = i;
                        bodyName = name;
                        currentMain = map.inMainFile(t[0]);
                        current = new HashSet<>();
                    }
                }
                depth++;
            } else if (c == '}') {
                depth = Math.max(0, depth - 1);
                if (depth == 0 && bodyStart >= 0) {
                    Body b = new Body(bodyName, tokens.get(bodyStart)[0], t[0], currentMain);
                    bodies.add(b);
                    byName.computeIfAbsent(bodyName, k -> new ArrayList<>()).add(b);
                    if (currentMain) roots.addAll(current);
                    else calls.computeIfAbsent(bodyName, k -> new HashSet<>()).addAll(current);
                    bodyStart = -1;
                    current = null;
                }
            } else if (depth == 0 && current == null) {
                if (c == '=') initializer = true;
                else if (c == ';') initializer = false;
            }
        }
        // Header functions reachable from the main file.
        Set<String> reach = new HashSet<>();
        Deque<String> work = new ArrayDeque<>();
        for (String r : roots) if (calls.containsKey(r) && reach.add(r)) work.add(r);
        while (!work.isEmpty()) {
            for (String x : calls.get(work.pop())) if (calls.containsKey(x) && reach.add(x)) work.add(x);
        }
        char[] out = text.clone();
        for (Body b : bodies) {
            if (b.main || reach.contains(b.name)) continue;
            for (int k = b.open + 1; k < b.close; k++) if (out[k] != '\n') out[k] = ' ';
        }
        return out;
    }

    /**
     * The name of the function whose body opens at token {@code brace}, or null when the brace does
     * not open a function body (struct, initializer) or the declarator is too unusual to name.
     */
    private static String functionName(char[] text, List<int[]> tokens, int brace) {
        int j = brace - 1;
        while (j >= 0) {
            int[] t = tokens.get(j);
            if (text[t[0]] != ')') {
                // K&R definitions and anything else: not something we dare blank.
                return null;
            }
            int open = matchingOpen(text, tokens, j);
            if (open <= 0) return null;
            int[] before = tokens.get(open - 1);
            String word = isIdentStart(text[before[0]]) ? new String(text, before[0], before[1] - before[0]) : null;
            if (word == null) return null;
            if (word.equals("__attribute__") || word.equals("__attribute") || word.equals("asm") || word.equals("__asm__")
                    || word.equals("__asm")) {
                j = open - 2;
                continue;
            }
            return word;
        }
        return null;
    }

    private static int matchingOpen(char[] text, List<int[]> tokens, int close) {
        int d = 0;
        for (int k = close; k >= 0; k--) {
            char c = text[tokens.get(k)[0]];
            if (c == ')') d++;
            else if (c == '(' && --d == 0) return k;
        }
        return -1;
    }

    private static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '$';
    }

    /** C tokens: identifiers (and numbers) as one token, literals skipped whole, punctuation one char each. */
    private static List<int[]> tokenize(char[] s) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        int n = s.length;
        while (i < n) {
            char c = s[i];
            if (c <= ' ') {
                i++;
            } else if (isIdentStart(c) || Character.isDigit(c)) {
                int st = i;
                while (i < n && (Character.isLetterOrDigit(s[i]) || s[i] == '_' || s[i] == '$' || s[i] == '.' && Character.isDigit(c))) i++;
                if (isIdentStart(c)) out.add(new int[] {st, i});
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < n && s[i] != c && s[i] != '\n') {
                    if (s[i] == '\\') i++;
                    i++;
                }
                i++;
            } else if (c == '/' && i + 1 < n && s[i + 1] == '*') {
                i += 2;
                while (i + 1 < n && !(s[i] == '*' && s[i + 1] == '/')) i++;
                i += 2;
            } else if (c == '/' && i + 1 < n && s[i + 1] == '/') {
                while (i < n && s[i] != '\n') i++;
            } else {
                if (c == '{' || c == '}' || c == '(' || c == ')' || c == ';' || c == '=') out.add(new int[] {i, i + 1});
                i++;
            }
        }
        return out;
    }
}
