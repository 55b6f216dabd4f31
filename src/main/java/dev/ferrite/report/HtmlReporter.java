package dev.ferrite.report;

import dev.ferrite.frontend.SourcePos;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes findings as a static HTML report into a directory: {@code index.html}, a table of all
 * findings that sorts by checker, CWE, file or function (a few lines of inline JavaScript, no network
 * resources), and {@code finding-N.html} per finding, with its path, the source lines around each
 * path step marked and annotated, and the ownership summaries of the functions the path goes through.
 *
 * <p>All text from the checked code is escaped ({@link Html}); the pages forbid everything but their
 * own inline style and script through a Content-Security-Policy with hashes; file names are fixed
 * ({@link ReportDir} refuses anything else), so nothing is written outside the directory.
 */
public final class HtmlReporter {
    /** Source lines shown before and after each marked line. */
    private static final int CONTEXT = 3;
    private static final String CSS = resource("report.css");
    private static final String JS = resource("report.js");
    private static final java.util.regex.Pattern CALL = java.util.regex.Pattern.compile("\\b([A-Za-z_][A-Za-z0-9_]*)\\s*\\(");

    /** @param baseDir files below it are shown relative to it (null: as given) */
    public record Options(Path baseDir, String title) {
        public static final Options DEFAULT = new Options(null, "Ferrite report");

        public Options withBaseDir(Path v) {
            return new Options(v, title);
        }
    }

    private final Options options;
    private final Function<String, List<String>> sources;
    private final List<FunctionSummary> summaries;

    /**
     * @param sources   a file name to its lines (an empty list when unreadable)
     * @param summaries ownership summaries of the program's functions (may be empty)
     */
    public HtmlReporter(Options options, Function<String, List<String>> sources, List<FunctionSummary> summaries) {
        this.options = options == null ? Options.DEFAULT : options;
        this.sources = sources;
        this.summaries = List.copyOf(summaries);
    }

    /** The name of the page of the finding at {@code index} (0-based) of the sorted list. */
    public static String pageName(int index) {
        return "finding-" + (index + 1) + ".html";
    }

