package dev.ferrite.frontend;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Set;

/**
 * A kernel translation unit is mostly header text (declarations, structs, thousands of
 * {@code static inline} functions) of which the file uses a small part. Before parsing, every
 * top-level declaration from a header that nothing in the main file needs, directly or through
 * other needed declarations, is blanked to spaces: offsets and lines stay where they were, CDT
 * parses less. What the main file needs keeps its full text, so analysis sees the same program.
 *
 * <p>A declaration is needed when a name it declares (a function, variable, typedef, struct, union
 * or enum tag, enum constant) is an identifier of the main file or of another needed declaration.
 * The scan is token-level and errs on the side of keeping: a declaration whose declared names it
 * cannot tell is kept.
 */
public final class UnusedDeclarations {
    private UnusedDeclarations() {
    }

    private static final byte IDENT = 1;
    private static final byte PUNCT = 2;
    private static final byte OTHER = 3; // numbers and literals
    private static final byte SUFFIX = 1; // symbol flags: an attribute or asm word
    private static final byte TAG = 2; // struct, union, enum
    private static final byte ENUM = 4;

    /** Words that never name a declared entity. */
    private static final Set<String> KEYWORDS = Set.of("auto", "break", "case", "char", "const", "continue", "default", "do",
            "double", "else", "enum", "extern", "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict",
            "return", "short", "signed", "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void",
            "volatile", "while", "_Bool", "_Complex", "_Alignas", "_Alignof", "_Atomic", "_Generic", "_Noreturn",
            "_Static_assert", "_Thread_local", "__attribute__", "__attribute", "asm", "__asm__", "__asm", "__inline",
            "__inline__", "__volatile__", "__volatile", "__restrict", "__restrict__", "__const", "__const__", "__signed__",
            "__signed", "__extension__", "typeof", "__typeof__", "__typeof", "__typeof_unqual__", "__builtin_va_list",
            "__int128", "__label__", "__auto_type", "__seg_gs", "__seg_fs", "__thread", "_Float128", "__float128");
    private static final Set<String> DECL_SUFFIX_WORDS = Set.of("__attribute__", "__attribute", "asm", "__asm__", "__asm");

    /** Returns the text with unneeded header declarations blanked (a copy; the input is unchanged). */
    public static char[] blank(char[] text, LineMap map) {
        Tokens t = Tokens.scan(text, map);
        int n = t.size;
        // Split into top-level declarations: [declStart[d], declEnd[d]] token ranges.
        IntList starts = new IntList();
        IntList ends = new IntList();
        IntList bodies = new IntList(); // per declaration: the token opening its function body, or -1
        int depth = 0;
        int fnBody = -1; // the current depth-0 brace group is a function body opened at this token
        int start = 0;
        for (int i = 0; i < n; i++) {
            if (t.kind[i] != PUNCT) continue;
            char c = text[t.start[i]];
            if (c == '(' || c == '[' || c == '{') {
                if (c == '{' && depth == 0) fnBody = opensFunctionBody(text, t, i) ? i : -1;
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth = Math.max(0, depth - 1);
                if (c == '}' && depth == 0 && fnBody >= 0) {
                    starts.add(start);
                    ends.add(i);
                    bodies.add(fnBody);
                    fnBody = -1;
                    start = i + 1;
                }
            } else if (c == ';' && depth == 0) {
                starts.add(start);
                ends.add(i);
                bodies.add(-1);
                start = i + 1;
            }
        }
        if (start < n) {
            starts.add(start);
            ends.add(n - 1);
            bodies.add(-1);
        }
        int decls = starts.size;
        // Declared names per declaration, and which declarations are roots.
        int syms = t.symbols.size();
        IntList[] declaring = new IntList[syms];
        boolean[] kept = new boolean[decls];
        boolean[] keyword = new boolean[syms];
        for (int s = 0; s < syms; s++) {
            String w = t.symbols.name(s);
            keyword[s] = KEYWORDS.contains(w);
            if (DECL_SUFFIX_WORDS.contains(w)) t.symbols.flags[s] |= SUFFIX;
            if (w.equals("struct") || w.equals("union") || w.equals("enum")) t.symbols.flags[s] |= TAG;
            if (w.equals("enum")) t.symbols.flags[s] |= ENUM;
        }
        Deque<Integer> work = new ArrayDeque<>();
        for (int d = 0; d < decls; d++) {
            int from = starts.get(d);
            int to = ends.get(d);
            boolean main = false;
            for (int i = from; i <= to && !main; i++) main = t.main[i];
            int declared = declaredNames(text, t, from, to, bodies.get(d), keyword, declaring, d);
            if (main || declared == 0) {
                kept[d] = true;
                work.add(d);
            }
        }
        // Closure: every identifier of a kept declaration is needed.
        boolean[] needed = new boolean[syms];
        while (!work.isEmpty()) {
            int d = work.pop();
            for (int i = starts.get(d); i <= ends.get(d); i++) {
                if (t.kind[i] != IDENT) continue;
                int s = t.sym[i];
                if (needed[s]) continue;
                needed[s] = true;
                IntList ds = declaring[s];
                if (ds == null) continue;
                for (int k = 0; k < ds.size; k++) {
                    int e = ds.get(k);
                    if (!kept[e]) {
                        kept[e] = true;
                        work.add(e);
                    }
                }
            }
        }
        char[] out = text.clone();
        for (int d = 0; d < decls; d++) {
            if (kept[d]) continue;
            int from = t.start[starts.get(d)];
            int to = t.end[ends.get(d)];
            for (int k = from; k < to; k++) if (out[k] != '\n') out[k] = ' ';
        }
        return out;
    }

