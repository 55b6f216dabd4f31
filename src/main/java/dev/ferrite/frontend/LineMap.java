package dev.ferrite.frontend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps offsets of preprocessor output back to original files and lines, from GCC's line markers
 * ({@code # 12 "drivers/foo.c" 2}). CDT ignores these markers, so we read them ourselves.
 * Marker lines are blanked in {@link #text()} (same length) so offsets in the parsed text stay exact.
 */
public final class LineMap {
    private final char[] text;
    private final int[] lineStarts;      // offset of each line of the preprocessed text
    private final int[] origFile;        // per line: index into files, -1 for marker lines
    private final int[] origLine;        // per line: line in the original file
    private final List<String> files = new ArrayList<>();
    private final Map<String, Integer> fileIds = new HashMap<>();
    private final String mainFile;

    private LineMap(char[] text, int[] lineStarts, int[] origFile, int[] origLine, String mainFile) {
        this.text = text;
        this.lineStarts = lineStarts;
        this.origFile = origFile;
        this.origLine = origLine;
        this.mainFile = mainFile;
    }

    /** Builds the map. {@code defaultFile} names the text when it carries no markers. */
    public static LineMap build(char[] input, String defaultFile) {
        char[] text = input.clone();
        int n = 1;
        for (char c : text) if (c == '\n') n++;
        int[] starts = new int[n];
        int[] fileOf = new int[n];
        int[] lineOf = new int[n];
        LineMap map = new LineMap(text, starts, fileOf, lineOf, null);
        int curFile = map.fileId(defaultFile);
        int curLine = 1;
        String firstMarkerFile = null;
        int line = 0;
        int pos = 0;
        while (line < n) {
            starts[line] = pos;
            int end = pos;
            while (end < text.length && text[end] != '\n') end++;
            int marker = parseMarker(text, pos, end);
            if (marker >= 0) {
                String name = markerFile(text, pos, end);
                if (name != null) {
                    if (firstMarkerFile == null) firstMarkerFile = name;
                    curFile = map.fileId(name);
                }
                curLine = marker;
                fileOf[line] = -1;
                lineOf[line] = 0;
                Arrays.fill(text, pos, end, ' ');
            } else {
                fileOf[line] = curFile;
                lineOf[line] = curLine;
                if (curLine < Integer.MAX_VALUE) curLine++; // "#line 2147483647" must not wrap to negative lines
            }
            line++;
            pos = end + 1;
        }
        String main = firstMarkerFile != null ? firstMarkerFile : defaultFile;
        LineMap result = new LineMap(text, starts, fileOf, lineOf, main);
        result.files.addAll(map.files);
        result.fileIds.putAll(map.fileIds);
        return result;
    }

    /**
     * The map of {@code blanked} (this map's text after {@link UnusedDeclarations#blank}, same length) without its
     * lines that hold only spaces and tabs: most of a kernel unit once its unused header declarations are blanked,
     * which CDT's lexer would otherwise read character by character. Kept lines keep their text, file and line,
     * so positions and columns are the same. A line after one that ends with a backslash is kept (a splice).
     */
    public LineMap withoutBlankLines(char[] blanked) {
        int n = lineStarts.length;
        if (blanked.length != text.length) throw new IllegalArgumentException("blanked text of another length");
        char[] out = new char[blanked.length];
        int[] starts = new int[n];
        int[] fileOf = new int[n];
        int[] lineOf = new int[n];
        int kept = 0;
        int len = 0;
        boolean splice = false; // the last kept line ended with a backslash
        for (int li = 0; li < n; li++) {
            int from = lineStarts[li];
            int to = li + 1 < n ? lineStarts[li + 1] : blanked.length; // past the '\n', if any
            int end = to > from && blanked[to - 1] == '\n' ? to - 1 : to;
            boolean blank = !splice;
            for (int k = from; k < end && blank; k++) blank = blanked[k] == ' ' || blanked[k] == '\t';
            if (blank && li + 1 < n) continue; // the last line stays: the text keeps its end
            starts[kept] = len;
            fileOf[kept] = origFile[li];
            lineOf[kept] = origLine[li];
            kept++;
            System.arraycopy(blanked, from, out, len, to - from);
            len += to - from;
            int last = end > from && blanked[end - 1] == '\r' ? end - 2 : end - 1; // CRLF
            splice = last >= from && blanked[last] == '\\';
        }
        LineMap m = new LineMap(Arrays.copyOf(out, len), Arrays.copyOf(starts, kept), Arrays.copyOf(fileOf, kept),
                Arrays.copyOf(lineOf, kept), mainFile);
        m.files.addAll(files);
        m.fileIds.putAll(fileIds);
        return m;
    }

    private int fileId(String name) {
        return fileIds.computeIfAbsent(name, k -> {
            files.add(k);
            return files.size() - 1;
        });
    }

    /** Returns the line number of a marker line ({@code # N "file" flags} or {@code #line N "file"}), else -1. */
    private static int parseMarker(char[] t, int from, int end) {
        int i = from;
        while (i < end && (t[i] == ' ' || t[i] == '\t')) i++;
        if (i >= end || t[i] != '#') return -1;
        i++;
        while (i < end && (t[i] == ' ' || t[i] == '\t')) i++;
        if (i + 4 <= end && t[i] == 'l' && t[i + 1] == 'i' && t[i + 2] == 'n' && t[i + 3] == 'e') {
            i += 4;
            while (i < end && (t[i] == ' ' || t[i] == '\t')) i++;
        }
        if (i >= end || t[i] < '0' || t[i] > '9') return -1;
        long v = 0;
        while (i < end && t[i] >= '0' && t[i] <= '9') {
            v = v * 10 + (t[i] - '0');
            if (v > Integer.MAX_VALUE) return -1;
            i++;
        }
        return (int) v;
    }

    /**
     * The file name of a marker, unescaped as GCC escapes it ({@code \\}, {@code \"}, octal {@code \ooo} for
     * other bytes). Control characters become {@code ?}: a crafted name must not put line breaks or
     * terminal escapes into a report.
     */
    private static String markerFile(char[] t, int from, int end) {
        int q = -1;
        for (int i = from; i < end; i++) {
            if (t[i] == '"') {
                q = i;
                break;
            }
        }
        if (q < 0) return null;
        StringBuilder sb = new StringBuilder();
        for (int i = q + 1; i < end; i++) {
            char c = t[i];
            if (c == '\\' && i + 1 < end) {
                c = t[++i];
                if (c >= '0' && c <= '7') {
                    int v = c - '0';
                    for (int k = 0; k < 2 && i + 1 < end && t[i + 1] >= '0' && t[i + 1] <= '7'; k++) v = v * 8 + (t[++i] - '0');
                    c = (char) (v & 0xff);
                }
                sb.append(printable(c));
            } else if (c == '"') {
                return sb.toString();
            } else {
                sb.append(printable(c));
            }
        }
        return null;
    }

    private static char printable(char c) {
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ? '?' : c;
    }

    /** The text to parse: the input with marker lines blanked. */
    public char[] text() {
        return text;
    }

    /** The file the first line marker names (the translation unit's own source), or the default name. */
    /** Every file named by a line marker (and the default name), in first-seen order. */
    public List<String> files() {
        return java.util.Collections.unmodifiableList(files);
    }

    public String mainFile() {
        return mainFile;
    }

    public int lineIndexOf(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return i >= 0 ? i : -i - 2;
    }

    /** Maps an offset of {@link #text()} to the original file, line and column. */
    public SourcePos position(int offset) {
        if (offset < 0) return SourcePos.UNKNOWN;
        int li = lineIndexOf(Math.min(offset, Math.max(0, text.length - 1)));
        if (li < 0) return SourcePos.UNKNOWN;
        int f = origFile[li];
        if (f < 0) return SourcePos.UNKNOWN;
        return new SourcePos(files.get(f), origLine[li], offset - lineStarts[li] + 1);
    }

    /** The original file that the text at this offset came from. */
    public String fileAt(int offset) {
        int li = lineIndexOf(offset);
        if (li < 0 || origFile[li] < 0) return null;
        return files.get(origFile[li]);
    }

    public boolean inMainFile(int offset) {
        String f = fileAt(offset);
        return f != null && f.equals(mainFile);
    }

    /** Per line of {@link #text()}: whether it comes from the main file (marker lines do not). */
    public boolean[] mainFileLines() {
        Integer main = fileIds.get(mainFile);
        boolean[] out = new boolean[lineStarts.length];
        if (main == null) return out;
        for (int i = 0; i < out.length; i++) out[i] = origFile[i] == main;
        return out;
    }

    public int lineCount() {
        return lineStarts.length;
    }
}
