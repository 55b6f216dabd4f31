package dev.ferrite.frontend;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Diagnostic tool (not a test): per file, median of N warm parses vs median of N
 * {@code gcc -fsyntax-only -std=gnu11 -w -x cpp-output} runs, interleaved so machine load hits both.
 */
public final class ParseTiming {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        List<Path> files = new ArrayList<>();
        try (var s = Files.list(Path.of(args[1]))) {
            s.filter(f -> f.toString().endsWith(".i")).sorted().forEach(files::add);
        }
        // warm-up: one pass over everything
        for (Path f : files) parse(f);
        List<Double> ours = new ArrayList<>(), gcc = new ArrayList<>();
        for (Path f : files) {
            List<Double> a = new ArrayList<>(), b = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                a.add(parse(f));
                b.add(gcc(f));
            }
            double ma = median(a), mb = median(b);
            ours.add(ma);
            gcc.add(mb);
            System.out.printf("%-60s ours %6.0f ms  gcc %6.0f ms%n", f.getFileName(), ma, mb);
        }
        System.out.printf("MEDIAN ours %.0f ms, gcc %.0f ms%n", median(ours), median(gcc));
    }

    static double parse(Path f) throws Exception {
        char[] raw = new String(Files.readAllBytes(f), StandardCharsets.UTF_8).toCharArray();
        char[] text = LineMap.build(raw, f.toString()).text();
        long t0 = System.nanoTime();
        CParser.parse(f.toString(), text);
        return (System.nanoTime() - t0) / 1e6;
    }

    static double gcc(Path f) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("gcc", "-fsyntax-only", "-std=gnu11", "-w", "-x", "cpp-output", f.toString())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor();
        return (System.nanoTime() - t0) / 1e6;
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }
}
