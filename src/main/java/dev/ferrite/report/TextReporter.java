package dev.ferrite.report;

import dev.ferrite.frontend.SourcePos;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes findings the way GCC prints diagnostics:
 *
 * <pre>
 * a.c:36:5: warning: use of 'buf' after free [CWE-416] [-Wferrite-use-after-free]
 * a.c:30:11: note: allocated here
 * a.c:34:5: note: freed here
 * </pre>
 *
 * One {@code warning:} (or {@code error:} with {@link Options#werror()}) line per finding, in
 * {@link Finding#ORDER}, followed by one {@code note:} line per path event in path order. With
 * {@link Options#showSource()} the source line and a caret under the column follow the warning
 * line, as GCC shows them ({@code    36 |     strcpy(buf, "x");} / {@code       |     ^}); for notes
 * only with {@link Options#showSourceForNotes()}. Lines end in {@code \n}.
 */
public final class TextReporter {
    private static final int TAB_STOP = 8;
    /** Longer source lines are not shown under a warning. */
    private static final int MAX_SHOWN_LINE = 4096;

    /**
     * @param werror             print {@code error:} instead of {@code warning:}
     * @param baseDir            print files below this directory relative to it (null: as given)
     * @param showSource         show the source line and a caret under each warning
     * @param showSourceForNotes also under each note (only with {@code showSource})
     */
    public record Options(boolean werror, Path baseDir, boolean showSource, boolean showSourceForNotes) {
        public static final Options DEFAULT = new Options(false, null, false, false);

        public Options withWerror(boolean v) {
            return new Options(v, baseDir, showSource, showSourceForNotes);
        }

        public Options withBaseDir(Path v) {
            return new Options(werror, v, showSource, showSourceForNotes);
        }

        public Options withShowSource(boolean v) {
            return new Options(werror, baseDir, v, showSourceForNotes);
        }

        public Options withShowSourceForNotes(boolean v) {
            return new Options(werror, baseDir, showSource, v);
        }
    }

    private final Options options;
    private final Function<String, List<String>> sources;

    /** Reads sources (for {@link Options#showSource()}) through a fresh {@link SourceCache}. */
    public TextReporter(Options options) {
        this(options, new SourceCache());
    }

    /** {@code sources} maps a finding's file name to its lines; it is only used with showSource. */
    public TextReporter(Options options, Function<String, List<String>> sources) {
        this.options = options == null ? Options.DEFAULT : options;
        this.sources = sources;
    }

    public Options options() {
        return options;
    }

    /** Writes all findings, sorted by {@link Finding#ORDER}. */
    public void write(Collection<Finding> findings, Appendable out) throws IOException {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Finding.ORDER);
        for (Finding f : sorted) out.append(format(f));
    }

    /** All findings as one string, sorted by {@link Finding#ORDER}. */
    public String render(Collection<Finding> findings) {
        StringBuilder sb = new StringBuilder();
        try {
            write(findings, sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen with a StringBuilder
        }
        return sb.toString();
    }

    /** One finding: its warning line, its source display if enabled, and its notes. */
    public String format(Finding f) {
        StringBuilder sb = new StringBuilder();
        sb.append(location(f.pos())).append(options.werror() ? "error: " : "warning: ")
                .append(oneLine(f.message()));
        if (f.rule().cwe() > 0) sb.append(" [").append(f.rule().cweTag()).append(']');
        sb.append(" [").append(f.rule().flag()).append("]\n");
        if (options.showSource()) appendSource(sb, f.pos());
        for (PathEvent e : f.path()) {
            sb.append(location(e.pos())).append("note: ").append(oneLine(e.message())).append('\n');
            if (options.showSource() && options.showSourceForNotes()) appendSource(sb, e.pos());
        }
        return sb.toString();
    }

    /** {@code path:line:col: } (fewer parts when line or column is unknown). */
    String location(SourcePos pos) {
        StringBuilder sb = new StringBuilder(SourcePaths.display(pos.file(), options.baseDir()));
        if (pos.line() > 0) {
            sb.append(':').append(pos.line());
            if (pos.column() > 0) sb.append(':').append(pos.column());
        }
        return sb.append(": ").toString();
    }

    private void appendSource(StringBuilder sb, SourcePos pos) {
        Optional<String> line = SourceCache.line(sources, pos.file(), pos.line());
        if (line.isEmpty()) return;
        String src = line.get();
        if (src.length() > MAX_SHOWN_LINE) return; // a minified or generated line: the position says enough
        // the line is the checked code's text: control characters in it must not drive the terminal
        String shown = stripTrailing(expandTabs(withoutControls(src)));
        String num = Integer.toString(pos.line());
        int width = Math.max(num.length(), 4);
        sb.append(' ').append(" ".repeat(width - num.length())).append(num).append(" |");
        if (!shown.isEmpty()) sb.append(' ').append(shown);
        sb.append('\n');
        if (pos.column() > 0) {
            int col = displayColumn(src, pos.column());
            sb.append(' ').append(" ".repeat(width)).append(" | ").append(" ".repeat(col - 1)).append("^\n");
        }
    }

    /** Control characters other than tab (C0, DEL, C1) as '?', one for one so columns stay right. */
    private static String withoutControls(String s) {
        char[] cs = s.toCharArray();
        for (int i = 0; i < cs.length; i++) {
            char c = cs[i];
            if ((c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f)) cs[i] = '?';
        }
        return new String(cs);
    }

    /** 1-based display column of 1-based column {@code column} once tabs are expanded. */
    private static int displayColumn(String line, int column) {
        int d = 0;
        for (int i = 0; i < column - 1; i++) {
            if (i < line.length() && line.charAt(i) == '\t') d = (d / TAB_STOP + 1) * TAB_STOP;
            else d++;
        }
        return d + 1;
    }

    private static String expandTabs(String s) {
        if (s.indexOf('\t') < 0) return s;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\t') {
                int n = TAB_STOP - sb.length() % TAB_STOP;
                sb.append(" ".repeat(n));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\f' || s.charAt(end - 1) == '\u000b')) end--;
        return s.substring(0, end);
    }

    /** Messages are printed on one line: line breaks become spaces. */
    static String oneLine(String s) {
        if (s == null) return "";
        return s.indexOf('\n') < 0 && s.indexOf('\r') < 0 ? s : s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }
}