    /**
     * Records the names declaration {@code d} declares in {@code declaring} and returns how many:
     * identifiers that end a declarator at the top level (followed by {@code ( [ = , ; :} or an
     * attribute), the name inside a {@code (*name)} group, struct/union/enum tags that open a body,
     * and enum constants.
     */
    private static int declaredNames(char[] text, Tokens t, int from, int to, int bodyBrace, boolean[] keyword,
            IntList[] declaring, int d) {
        int count = 0;
        int depth = 0;
        int starGroupDepth = -1; // depth of a "(*" group, whose identifiers before ')' or '[' are declared
        long enumBodies = 0; // bit per brace depth (< 64): the brace at that depth opened an enum body
        int braceDepth = 0;
        boolean fnBodySeen = false;
        for (int i = from; i <= to; i++) {
            byte k = t.kind[i];
            if (k == PUNCT) {
                char c = text[t.start[i]];
                if (c == '(' || c == '[') {
                    depth++;
                    if (c == '(' && i + 1 <= to && t.kind[i + 1] == PUNCT && text[t.start[i + 1]] == '*' && starGroupDepth < 0)
                        starGroupDepth = depth;
                } else if (c == ')' || c == ']') {
                    if (depth == starGroupDepth) starGroupDepth = -1;
                    depth--;
                } else if (c == '{') {
                    if (i == bodyBrace) fnBodySeen = true;
                    braceDepth++;
                    if (braceDepth < 64 && isEnumBody(t, i, from, keyword)) enumBodies |= 1L << braceDepth;
                } else if (c == '}') {
                    if (braceDepth < 64) enumBodies &= ~(1L << braceDepth);
                    braceDepth--;
                }
                continue;
            }
            if (k != IDENT || fnBodySeen && braceDepth > 0) continue;
            int s = t.sym[i];
            if (keyword[s]) continue;
            boolean declared = false;
            if (braceDepth > 0 && braceDepth < 64 && (enumBodies & (1L << braceDepth)) != 0) {
                // An enum constant: right after '{' or ',' in an enum body.
                if (depth == 0 && i > from && t.kind[i - 1] == PUNCT && (text[t.start[i - 1]] == '{' || text[t.start[i - 1]] == ','))
                    declared = true;
            } else if (i > from && t.kind[i - 1] == IDENT && isTagKeyword(t, i - 1) && i < to && isPunct(text, t, i + 1, '{')) {
                declared = true; // struct/union/enum tag with a body, at any depth
            } else if (braceDepth == 0 && i < to) {
                int nx = i + 1;
                if (depth == 0) {
                    declared = t.kind[nx] == PUNCT && "([=,;:".indexOf(text[t.start[nx]]) >= 0
                            || t.kind[nx] == IDENT && (t.symbols.flags[t.sym[nx]] & SUFFIX) != 0;
                    if (i > from && isTagKeyword(t, i - 1)) declared = isPunct(text, t, nx, ';'); // "struct foo;"
                } else if (depth == starGroupDepth) {
                    declared = t.kind[nx] == PUNCT && (text[t.start[nx]] == ')' || text[t.start[nx]] == '[');
                }
            }
            if (declared) {
                if (declaring[s] == null) declaring[s] = new IntList();
                IntList l = declaring[s];
                if (l.size == 0 || l.get(l.size - 1) != d) l.add(d);
                count++;
            }
        }
        return count;
    }

