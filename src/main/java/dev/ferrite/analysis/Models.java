package dev.ferrite.analysis;

import dev.ferrite.ir.Attr;
import dev.ferrite.ir.FunctionDecl;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API knowledge, read at start-up from model files: one line per function,
 * {@code name[, name...]: attribute attribute(args) ...}, in the vocabulary of GCC's function
 * attributes ({@code malloc}, {@code alloc_size(1)}, {@code access(read_only, 2, 3)}, {@code nonnull},
 * {@code noreturn}) plus Ferrite's own ({@code alloc(family)}, {@code free(family, 1)}, ...). The
 * format is documented in docs/models.md. Attributes that headers carry are read as the same specs.
 */
public final class Models {
    private static final String[] BUILTIN = {"libc.model", "posix.model", "kernel.model"};

    private final Map<String, Spec> specs = new LinkedHashMap<>();

    /** The built-in models plus the user's files (later files override earlier ones per function). */
    public static Models load(List<Path> userFiles) {
        Models m = new Models();
        for (String b : BUILTIN) {
            try (InputStream in = Models.class.getResourceAsStream("/dev/ferrite/models/" + b)) {
                if (in != null) m.parse(new InputStreamReader(in, StandardCharsets.UTF_8), b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (Path p : userFiles) {
            try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                m.parse(r, p.toString());
            } catch (IOException e) {
                throw new ModelException(p + ": cannot read model file: " + e.getMessage());
            }
        }
        return m;
    }

    /** A model file that cannot be read or has a line in error. */
    public static final class ModelException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ModelException(String msg) {
            super(msg);
        }
    }

    void parse(java.io.Reader reader, String source) throws IOException {
        BufferedReader r = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        String line;
        int no = 0;
        while ((line = r.readLine()) != null) {
            no++;
            int hash = line.indexOf('#');
            if (hash >= 0) line = line.substring(0, hash);
            line = line.strip();
            if (line.isEmpty()) continue;
            int colon = line.indexOf(':');
            if (colon <= 0) throw new ModelException(source + ":" + no + ": expected 'name: attributes'");
            List<Attr> attrs;
            try {
                attrs = parseAttrs(line.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new ModelException(source + ":" + no + ": " + e.getMessage());
            }
            for (String name : line.substring(0, colon).split(",")) {
                String n = name.strip();
                if (n.isEmpty()) continue;
                specs.put(n, new Spec(n, attrs));
            }
        }
    }

    static List<Attr> parseAttrs(String s) {
        List<Attr> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) i++;
            if (i == start) throw new IllegalArgumentException("unexpected '" + c + "'");
            String name = s.substring(start, i);
            List<Object> args = new ArrayList<>();
            if (i < s.length() && s.charAt(i) == '(') {
                int close = s.indexOf(')', i);
                if (close < 0) throw new IllegalArgumentException("missing ')' after " + name);
                for (String a : s.substring(i + 1, close).split(",")) {
                    String t = a.strip();
                    if (t.isEmpty()) continue;
                    try {
                        args.add(Long.parseLong(t));
                    } catch (NumberFormatException e) {
                        args.add(t);
                    }
                }
                i = close + 1;
            }
            out.add(new Attr(name, args));
        }
        return out;
    }

    /** The model of a function, or null. */
    public Spec get(String name) {
        return specs.get(name);
    }

    public boolean has(String name) {
        return specs.containsKey(name);
    }

    public Map<String, Spec> all() {
        return java.util.Collections.unmodifiableMap(specs);
    }

    /**
     * What the function's own declaration says in GCC attributes, as a spec (null if nothing useful):
     * {@code malloc}, {@code alloc_size}, {@code nonnull}, {@code returns_nonnull}, {@code access},
     * {@code noreturn}.
     */
    public static Spec fromDeclaration(FunctionDecl d) {
        if (d == null || d.attrs().isEmpty()) return null;
        List<Attr> out = new ArrayList<>();
        for (Attr a : d.attrs()) {
            switch (a.name()) {
                case "malloc" -> {
                    String family = a.args().isEmpty() ? "heap" : "heap:" + a.strArg(0);
                    out.add(new Attr("alloc", List.of(family)));
                    out.add(new Attr("may_null", List.of()));
                }
                case "context" -> lockAnnotation(d, a.strArg(0), a.intArg(1, -1), a.intArg(2, -1), out);
                case "acquire_capability", "acquire_shared_capability", "exclusive_lock_function", "shared_lock_function" ->
                    lockAnnotation(d, a.strArg(0), 0, 1, out);
                case "release_capability", "release_shared_capability", "release_generic_capability", "unlock_function" ->
                    lockAnnotation(d, a.strArg(0), 1, 0, out);
                case "requires_capability", "requires_shared_capability", "exclusive_locks_required", "shared_locks_required",
                        "assert_capability", "assert_shared_capability", "assert_exclusive_lock", "assert_shared_lock" ->
                    lockAnnotation(d, a.strArg(0), 1, 1, out);
                case "locks_excluded" -> {
                    for (Object lock : a.args()) lockAnnotation(d, String.valueOf(lock), 0, 0, out);
                }
                case "try_acquire_capability", "try_acquire_shared_capability", "exclusive_trylock_function", "shared_trylock_function" -> {
                    Long success = successValue(a.args().isEmpty() ? null : a.args().get(0));
                    if (success != null && a.args().size() > 1) lockAnnotation(d, a.strArg(1), 0, success == 0 ? -2 : -1, out);
                }
                case "alloc_size", "nonnull", "returns_nonnull", "access", "noreturn", "warn_unused_result" -> out.add(a);
                default -> {
                    // other attributes carry nothing the engine uses
                }
            }
        }
        boolean useful = out.stream().anyMatch(a -> !a.name().equals("warn_unused_result"));
        return useful ? new Spec(d.name(), out) : null;
    }

