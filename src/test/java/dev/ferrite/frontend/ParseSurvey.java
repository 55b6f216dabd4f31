package dev.ferrite.frontend;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.cdt.core.dom.ast.IASTFileLocation;
import org.eclipse.cdt.core.dom.ast.IASTProblem;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;

/**
 * Diagnostic tool (not a test): parses the given .i files (or directories of them) and prints one line
 * per problem node with the text at the problem, then per-file counts and parse times.
 * Usage: ParseSurvey [-q] FILE_OR_DIR...
 */
public final class ParseSurvey {
    public static void main(String[] args) throws Exception {
        boolean quiet = false;
        int rounds = 1;
        List<Path> files = new ArrayList<>();
        boolean plain = false;
        for (int ai = 0; ai < args.length; ai++) {
            String a = args[ai];
            if (a.equals("-q")) { quiet = true; continue; }
            if (a.equals("-plain")) { plain = true; continue; }
            if (a.equals("-rounds")) { rounds = Integer.parseInt(args[++ai]); continue; }
            Path p = Path.of(a);
            if (Files.isDirectory(p)) {
                try (var s = Files.list(p)) {
                    s.filter(f -> f.toString().endsWith(".i")).sorted().forEach(files::add);
                }
            } else {
                files.add(p);
            }
        }
        int clean = 0;
        long total = 0;
        List<Long> times = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
        boolean last = round == rounds;
        for (Path f : files) {
            char[] raw = new String(Files.readAllBytes(f), StandardCharsets.UTF_8).toCharArray();
            LineMap map = LineMap.build(raw, f.toString());
            char[] text = map.text();
            long t0 = System.nanoTime();
            IASTTranslationUnit tu = plain ? ParseCheck.plainParse(f.toString(), text) : CParser.parse(f.toString(), text);
            List<IASTProblem> ps = CParser.problems(tu);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (!last) continue;
            times.add(ms);
            if (ps.isEmpty()) clean++;
            total += ps.size();
            if (!quiet) {
                for (IASTProblem p : ps) {
                    IASTFileLocation loc = p.getFileLocation();
                    int off = loc == null ? -1 : loc.getNodeOffset();
                    int len = loc == null ? 140 : Math.max(140, Math.min(4000, loc.getNodeLength()));
                    String snip = off < 0 ? "?" : new String(text, off, Math.min(len, text.length - off))
                            .replaceAll("\\s+", " ");
                    System.out.println("P\t" + f.getFileName() + "\t" + map.position(Math.max(off, 0)) + "\t"
                            + p.getMessage().replaceAll("\\s+", " ") + "\t" + snip);
                }
            }
            System.out.println("F\t" + f.getFileName() + "\t" + ps.size() + "\t" + ms + "ms");
        }
        }
        times.sort(null);
        if (!times.isEmpty()) System.out.println("MEDIAN_MS " + times.get(times.size() / 2));
        System.out.println("TOTAL files=" + files.size() + " clean=" + clean + " problems=" + total);
    }
}
