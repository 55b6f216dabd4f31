package dev.ferrite.cli;

import static dev.ferrite.cli.Cli.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferrite.client.Client;
import dev.ferrite.client.Protocol;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/ferrite-client.py, the cheap client of kbuild's per-file calls: finds the same socket as the JVM client,
 * gets the same answer (output, warnings, exit code) for the same call, and steps aside (exit 125) when no
 * server runs, so that bin/ferrite falls back to the JVM client.
 */
class PythonClientTest {
    private static final Path SCRIPT = Path.of("bin", "ferrite-client.py").toAbsolutePath();

    private static String python() {
        for (String p : new String[] {"/usr/bin/python3", "/usr/local/bin/python3"}) {
            if (new File(p).canExecute()) return p;
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
                File f = new File(d, "python3");
                if (f.canExecute()) return f.getPath();
            }
        }
        return null;
    }

    private static ServerTest.Reply python(String python, Path xdg, Path jar, Path cwd, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(python, "-S", "-E", SCRIPT.toString(), jar.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().put("XDG_RUNTIME_DIR", xdg.toString());
        pb.environment().put("LC_ALL", "C.UTF-8");
        Path out = Files.createTempFile(xdg, "out", ".txt");
        Path err = Files.createTempFile(xdg, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new ServerTest.Reply(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void answersAsTheJvmClientDoesAndStepsAsideWithoutAServer(@TempDir Path dir) throws Exception {
        String python = python();
        Assumptions.assumeTrue(python != null, "python3 is not installed");
        Path src = dir.resolve("src");
        write(src.resolve("uaf.c"), "void *malloc(unsigned long n);\nvoid free(void *p);\nint f(void)\n{\n"
                + "\tint *p = malloc(4);\n\tif (!p)\n\t\treturn 0;\n\tfree(p);\n\treturn *p;\n}\n");
        Path jar = write(dir.resolve("jar/ferrite.jar"), "not really a jar");
        Path xdg = Files.createDirectory(dir.resolve("xdg"));
        Path runtime = Files.createDirectory(xdg.resolve("ferrite"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path socket = Protocol.socket(runtime, jar);

        // no server yet: exit 125 and nothing printed, so that bin/ferrite runs the JVM client (which starts one)
        assertThat(python(python, xdg, jar, src, "-D__CHECKER__", "uaf.c")).isEqualTo(new ServerTest.Reply(Client.FALLBACK, "", ""));

        Server server = new Server(socket, 600_000, new PrintWriter(new StringWriter()));
        int[] code = {-2};
        Thread t = new Thread(() -> {
            try {
                code[0] = server.serve();
            } catch (IOException e) {
                code[0] = -1;
            }
        });
        t.start();
        try {
            String[][] calls = {
                {"-D__CHECKER__", "-Wbitwise", "--no-cache", "uaf.c"},
                {"-D__CHECKER__", "-Wbitwise", "--no-cache", "--werror", "uaf.c"},
                {"-D__CHECKER__", "--no-cache", "-DNAME=\"d\u00e9j\u00e0 \u20ac \ud83d\ude00\"", "gone-\u00e9\ud83d\ude00.c"},
                {"check", "--format", "xml", "uaf.c"},
            };
            ServerTest.Reply first = ServerTest.send(socket, src, calls[0]); // waits for the server to listen
            assertThat(first.err()).contains("uaf.c:9:").contains("warning:").contains("[-Wferrite-use-after-free]");
            // arguments reach the client as bytes: non-ASCII ones only when this JVM encodes them in UTF-8
            boolean utf8 = "UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding"));
            for (String[] call : calls) {
                if (!utf8 && call == calls[2]) continue;
                ServerTest.Reply viaJava = ServerTest.send(socket, src, call);
                ServerTest.Reply viaPython = python(python, xdg, jar, src, call);
                assertThat(viaPython).as(String.join(" ", call)).isEqualTo(viaJava);
            }
            assertThat(python(python, xdg, jar, src, calls[1]).exit()).isEqualTo(ExitCodes.FINDINGS);
            if (utf8) assertThat(python(python, xdg, jar, src, calls[2]).err()).contains("gone-\u00e9\ud83d\ude00.c");
        } finally {
            assertThat(ServerCommand.request(socket, Protocol.STOP)).isTrue();
            t.join(60_000);
        }
        assertThat(code[0]).isZero();
        // stopped: steps aside again
        assertThat(python(python, xdg, jar, src, "-D__CHECKER__", "uaf.c").exit()).isEqualTo(Client.FALLBACK);
    }
}