    /**
     * Sparse's {@code context(lock, in, out)} (what {@code __acquires}, {@code __releases} and
     * {@code __must_hold} expand to under {@code __CHECKER__}) and Clang's capability attributes, when
     * the lock is a parameter: 0 to 1 takes it, 1 to 0 releases it, 1 to 1 needs it held.
     */
    private static void lockAnnotation(FunctionDecl d, String lock, int in, int outCount, List<Attr> out) {
        if (lock == null) return;
        String name = lock.strip();
        boolean addressOf = false;
        while (name.startsWith("&") || name.startsWith("*")) {
            addressOf |= name.startsWith("&");
            name = name.substring(1).strip();
        }
        // A field of what a parameter points to: &dev->lock, dev->inner.lock.
        String param = name;
        String fields = null;
        int arrow = name.indexOf("->");
        if (arrow > 0) {
            param = name.substring(0, arrow).strip();
            fields = name.substring(arrow + 2).strip();
        }
        int idx = d.paramNames().indexOf(param);
        if (idx < 0) return;
        long offset = 0;
        if (fields != null) {
            if (!addressOf) return; // the lock must be a field, not a pointer read from one
            Long off = fieldOffset(d.type().params().size() > idx ? d.type().params().get(idx) : null, fields);
            if (off == null) return;
            offset = off;
        }
        // in -> out: 0 -> 1 takes it, 1 -> 0 releases it, 1 -> 1 needs it held, 0 -> 0 must not hold
        // it (Clang's locks_excluded), 0 -> -1 takes it when the call returns 1 (sparse's
        // __cond_acquires), 0 -> -2 takes it when the call returns 0.
        String attr = in == 0 && outCount == 1 ? "lock" : in == 1 && outCount == 0 ? "unlock" : in == 1 && outCount == 1 ? "assert_held"
                : in == 0 && outCount == 0 ? "assert_not_held" : in == 0 && outCount < 0 ? "trylock" : null;
        if (attr == null) return;
        if (attr.equals("trylock")) out.add(new Attr(attr, List.of("any", (long) (idx + 1), outCount == -2 ? 0L : 1L, offset)));
        else out.add(new Attr(attr, List.of("any", (long) (idx + 1), offset)));
    }

    /** The byte offset of a field path (a.b) in the struct a pointer parameter points to, or null. */
    static Long fieldOffset(dev.ferrite.ir.CType t, String path) {
        if (!(t instanceof dev.ferrite.ir.CType.Ptr p)) return null;
        dev.ferrite.ir.CType cur = p.pointee();
        long off = 0;
        for (String part : path.split("\\.")) {
            if (!(cur instanceof dev.ferrite.ir.CType.Struct st)) return null;
            dev.ferrite.ir.Field f = st.field(part.strip());
            if (f == null) return null;
            off += f.offset();
            cur = f.type();
        }
        return off;
    }

    /** The value a try-lock annotation names for success (1, 0, true, false), or null. */
    private static Long successValue(Object o) {
        if (o instanceof Long l) return l;
        if ("true".equals(o)) return 1L;
        if ("false".equals(o)) return 0L;
        return null;
    }

    /** One function's model. Argument indices are 1-based, as in GCC attributes. */
    public static final class Spec {
        private final String name;
        private final List<Attr> attrs;

        public Spec(String name, List<Attr> attrs) {
            this.name = name;
            this.attrs = List.copyOf(attrs);
        }

        public String name() {
            return name;
        }

        public List<Attr> attrs() {
            return attrs;
        }

        public Attr attr(String n) {
            for (Attr a : attrs) if (a.name().equals(n)) return a;
            return null;
        }

        public List<Attr> all(String n) {
            List<Attr> out = new ArrayList<>();
            for (Attr a : attrs) if (a.name().equals(n)) out.add(a);
            return out;
        }

        public boolean has(String n) {
            return attr(n) != null;
        }

        /** Attributes only checkers read (the Drop check's pairs); the engine ignores them. */
        private static final java.util.Set<String> CHECKER_ONLY = java.util.Set.of("acquires", "releases", "ok_if_zero",
                "ok_if_nonneg", "driver_callbacks", "module_init", "module_exit", "module_init_code",
                // applied before the call, which then runs as if there were no model
                "unlinks");

        /**
         * False when the model only carries checker knowledge: the call is then executed as if there were
         * no model (summary, declaration attributes or unknown code), so adding such a line never changes
         * what the engine knows.
         */
        public boolean forEngine() {
            for (Attr a : attrs) if (!CHECKER_ONLY.contains(a.name())) return true;
            return false;
        }

        /** The allocation family when the function returns a new object, else null. */
        public String allocFamily() {
            Attr a = attr("alloc");
            return a == null ? null : a.strArg(0) == null ? "heap" : a.strArg(0);
        }

        @Override
        public String toString() {
            return name + ": " + attrs;
        }
    }
}
