package dev.ferrite.report;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Path display and URI helpers shared by the reporters (lexical only: no file system access). */
final class SourcePaths {
    private SourcePaths() {
    }

    /**
     * {@code file} relative to {@code base} with {@code /} separators, or null when {@code base} is
     * null or {@code file} is not strictly below it. Both are made absolute (against the current
     * directory) and normalized first; symbolic links are not resolved.
     */
    static String relativeTo(String file, Path base) {
        if (base == null || file == null) return null;
        try {
            Path f = Path.of(file).toAbsolutePath().normalize();
            Path b = base.toAbsolutePath().normalize();
            if (!f.startsWith(b) || f.equals(b)) return null;
            return slashes(b.relativize(f).toString());
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** What to print for {@code file}: relative to {@code base} when below it, else as given. */
    static String display(String file, Path base) {
        String rel = relativeTo(file, base);
        return rel != null ? rel : file;
    }

    /** {@code file} normalized lexically ("./a/../b.c" becomes "b.c"), with {@code /} separators. */
    static String normalized(String file) {
        try {
            String n = slashes(Path.of(file).normalize().toString());
            return n.isEmpty() ? file : n;
        } catch (InvalidPathException e) {
            return file;
        }
    }

    /** Absolute {@code file:} URI of {@code file} (resolved against the current directory). */
    static String fileUri(String file) {
        String abs;
        try {
            abs = slashes(Path.of(file).toAbsolutePath().normalize().toString());
        } catch (InvalidPathException e) {
            abs = slashes(file);
        }
        return "file://" + absoluteToUriPath(abs);
    }

    /** Absolute {@code file:} URI of a directory, ending in {@code /} (as SARIF wants for base URIs). */
    static String directoryUri(Path dir) {
        String u = fileUri(dir.toString());
        return u.endsWith("/") ? u : u + "/";
    }

    private static String absoluteToUriPath(String abs) {
        // Windows: C:/x -> /C:/x, keeping the drive colon
        if (abs.length() >= 2 && abs.charAt(1) == ':' && Character.isLetter(abs.charAt(0))) {
            return "/" + abs.substring(0, 2) + encodePath(abs.substring(2));
        }
        return encodePath(abs.startsWith("/") ? abs : "/" + abs);
    }

    /**
     * Percent-encodes a {@code /}-separated path for use in a URI: every byte of the UTF-8 form except
     * the RFC 3986 unreserved characters and {@code /} becomes {@code %XX} (upper-case hex).
     */
    static String encodePath(String path) {
        StringBuilder sb = new StringBuilder(path.length() + 8);
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }

    /** Decodes {@code %XX} escapes (UTF-8); {@code +} stays a plus. Malformed escapes are kept as is. */
    static String decode(String s) {
        if (s.indexOf('%') < 0) return s;
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()
                    && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 3;
            } else {
                int cp = s.codePointAt(i);
                byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
                i += Character.charCount(cp);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * The file path a SARIF URI names: {@code file:} URIs become absolute paths, relative references
     * are decoded and, when {@code baseUri} (the resolved {@code uriBaseId}) is given, resolved
     * against it.
     */
    static String uriToPath(String uri, String baseUri) {
        if (uri == null) return null;
        if (baseUri != null && !hasScheme(uri) && !uri.startsWith("/")) {
            uri = baseUri.endsWith("/") ? baseUri + uri : baseUri + "/" + uri;
        }
        if (uri.startsWith("file://")) {
            String rest = uri.substring("file://".length());
            int slash = rest.indexOf('/');
            uri = slash < 0 ? "/" : rest.substring(slash); // drop the authority (host)
            if (uri.length() >= 3 && uri.charAt(2) == ':' && Character.isLetter(uri.charAt(1))) {
                uri = uri.substring(1); // /C:/x -> C:/x
            }
        } else if (uri.startsWith("file:")) {
            uri = uri.substring("file:".length());
        }
        int q = uri.indexOf('?');
        if (q >= 0) uri = uri.substring(0, q);
        int h = uri.indexOf('#');
        if (h >= 0) uri = uri.substring(0, h);
        return decode(uri);
    }

    static boolean hasScheme(String uri) {
        int colon = uri.indexOf(':');
        if (colon < 2) return false; // "C:" is a drive, not a scheme
        for (int i = 0; i < colon; i++) {
            char c = uri.charAt(i);
            boolean ok = Character.isLetter(c) || (i > 0 && (Character.isDigit(c) || c == '+' || c == '-' || c == '.'));
            if (!ok || c > 127) return false;
        }
        return true;
    }

    static String slashes(String p) {
        return p.replace('\\', '/');
    }
}
