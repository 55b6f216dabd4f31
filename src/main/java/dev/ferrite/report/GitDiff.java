package dev.ferrite.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines changed since a git revision ({@code --diff REV}): for each file, the lines that
 * {@code git diff -U0 REV -- FILES} marks as added or changed in the working tree; files git does not
 * track count as changed everywhere. Where a hunk only deletes lines, the lines on either side of the
 * deletion count as changed (a removed check shows up there). git is run without a shell, in each
 * file's repository.
 */
public final class GitDiff {
    private static final Pattern HUNK = Pattern.compile("^@@ -\\d+(?:,\\d+)? \\+(\\d+)(?:,(\\d+))? @@");

    private final Map<Path, BitSet> changed = new HashMap<>();
    private final Set<Path> untracked = new HashSet<>();

    private GitDiff() {
    }

    /** A problem with git or the revision: a usage error for the caller. */
    public static final class GitException extends Exception {
        private static final long serialVersionUID = 1L;

        GitException(String message) {
            super(message);
        }
    }

    /** Runs git for {@code files} (absolute paths), grouped by repository. */
    public static GitDiff since(String rev, Collection<Path> files) throws GitException, InterruptedException {
        if (rev.startsWith("-")) throw new GitException("not a revision: " + rev);
        GitDiff d = new GitDiff();
        Map<Path, Path> topOfDir = new HashMap<>();
        Map<Path, List<Path>> byRepo = new LinkedHashMap<>();
        for (Path f : files) {
            Path real = real(f);
            Path dir = real.getParent();
            if (dir == null || !Files.isDirectory(dir)) continue;
            Path top = topOfDir.get(dir);
            if (top == null && !topOfDir.containsKey(dir)) {
                Result r = git(dir, List.of("rev-parse", "--show-toplevel"));
                top = r.code == 0 ? real(Path.of(r.out.trim())) : null;
                topOfDir.put(dir, top);
            }
            if (top == null) continue; // not in a repository: nothing counts as changed
            byRepo.computeIfAbsent(top, k -> new ArrayList<>()).add(real);
        }
        for (Map.Entry<Path, List<Path>> e : byRepo.entrySet()) d.add(rev, e.getKey(), e.getValue());
        return d;
    }

    private void add(String rev, Path top, List<Path> files) throws GitException, InterruptedException {
        Result v = git(top, List.of("rev-parse", "--verify", "--quiet", rev + "^{commit}"));
        if (v.code != 0) throw new GitException("unknown revision '" + rev + "' in " + top);
        List<String> rel = new ArrayList<>();
        for (Path f : files) rel.add(top.relativize(f).toString());
        List<String> args = new ArrayList<>(List.of("-c", "core.quotePath=false", "diff", "-U0", "--no-color",
                "--no-ext-diff", "--src-prefix=a/", "--dst-prefix=b/", rev, "--"));
        args.addAll(rel);
        Result r = git(top, args);
        if (r.code != 0) throw new GitException("git diff failed in " + top + ": " + r.err.trim());
        parse(r.out).forEach((path, lines) -> changed.merge(top.resolve(path).normalize(), lines, (a, b) -> {
            a.or(b);
            return a;
        }));
        List<String> lsArgs = new ArrayList<>(List.of("-c", "core.quotePath=false", "ls-files", "-z", "--"));
        lsArgs.addAll(rel);
        Result ls = git(top, lsArgs);
        Set<Path> tracked = new HashSet<>();
        for (String s : ls.out.split("\0")) if (!s.isEmpty()) tracked.add(top.resolve(s).normalize());
        for (Path f : files) if (!tracked.contains(f)) untracked.add(f);
    }

    /** The changed lines of each file named in a {@code git diff -U0} output (paths as after {@code b/}). */
    public static Map<String, BitSet> parse(String diff) {
        Map<String, BitSet> out = new LinkedHashMap<>();
        BitSet cur = null;
        for (String line : diff.split("\n", -1)) {
            if (line.startsWith("+++ ")) {
                String p = line.substring(4);
                if (p.startsWith("\"") && p.endsWith("\"") && p.length() > 1) p = p.substring(1, p.length() - 1);
                cur = p.startsWith("b/") ? out.computeIfAbsent(p.substring(2), k -> new BitSet()) : null;
                continue;
            }
            Matcher m = HUNK.matcher(line);
            if (m.find() && cur != null) {
                int start = Integer.parseInt(m.group(1));
                int count = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
                if (count == 0) {
                    cur.set(Math.max(1, start), start + 2); // a deletion after line start
                } else {
                    cur.set(start, start + count);
                }
            }
        }
        return out;
    }

    /** Whether {@code line} of {@code file} changed (or the file is not tracked). */
    public boolean changed(Path file, int line) {
        Path real = real(file);
        if (untracked.contains(real)) return true;
        BitSet b = changed.get(real);
        return b != null && line > 0 && b.get(line);
    }

    /** The findings that are on a changed line, or have a step of their path on one. */
    public List<Finding> filter(List<Finding> findings, java.util.function.Function<String, Path> resolve) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            boolean keep = changed(resolve.apply(f.pos().file()), f.pos().line());
            for (PathEvent e : f.path()) {
                if (keep) break;
                keep = changed(resolve.apply(e.pos().file()), e.pos().line());
            }
            if (keep) out.add(f);
        }
        return out;
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    private record Result(int code, String out, String err) {
    }

    private static Result git(Path dir, List<String> args) throws GitException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("git");
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().remove("GIT_DIR");
        pb.environment().remove("GIT_WORK_TREE");
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread errReader = new Thread(() -> copy(p.getErrorStream(), err));
            errReader.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            copy(p.getInputStream(), out);
            int code = p.waitFor();
            errReader.join();
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new GitException("cannot run git: " + e.getMessage());
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException e) {
            // the exit code tells
        }
    }
}
