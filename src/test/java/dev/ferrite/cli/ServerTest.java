package dev.ferrite.cli;

import static dev.ferrite.cli.Cli.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferrite.client.Client;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferrite server} and its client: per-request results, concurrent clients, stop and idle exit. */
class ServerTest {
    record Reply(int exit, String out, String err) {
    }

    static Reply send(Path socket, Path cwd, String... args) throws IOException {
        SocketChannel ch = null;
        for (int i = 0; i < 600 && ch == null; i++) { // the server may still be binding
            ch = Client.connect(socket);
            if (ch == null) sleep(50);
        }
        assertThat(ch).as("server at " + socket).isNotNull();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Client.exchange(ch, cwd.toString(), args, out, err);
        return new Reply(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread start(Server server, int[] code) {
        Thread t = new Thread(() -> {
            try {
                code[0] = server.serve();
            } catch (IOException e) {
                code[0] = -1;
            }
        });
        t.start();
        return t;
    }

    @Test
    void answersConcurrentClientsEachWithItsOwnResult(@TempDir Path dir) throws Exception {
        int files = 4;
        for (int i = 0; i < files; i++) {
            // file i frees and uses its buffer on line 5 + i: each reply must name its own file and line
            StringBuilder src = new StringBuilder("void *malloc(unsigned long n);\nvoid free(void *p);\n");
            src.append("int f").append(i).append("(void)\n{\n");
            for (int k = 0; k < i; k++) src.append("\t/* padding */\n");
            src.append("\tint *p = malloc(4);\n\tif (!p)\n\t\treturn 0;\n\tfree(p);\n\treturn *p;\n}\n");
            write(dir.resolve("src/f" + i + ".c"), src.toString());
        }
        Path socket = dir.resolve("run/s.sock");
        Files.createDirectories(socket.getParent());
        StringWriter log = new StringWriter();
        Server server = new Server(socket, 600_000, new PrintWriter(log));
        int[] code = {-2};
        Thread t = start(server, code);
        ExecutorService clients = Executors.newFixedThreadPool(files);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < files; i++) {
                    String f = "f" + i + ".c";
                    replies.add(clients.submit(() -> send(socket, dir.resolve("src"), "-D__CHECKER__", "-Wbitwise", "--no-cache", f)));
                }
            }
            for (int n = 0; n < replies.size(); n++) {
                int i = n % files;
                Reply r = replies.get(n).get(2, TimeUnit.MINUTES);
                assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.CLEAN);
                assertThat(r.out()).isEmpty();
                assertThat(r.err()).contains("f" + i + ".c:" + (9 + i) + ":").contains("-Wferrite-use-after-free");
                for (int j = 0; j < files; j++) if (j != i) assertThat(r.err()).doesNotContain("f" + j + ".c");
            }
            Reply usage = send(socket, dir, "check", "--format", "xml", "x.c");
            assertThat(usage.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(ServerCommand.request(socket, dev.ferrite.client.Protocol.PING)).isTrue();
        } finally {
            clients.shutdownNow();
            assertThat(ServerCommand.request(socket, dev.ferrite.client.Protocol.STOP)).isTrue();
            t.join(60_000);
        }
        assertThat(t.isAlive()).isFalse();
        assertThat(code[0]).isZero();
        assertThat(socket).doesNotExist();
        assertThat(log.toString()).contains("exit 0 in");
    }

    @Test
    void stopsWhenIdleAndASecondServerDoesNotStart(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("s.sock");
        StringWriter log = new StringWriter();
        int[] code = {-2};
        Thread t = start(new Server(socket, 500, new PrintWriter(log)), code);
        for (int i = 0; i < 600 && !Files.exists(socket); i++) sleep(20);
        int second = new Server(socket, 500, new PrintWriter(new StringWriter())).serve();
        assertThat(second).isEqualTo(1);
        t.join(60_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(code[0]).isZero();
        assertThat(log.toString()).contains("idle");
        assertThat(socket).doesNotExist();
    }
}
