package dev.ferrite.cli;

import dev.ferrite.client.Protocol;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ferrite server}: the warm JVM behind the per-file command of kbuild (see {@link Server}). */
@Command(name = "server", header = "Serve per-file checks (kbuild's CHECK) from one warm JVM.",
        mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "",
            "bin/ferrite starts it on demand when kbuild calls ferrite (sparse's -Wbitwise among the arguments, or "
                    + "FERRITE_SERVER=1) and hands each file to it over a Unix domain socket in $XDG_RUNTIME_DIR/ferrite "
                    + "(or /tmp/ferrite-USER). It stops by itself when idle. FERRITE_SERVER=0 turns it off.",
            "",
        })
final class ServerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--socket", paramLabel = "PATH", description = "The socket (default: the one bin/ferrite's client uses).")
    Path socket;

    @Option(names = "--idle-minutes", paramLabel = "N", description = "Stop after N minutes without a request (default: 10).")
    double idleMinutes = 10;

    @Option(names = "--stop", description = "Stop the running server.")
    boolean stop;

    @Option(names = "--status", description = "Say whether a server runs (exit code 0 if it does, 1 if not).")
    boolean status;

    @Override
    public Integer call() throws IOException {
        Path sock = socket != null ? socket : defaultSocket();
        if (stop || status) {
            boolean up = request(sock, stop ? Protocol.STOP : Protocol.PING);
            spec.commandLine().getErr().println("ferrite: server " + (up ? (stop ? "stopped" : "running") : "not running")
                    + " (" + sock + ")");
            return up ? ExitCodes.CLEAN : ExitCodes.FINDINGS;
        }
        if (idleMinutes <= 0) {
            spec.commandLine().getErr().println("ferrite: --idle-minutes must be more than 0");
            return ExitCodes.USAGE;
        }
        Files.createDirectories(sock.toAbsolutePath().getParent());
        return new Server(sock, (long) (idleMinutes * 60_000), spec.commandLine().getErr()).serve();
    }

    /** The socket of this build of Ferrite, as the client computes it. */
    static Path defaultSocket() throws IOException {
        String jar = System.getProperty("ferrite.jar");
        Path p;
        if (jar != null) {
            p = Path.of(jar);
        } else {
            try {
                p = Path.of(ServerCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (java.net.URISyntaxException e) {
                throw new IOException(e);
            }
        }
        return Protocol.socket(Protocol.runtimeDir(), p);
    }

    /** Sends a PING or STOP; whether a server answered. */
    static boolean request(Path sock, byte kind) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(sock));
            DataOutputStream out = new DataOutputStream(Channels.newOutputStream(ch));
            out.writeInt(Protocol.MAGIC);
            out.writeByte(kind);
            out.flush();
            DataInputStream in = new DataInputStream(Channels.newInputStream(ch));
            return in.readByte() == Protocol.EXIT && in.readInt() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