    private static boolean isTagKeyword(Tokens t, int i) {
        return t.kind[i] == IDENT && (t.symbols.flags[t.sym[i]] & TAG) != 0;
    }

    private static boolean isPunct(char[] text, Tokens t, int i, char c) {
        return i < t.size && t.kind[i] == PUNCT && text[t.start[i]] == c;
    }

    /** Whether the brace at token {@code brace} opens an enum body: "enum {" or "enum tag {". */
    private static boolean isEnumBody(Tokens t, int brace, int from, boolean[] keyword) {
        int j = brace - 1;
        if (j >= from && t.kind[j] == IDENT && !keyword[t.sym[j]]) j--;
        return j >= from && t.kind[j] == IDENT && (t.symbols.flags[t.sym[j]] & ENUM) != 0;
    }

    /** Whether the depth-0 brace at token {@code brace} opens a function body: a ')' before it, past attributes. */
    private static boolean opensFunctionBody(char[] text, Tokens t, int brace) {
        int j = brace - 1;
        while (j >= 0 && t.kind[j] == PUNCT && text[t.start[j]] == ')') {
            int open = matchingOpen(text, t, j);
            if (open <= 0) return false;
            int before = open - 1;
            if (t.kind[before] == IDENT && (t.symbols.flags[t.sym[before]] & SUFFIX) != 0) {
                j = before - 1;
                continue;
            }
            return true;
        }
        return false;
    }

    private static int matchingOpen(char[] text, Tokens t, int close) {
        int d = 0;
        for (int k = close; k >= 0; k--) {
            if (t.kind[k] != PUNCT) continue;
            char c = text[t.start[k]];
            if (c == ')') d++;
            else if (c == '(' && --d == 0) return k;
        }
        return -1;
    }

    /** The token stream: kinds, offsets, symbol ids of identifiers, and whether each token is main-file text. */
    private static final class Tokens {
        int size;
        byte[] kind;
        int[] start;
        int[] end;
        int[] sym;
        boolean[] main;
        final SymbolTable symbols = new SymbolTable();

        /** Room for about as many tokens as the text will have (kernel headers: one per 5-6 characters). */
        Tokens(int chars) {
            int cap = Math.max(1 << 10, chars / 5);
            kind = new byte[cap];
            start = new int[cap];
            end = new int[cap];
            sym = new int[cap];
            main = new boolean[cap];
        }

        static Tokens scan(char[] s, LineMap map) {
            Tokens t = new Tokens(s.length);
            boolean[] mainLines = map.mainFileLines();
            int line = 0;
            int n = s.length;
            int i = 0;
            boolean lineStart = true;
            while (i < n) {
                char c = s[i];
                if (c == '\n') {
                    line++;
                    i++;
                    lineStart = true;
                    continue;
                }
                if (c <= ' ') {
                    i++;
                    continue;
                }
                boolean inMain = line < mainLines.length && mainLines[line];
                if (c == '#' && lineStart) { // a directive the preprocessor left (e.g. #pragma)
                    while (i < n && s[i] != '\n') i++;
                    continue;
                }
                lineStart = false;
                int st = i;
                if (isIdentStart(c)) {
                    int h = 0; // the identifier's hash, as SymbolTable.intern computes it
                    while (i < n && isIdentPart(s[i])) h = 31 * h + s[i++];
                    t.add(IDENT, st, i, t.symbols.intern(s, st, i, h), inMain);
                } else if (c >= '0' && c <= '9' || c == '.' && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9') {
                    i++;
                    while (i < n && (isIdentPart(s[i]) || s[i] == '.'
                            || (s[i] == '+' || s[i] == '-') && (s[i - 1] == 'e' || s[i - 1] == 'E' || s[i - 1] == 'p' || s[i - 1] == 'P'))) i++;
                    t.add(OTHER, st, i, -1, inMain);
                } else if (c == '"' || c == '\'') {
                    i++;
                    while (i < n && s[i] != c && s[i] != '\n') {
                        if (s[i] == '\\') i++;
                        i++;
                    }
                    i = Math.min(n, i + 1);
                    t.add(OTHER, st, i, -1, inMain);
                } else if (c == '/' && i + 1 < n && s[i + 1] == '*') {
                    i += 2;
                    while (i + 1 < n && !(s[i] == '*' && s[i + 1] == '/')) {
                        if (s[i] == '\n') line++;
                        i++;
                    }
                    i = Math.min(n, i + 2);
                } else if (c == '/' && i + 1 < n && s[i + 1] == '/') {
                    while (i < n && s[i] != '\n') i++;
                } else {
                    i++;
                    t.add(PUNCT, st, i, -1, inMain);
                }
            }
            t.symbols.flags = new byte[t.symbols.size()];
            return t;
        }

