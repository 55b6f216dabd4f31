package dev.ferrite.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * What the client and the server of {@code ferrite server} say over their Unix domain socket, and where the
 * socket is. Only java.base here: the client loads this class.
 *
 * <p>Request: {@link #MAGIC}, a kind byte ({@link #RUN}, {@link #PING}, {@link #STOP}); for RUN the working
 * directory and the arguments (Java modified UTF-8 strings, count first). Reply: frames of a kind byte and
 * an int, {@link #STDOUT}/{@link #STDERR} followed by that many bytes, {@link #EXIT} carrying the exit code,
 * which ends the reply.
 */
public final class Protocol {
    public static final int MAGIC = 0x46455231; // "FER1"
    public static final byte RUN = 'R';
    public static final byte PING = 'P';
    public static final byte STOP = 'S';
    public static final byte STDOUT = 1;
    public static final byte STDERR = 2;
    public static final byte EXIT = 3;

    private Protocol() {
    }

    /**
     * The per-user directory of the sockets: {@code $XDG_RUNTIME_DIR/ferrite}, else {@code /tmp/ferrite-USER};
     * created with mode 700, and refused when another user owns it.
     */
    public static Path runtimeDir() throws IOException {
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        String user = System.getProperty("user.name");
        Path dir = xdg != null && !xdg.isEmpty() && Files.isDirectory(Path.of(xdg))
                ? Path.of(xdg, "ferrite") : Path.of(System.getProperty("java.io.tmpdir"), "ferrite-" + user);
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // made by a concurrent client
            }
        }
        String owner = Files.getOwner(dir).getName();
        if (!owner.equals(user)) throw new IOException(dir + " belongs to " + owner + ", not to " + user);
        return dir;
    }

    /**
     * The socket of the server for the Ferrite installed at {@code jar}: one per build (size and mtime of the
     * jar), so that a rebuilt Ferrite never talks to an old server.
     */
    public static Path socket(Path runtimeDir, Path jar) {
        java.io.File f = jar.toFile();
        String id = Long.toHexString(jar.toAbsolutePath().toString().hashCode() & 0xffffffffL) + "-"
                + Long.toHexString(f.length()) + "-" + Long.toHexString(f.lastModified());
        return runtimeDir.resolve("server-" + id + ".sock");
    }
}
