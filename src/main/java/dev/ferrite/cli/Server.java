package dev.ferrite.cli;

import dev.ferrite.client.Protocol;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ferrite server}: runs ferrite's per-file command for clients ({@link dev.ferrite.client.Client}) in
 * one warm JVM. Each request is a separate run of {@link Main#execute} with its own working directory,
 * arguments and output, so results never mix; requests run concurrently (make -j) on a pool as large as
 * the machine has cores. One server per socket: a lock file beside it keeps a second one from starting.
 * The server stops after {@code idle} with no request, and on a STOP request.
 */
final class Server {
    /** Deeply nested expressions need large stacks (as in {@link FrontEndRunner}). */
    private static final long STACK_SIZE = 256L << 20;

    private final Path socket;
    private final long idleMillis;
    private final PrintWriter log;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicLong lastActivity = new AtomicLong(System.currentTimeMillis());
    private volatile ServerSocketChannel channel;

    Server(Path socket, long idleMillis, PrintWriter log) {
        this.socket = socket;
        this.idleMillis = idleMillis;
        this.log = log;
    }

    /** Serves until idle or stopped; 0, or 1 when another server holds the socket. */
    int serve() throws IOException {
        Path lockFile = socket.resolveSibling(socket.getFileName() + ".lock");
        try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = tryLock(lockChannel)) {
            if (lock == null) {
                log("another server holds " + lockFile);
                return 1;
            }
            Files.deleteIfExists(socket); // left by a server that died
            int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
            AtomicInteger n = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(null, r, "ferrite-server-" + n.incrementAndGet(), STACK_SIZE);
                t.setDaemon(true);
                return t;
            });
            ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ferrite-server-idle");
                t.setDaemon(true);
                return t;
            });
            try (ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.bind(UnixDomainSocketAddress.of(socket));
                channel = ch;
                long period = Math.max(200, Math.min(idleMillis / 4, 10_000));
                watchdog.scheduleAtFixedRate(this::stopIfIdle, period, period, TimeUnit.MILLISECONDS);
                log("listening on " + socket + " (stops after " + idleMillis / 1000 + " s idle)");
                while (true) {
                    SocketChannel c;
                    try {
                        c = ch.accept();
                    } catch (ClosedChannelException e) {
                        break; // stopped
                    }
                    active.incrementAndGet();
                    lastActivity.set(System.currentTimeMillis());
                    pool.submit(() -> handle(c));
                }
            } finally {
                watchdog.shutdownNow();
                pool.shutdown();
                try {
                    pool.awaitTermination(10, TimeUnit.MINUTES); // let running requests answer
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                Files.deleteIfExists(socket);
                log("stopped");
            }
        }
        return 0;
    }

    /** The lock, or null when another server (in this JVM or another) holds it. */
    private static FileLock tryLock(FileChannel ch) throws IOException {
        try {
            return ch.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return null;
        }
    }

    private void stopIfIdle() {
        if (active.get() == 0 && System.currentTimeMillis() - lastActivity.get() >= idleMillis) {
            log("idle for " + idleMillis / 1000 + " s");
            stop();
        }
    }

    private void stop() {
        try {
            Files.deleteIfExists(socket); // new clients start a new server from now on
            ServerSocketChannel ch = channel;
            if (ch != null) ch.close();
        } catch (IOException e) {
            log("stopping: " + e.getMessage());
        }
    }

    private void handle(SocketChannel c) {
        try (c) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(c)));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(c)));
            if (in.readInt() != Protocol.MAGIC) return;
            byte kind = in.readByte();
            if (kind == Protocol.PING) {
                frame(out, Protocol.EXIT, 0);
            } else if (kind == Protocol.STOP) {
                frame(out, Protocol.EXIT, 0);
                out.flush();
                log("stop requested");
                stop();
            } else if (kind == Protocol.RUN) {
                String cwd = in.readUTF();
                String[] args = new String[in.readInt()];
                for (int i = 0; i < args.length; i++) args[i] = in.readUTF();
                run(cwd, args, out);
            }
            out.flush();
        } catch (IOException e) {
            log("request failed: " + e.getMessage());
        } finally {
            lastActivity.set(System.currentTimeMillis());
            active.decrementAndGet();
        }
    }

    private void run(String cwd, String[] args, DataOutputStream out) throws IOException {
        long t0 = System.nanoTime();
        StringWriter so = new StringWriter();
        StringWriter se = new StringWriter();
        int code;
        try (PrintWriter o = new PrintWriter(so); PrintWriter e = new PrintWriter(se)) {
            try {
                code = Main.execute(Path.of(cwd), args, o, e);
            } catch (Throwable t) { // one request never takes the server down
                Main.internalError(e, t, false);
                code = ExitCodes.INTERNAL;
            }
        }
        bytes(out, Protocol.STDOUT, so.toString());
        bytes(out, Protocol.STDERR, se.toString());
        frame(out, Protocol.EXIT, code);
        String file = args.length > 0 ? args[args.length - 1] : "";
        log("exit " + code + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms: " + cwd + " " + file);
    }

    private static void bytes(DataOutputStream out, byte kind, String text) throws IOException {
        if (text.isEmpty()) return;
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        frame(out, kind, b.length);
        out.write(b);
    }

    private static void frame(DataOutputStream out, byte kind, int n) throws IOException {
        out.writeByte(kind);
        out.writeInt(n);
    }

    private void log(String msg) {
        synchronized (log) {
            log.println(LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " ferrite server: " + msg);
            log.flush();
        }
    }
}