        void add(byte k, int s, int e, int y, boolean m) {
            if (size == kind.length) {
                int cap = size * 2;
                kind = Arrays.copyOf(kind, cap);
                start = Arrays.copyOf(start, cap);
                end = Arrays.copyOf(end, cap);
                sym = Arrays.copyOf(sym, cap);
                main = Arrays.copyOf(main, cap);
            }
            kind[size] = k;
            start[size] = s;
            end[size] = e;
            sym[size] = y;
            main[size] = m;
            size++;
        }
    }

    /** Per ASCII character: 1 starts an identifier, 2 continues one (letters, '_' and '$' do both). */
    private static final byte[] IDENT_CLASS = new byte[128];

    static {
        for (int c = 0; c < 128; c++) {
            boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$';
            IDENT_CLASS[c] = (byte) (letter ? 3 : c >= '0' && c <= '9' ? 2 : 0);
        }
    }

    private static boolean isIdentStart(char c) {
        return c < 128 ? (IDENT_CLASS[c] & 1) != 0 : Character.isLetter(c);
    }

    private static boolean isIdentPart(char c) {
        return c < 128 ? (IDENT_CLASS[c] & 2) != 0 : Character.isLetter(c);
    }

    /** Interns identifiers (char ranges) as dense ids without allocating a String per occurrence. */
    private static final class SymbolTable {
        private int[] table = new int[1 << 17]; // id + 1, 0 = empty (a kernel unit has 30,000-60,000 names)
        private int[] hashes = new int[1 << 16];
        private char[][] names = new char[1 << 16][];
        byte[] flags;
        private int count;

        int size() {
            return count;
        }

        String name(int id) {
            return new String(names[id]);
        }

        /** @param h the hash of the identifier: {@code h = 31 * h + c} over its characters */
        int intern(char[] s, int from, int to, int h) {
            int mask = table.length - 1;
            int slot = (h ^ (h >>> 16)) & mask;
            while (true) {
                int e = table[slot];
                if (e == 0) break;
                int id = e - 1;
                if (hashes[id] == h && Arrays.equals(names[id], 0, names[id].length, s, from, to)) return id;
                slot = (slot + 1) & mask;
            }
            if (count == names.length) {
                names = Arrays.copyOf(names, count * 2);
                hashes = Arrays.copyOf(hashes, count * 2);
            }
            names[count] = Arrays.copyOfRange(s, from, to);
            hashes[count] = h;
            table[slot] = ++count;
            if (count * 2 > table.length) rehash();
            return count - 1;
        }

        private void rehash() {
            int[] bigger = new int[table.length * 2];
            int mask = bigger.length - 1;
            for (int id = 0; id < count; id++) {
                int h = hashes[id];
                int slot = (h ^ (h >>> 16)) & mask;
                while (bigger[slot] != 0) slot = (slot + 1) & mask;
                bigger[slot] = id + 1;
            }
            table = bigger;
        }
    }

    private static final class IntList {
        int size;
        int[] a = new int[4];

        void add(int v) {
            if (size == a.length) a = Arrays.copyOf(a, size * 2);
            a[size++] = v;
        }

        int get(int i) {
            return a[i];
        }
    }
}
