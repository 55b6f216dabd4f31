package dev.ferrite.client;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fast path of the per-file command (kbuild's {@code CHECK}): hands its arguments and working directory to
 * a running {@code ferrite server} over a Unix domain socket, starting the server when none runs, and
 * prints what the server answers. A small class on java.base only, run with class-data sharing by
 * {@code bin/ferrite}, so that it starts in a fraction of the time a full JVM of Ferrite takes.
 *
 * <p>System properties (set by {@code bin/ferrite}): {@code ferrite.jar} (the jar, which names the server),
 * {@code ferrite.server.cp} and {@code ferrite.server.opts} (how to start the server),
 * {@code ferrite.server.idle} (its idle minutes). Exit code {@value #FALLBACK}: no server could be reached
 * or started; the launcher then runs Ferrite in its own JVM.
 */
public final class Client {
    public static final int FALLBACK = 125;
    private static final long START_TIMEOUT_MS = 60_000;

    private Client() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args);
        } catch (IOException | RuntimeException e) {
            System.err.println("ferrite: server: " + e.getMessage() + "; running without it");
            code = FALLBACK;
        }
        System.exit(code);
    }

    private static int run(String[] args) throws IOException {
        Path jar = Path.of(System.getProperty("ferrite.jar"));
        Path socket = Protocol.socket(Protocol.runtimeDir(), jar);
        SocketChannel ch = connect(socket);
        if (ch == null) {
            startServer(socket);
            long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
            while (ch == null && System.currentTimeMillis() < deadline) {
                sleep(50);
                ch = connect(socket);
            }
            if (ch == null) throw new IOException("no server at " + socket + " (see " + log(socket) + ")");
        }
        return exchange(ch, System.getProperty("user.dir"), args, System.out, System.err);
    }

    /**
     * Sends one run request on {@code ch} (closed afterwards) and copies the answer to {@code stdout} and
     * {@code stderr}; the exit code of the run.
     */
    public static int exchange(SocketChannel ch, String cwd, String[] args, OutputStream stdout, OutputStream stderr)
            throws IOException {
        try (SocketChannel c = ch) {
            DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Channels.newOutputStream(c)));
            out.writeInt(Protocol.MAGIC);
            out.writeByte(Protocol.RUN);
            out.writeUTF(cwd);
            out.writeInt(args.length);
            for (String a : args) out.writeUTF(a);
            out.flush();
            return relay(new DataInputStream(new java.io.BufferedInputStream(Channels.newInputStream(c))), stdout, stderr);
        }
    }

    /** Copies the server's output frames to stdout and stderr; the exit code. */
    private static int relay(DataInputStream in, OutputStream stdout, OutputStream stderr) throws IOException {
        byte[] buf = new byte[8192];
        try {
            while (true) {
                byte kind = in.readByte();
                int n = in.readInt();
                if (kind == Protocol.EXIT) {
                    stdout.flush();
                    stderr.flush();
                    return n;
                }
                OutputStream to = kind == Protocol.STDOUT ? stdout : stderr;
                while (n > 0) {
                    int k = in.read(buf, 0, Math.min(n, buf.length));
                    if (k < 0) throw new EOFException();
                    to.write(buf, 0, k);
                    n -= k;
                }
            }
        } catch (EOFException e) {
            stderr.write("ferrite: server: connection closed before the end of the result\n".getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
            stderr.flush();
            return 3;
        }
    }

    /** A connection to the server at {@code socket}, or null when none answers. */
    public static SocketChannel connect(Path socket) {
        if (!socket.toFile().exists()) return null;
        try {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
                return ch;
            } catch (IOException e) {
                ch.close();
                return null;
            }
        } catch (IOException e) {
            return null;
        }
    }

    /** Starts {@code ferrite server} detached (its own session, output to a log beside the socket). */
    private static void startServer(Path socket) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (new File("/usr/bin/setsid").canExecute()) cmd.add("/usr/bin/setsid");
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String opts = System.getProperty("ferrite.server.opts", "");
        for (String o : opts.trim().split("\\s+")) if (!o.isEmpty()) cmd.add(o);
        cmd.add("-cp");
        cmd.add(System.getProperty("ferrite.server.cp"));
        cmd.add("dev.ferrite.cli.Main");
        cmd.add("server");
        cmd.add("--socket");
        cmd.add(socket.toString());
        cmd.add("--idle-minutes");
        cmd.add(System.getProperty("ferrite.server.idle", "10"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        File log = log(socket).toFile();
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        closeQuietly(p.getInputStream());
    }

    private static Path log(Path socket) {
        String n = socket.getFileName().toString();
        return socket.resolveSibling(n.substring(0, n.length() - ".sock".length()) + ".log");
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