    /** Writes the report into {@code dir} (created if needed); findings are sorted by {@link Finding#ORDER}. */
    public Path write(List<Finding> findings, Path dir) throws IOException {
        ReportDir out = new ReportDir(dir);
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Finding.ORDER);
        out.write("index.html", index(sorted));
        for (int i = 0; i < sorted.size(); i++) out.write(pageName(i), page(sorted, i));
        return out.resolve("index.html");
    }

    String index(List<Finding> findings) {
        StringBuilder sb = new StringBuilder();
        head(sb, options.title(), true);
        sb.append("<h1>").append(Html.text(options.title())).append("</h1>\n");
        sb.append("<p class=\"summary\" id=\"count\">").append(findings.size()).append(findings.size() == 1 ? " finding" : " findings")
                .append("</p>\n");
        if (findings.isEmpty()) {
            sb.append("<p class=\"none\">Nothing to report.</p>\n");
        } else {
            sb.append("<table id=\"findings\">\n<thead><tr>");
            sb.append("<th id=\"col-index\" data-sort=\"num\"><button type=\"button\">#</button></th>");
            sb.append("<th id=\"col-checker\" data-sort=\"text\"><button type=\"button\">Checker</button></th>");
            sb.append("<th id=\"col-cwe\" data-sort=\"num\"><button type=\"button\">CWE</button></th>");
            sb.append("<th id=\"col-file\" data-sort=\"text\"><button type=\"button\">File</button></th>");
            sb.append("<th id=\"col-function\" data-sort=\"text\"><button type=\"button\">Function</button></th>");
            sb.append("<th id=\"col-message\">Message</th></tr></thead>\n<tbody>\n");
            for (int i = 0; i < findings.size(); i++) {
                Finding f = findings.get(i);
                String file = display(f.pos().file());
                sb.append("<tr data-index=\"").append(i).append("\">");
                sb.append("<td>").append(i + 1).append("</td>");
                sb.append("<td class=\"checker\">").append(Html.text(f.rule().id())).append("</td>");
                sb.append("<td class=\"cwe\" data-key=\"").append(f.rule().cwe()).append("\">").append(cwe(f.rule())).append("</td>");
                sb.append("<td class=\"file\" data-key=\"").append(Html.attr(file + " " + String.format("%09d", f.pos().line())))
                        .append("\">").append(Html.text(file + ":" + f.pos().line())).append("</td>");
                sb.append("<td class=\"function\">").append(Html.text(f.function())).append("</td>");
                sb.append("<td class=\"message\"><a href=\"").append(pageName(i)).append("\">").append(Html.text(f.message()))
                        .append("</a>").append(f.latent() ? " <em>(latent)</em>" : "").append("</td></tr>\n");
            }
            sb.append("</tbody>\n</table>\n");
            sb.append("<script>").append(JS).append("</script>\n");
        }
        return sb.append("</body>\n</html>\n").toString();
    }

    String page(List<Finding> findings, int i) {
        Finding f = findings.get(i);
        StringBuilder sb = new StringBuilder();
        head(sb, f.rule().id() + ": " + f.message(), false);
        sb.append("<nav><a href=\"index.html\">All findings</a>");
        if (i > 0) sb.append(" · <a href=\"").append(pageName(i - 1)).append("\" rel=\"prev\">previous</a>");
        if (i + 1 < findings.size()) sb.append(" · <a href=\"").append(pageName(i + 1)).append("\" rel=\"next\">next</a>");
        sb.append("</nav>\n");
        sb.append("<h1 id=\"message\">").append(Html.text(f.message())).append("</h1>\n<dl class=\"meta\">");
        sb.append("<dt>Checker</dt><dd id=\"checker\">").append(Html.text(f.rule().id())).append(" (").append(Html.text(f.rule().name()))
                .append(")</dd>");
        sb.append("<dt>CWE</dt><dd id=\"cwe\">").append(cwe(f.rule())).append("</dd>");
        sb.append("<dt>Where</dt><dd id=\"where\">").append(Html.text(location(f.pos()))).append(", in function <code>")
                .append(Html.text(f.function())).append("</code>").append(f.latent() ? " (latent: depends on the caller)" : "")
                .append("</dd>");
        sb.append("<dt>Why</dt><dd>").append(Html.text(f.rule().description())).append("</dd></dl>\n");

        List<Step> steps = steps(f);
        sb.append("<h2>Path</h2>\n<ol class=\"path\" id=\"path\">\n");
        for (Step s : steps) {
            sb.append("<li><a href=\"#step-").append(s.number).append("\">").append(Html.text(location(s.pos))).append("</a> ")
                    .append(Html.text(s.message)).append("</li>\n");
        }
        sb.append("</ol>\n");
        source(sb, f, steps);
        ownership(sb, f, steps);
        return sb.append("</body>\n</html>\n").toString();
    }

    /** One numbered mark on the source: a path event, or the finding itself (last). */
    private record Step(int number, SourcePos pos, String message, boolean finding) {
    }

    private static List<Step> steps(Finding f) {
        List<Step> out = new ArrayList<>();
        for (PathEvent e : f.path()) out.add(new Step(out.size() + 1, e.pos(), e.message(), false));
        out.add(new Step(out.size() + 1, f.pos(), "warning: " + f.message(), true));
        return out;
    }

    /** The source around the steps, file by file (the finding's file first), marked lines annotated. */
    private void source(StringBuilder sb, Finding f, List<Step> steps) {
        Map<String, List<Step>> byFile = new LinkedHashMap<>();
        byFile.put(f.pos().file(), new ArrayList<>());
        for (Step s : steps) byFile.computeIfAbsent(s.pos.file(), k -> new ArrayList<>()).add(s);
        sb.append("<h2>Source</h2>\n");
        int fileNo = 0;
        for (Map.Entry<String, List<Step>> e : byFile.entrySet()) {
            if (e.getValue().isEmpty()) continue;
            sb.append("<h3>").append(Html.text(display(e.getKey()))).append("</h3>\n");
            List<String> lines = sources == null ? List.of() : sources.apply(e.getKey());
            if (lines == null || lines.isEmpty()) {
                sb.append("<p class=\"none\">Source not available.</p>\n");
                for (Step s : e.getValue()) {
                    sb.append("<p id=\"step-").append(s.number).append("\"><span class=\"step\">").append(s.number).append("</span>")
                            .append(Html.text(location(s.pos) + " " + s.message)).append("</p>\n");
                }
                continue;
            }
            sourceTable(sb, lines, e.getValue(), "F" + fileNo++ + "L");
        }
    }

    private static void sourceTable(StringBuilder sb, List<String> lines, List<Step> steps, String idPrefix) {
        Map<Integer, List<Step>> at = new java.util.TreeMap<>();
        for (Step s : steps) {
            int line = Math.max(1, Math.min(s.pos.line(), lines.size()));
            at.computeIfAbsent(line, k -> new ArrayList<>()).add(s);
        }
        sb.append("<table class=\"source\">\n");
        int shownTo = 0;
        List<Integer> marked = new ArrayList<>(at.keySet());
        for (int k = 0; k < marked.size(); k++) {
            int from = Math.max(1, marked.get(k) - CONTEXT);
            int to = marked.get(k) + CONTEXT;
            while (k + 1 < marked.size() && marked.get(k + 1) - CONTEXT <= to + 1) to = marked.get(++k) + CONTEXT;
            to = Math.min(to, lines.size());
            from = Math.max(from, shownTo + 1);
            if (from > shownTo + 1) sb.append("<tr class=\"gap\"><td class=\"ln\">…</td><td></td></tr>\n");
            for (int n = from; n <= to; n++) {
                List<Step> here = at.get(n);
                boolean finding = here != null && here.stream().anyMatch(Step::finding);
                sb.append("<tr id=\"").append(idPrefix).append(n).append("\"").append(here == null ? "" : finding ? " class=\"finding\"" : " class=\"event\"")
                        .append("><td class=\"ln\">").append(n).append("</td><td class=\"code\">").append(Html.text(lines.get(n - 1)))
                        .append("</td></tr>\n");
                if (here == null) continue;
                for (Step s : here) {
                    sb.append("<tr class=\"note").append(s.finding ? " finding-note" : "").append("\" id=\"step-").append(s.number)
                            .append("\"><td></td><td><span class=\"step\">").append(s.number).append("</span>").append(Html.text(s.message))
                            .append("</td></tr>\n");
                }
            }
            shownTo = to;
        }
        if (shownTo < lines.size()) sb.append("<tr class=\"gap\"><td class=\"ln\">…</td><td></td></tr>\n");
        sb.append("</table>\n");
    }

    /** The ownership of the finding's function and of every function a path step is in. */
    private void ownership(StringBuilder sb, Finding f, List<Step> steps) {
        List<FunctionSummary> on = new ArrayList<>();
        FunctionSummary own = null;
        for (FunctionSummary s : summaries) {
            if (!s.function().equals(f.function())) continue;
            if (own == null || s.contains(f.pos())) own = s;
        }
        if (own != null) on.add(own);
        for (Step st : steps) {
            for (FunctionSummary s : summaries) {
                if (s.contains(st.pos) && !on.contains(s)) on.add(s);
            }
            // and the functions called on the step's line (a step at a call often happens inside the callee)
            String line = sources == null ? null : SourceCache.line(sources, st.pos.file(), st.pos.line()).orElse(null);
            if (line == null) continue;
            java.util.regex.Matcher m = CALL.matcher(line);
            while (m.find()) {
                FunctionSummary callee = null;
                for (FunctionSummary s : summaries) {
                    if (!s.function().equals(m.group(1))) continue;
                    if (callee == null || s.start().file().equals(st.pos.file())) callee = s;
                }
                if (callee != null && !on.contains(callee)) on.add(callee);
            }
        }
        sb.append("<h2>Ownership of the functions on the path</h2>\n<div id=\"ownership\">\n");
        if (on.isEmpty()) sb.append("<p class=\"none\">No summary available.</p>\n");
        for (FunctionSummary s : on) {
            sb.append("<h3>").append(Html.text(s.function())).append("</h3>\n<code class=\"sig\">").append(Html.text(s.signature()))
                    .append("</code>\n");
            if (s.rows().isEmpty()) continue;
            sb.append("<table class=\"own\"><thead><tr><th>Parameter</th><th>C type</th><th>Rust-like</th><th>What the function does</th></tr></thead><tbody>\n");
            for (FunctionSummary.Row r : s.rows()) {
                sb.append("<tr><td>").append(Html.text(r.name())).append("</td><td><code>").append(Html.text(r.cType()))
                        .append("</code></td><td><code>").append(Html.text(r.rustType())).append("</code></td><td>")
                        .append(Html.text(r.meaning())).append("</td></tr>\n");
            }
            sb.append("</tbody></table>\n");
        }
        sb.append("</div>\n");
    }

    private static void head(StringBuilder sb, String title, boolean script) {
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        // only the page's own inline style and script may run; nothing is loaded from anywhere
        sb.append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src '").append(sha256(CSS))
                .append("'").append(script ? "; script-src '" + sha256(JS) + "'" : "").append("\">\n");
        sb.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.append("<title>").append(Html.text(TextReporter.oneLine(title))).append("</title>\n<style>").append(CSS).append("</style>\n</head>\n<body>\n");
    }

    private String location(SourcePos pos) {
        String s = display(pos.file());
        if (pos.line() > 0) s += ":" + pos.line();
        if (pos.column() > 0) s += ":" + pos.column();
        return s;
    }

    private String display(String file) {
        return SourcePaths.display(file, options.baseDir());
    }

    private static String cwe(Rule r) {
        return r.cwe() > 0 ? r.cweTag() : "—";
    }

    private static String sha256(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReporter.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
