package dev.ferrite.cache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 in hex, over strings, preprocessed text and files. */
public final class Hashes {
    private Hashes() {
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }

    public static String hex(MessageDigest d) {
        return HexFormat.of().formatHex(d.digest());
    }

    /** The hash of strings joined with NUL characters (so that ("ab","c") and ("a","bc") differ). */
    public static String of(Iterable<String> parts) {
        MessageDigest d = sha256();
        for (String p : parts) {
            d.update(p.getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
        }
        return hex(d);
    }

    /** The hash of preprocessed text. */
    public static String of(char[] text) {
        MessageDigest d = sha256();
        byte[] buf = new byte[8192];
        int n = 0;
        for (char c : text) {
            buf[n++] = (byte) (c >> 8);
            buf[n++] = (byte) c;
            if (n == buf.length) {
                d.update(buf, 0, n);
                n = 0;
            }
        }
        d.update(buf, 0, n);
        return hex(d);
    }

    /** The hash of a file's bytes. */
    public static String ofFile(Path file) throws IOException {
        MessageDigest d = sha256();
        byte[] buf = new byte[65536];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) d.update(buf, 0, n);
        }
        return hex(d);
    }
}
