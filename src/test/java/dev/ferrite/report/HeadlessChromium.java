package dev.ferrite.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives Debian's {@code chromium} in headless mode through the DevTools protocol, over the JDK's own
 * WebSocket client (no browser driver, no extra dependency): open a page, evaluate expressions, click
 * with real mouse events, take screenshots.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());

    /** The chromium binary: $CHROMIUM, else /usr/bin/chromium; null when there is none. */
    static Path binary() {
        String env = System.getenv("CHROMIUM");
        for (String c : new String[] {env, "/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
            if (c != null && Files.isExecutable(Path.of(c))) return Path.of(c);
        }
        return null;
    }

    HeadlessChromium(Path binary) throws IOException, InterruptedException {
        profile = Files.createTempDirectory("ferrite-chromium");
        ProcessBuilder pb = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--remote-debugging-port=0",
                "--remote-allow-origins=*", "--user-data-dir=" + profile, "--window-size=1280,900", "about:blank");
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        process = pb.start();
        String wsUrl = awaitDevTools();
        int port = URI.create(wsUrl).getPort();
        HttpClient http = HttpClient.newHttpClient();
        String pageUrl = null;
        for (int tries = 0; tries < 100 && pageUrl == null; tries++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode t : JSON.readTree(r.body())) {
                if ("page".equals(t.path("type").asText())) pageUrl = t.path("webSocketDebuggerUrl").asText();
            }
            if (pageUrl == null) Thread.sleep(100);
        }
        if (pageUrl == null) throw new IOException("chromium opened no page; log:\n" + String.join("\n", log));
        try {
            socket = http.newWebSocketBuilder().connectTimeout(TIMEOUT).buildAsync(URI.create(pageUrl), new Listener())
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("cannot connect to chromium's DevTools: " + e, e);
        }
        call("Page.enable", JSON.createObjectNode());
        call("Runtime.enable", JSON.createObjectNode());
    }

    private String awaitDevTools() throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                String line;
                while ((line = err.readLine()) != null) {
                    log.add(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) url.complete(m.group(1));
                }
                url.completeExceptionally(new IOException("chromium exited"));
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
        }, "chromium-stderr");
        t.setDaemon(true);
        t.start();
        try {
            return url.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("chromium did not start its DevTools server: " + e + "\n" + String.join("\n", log), e);
        }
    }

    /** Sends one DevTools command and waits for its result. */
    JsonNode call(String method, ObjectNode params) throws IOException {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", params);
        socket.sendText(JSON.writeValueAsString(msg), true).join();
        JsonNode r;
        try {
            r = f.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException(method + ": no answer: " + e, e);
        }
        if (r.has("error")) throw new IOException(method + ": " + r.get("error"));
        return r.path("result");
    }

    /** Opens {@code url} and waits until the page has loaded. */
    void open(String url) throws IOException, InterruptedException {
        call("Page.navigate", JSON.createObjectNode().put("url", url));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode v = eval("document.readyState === 'complete' && location.href");
            if (v.isTextual() && v.asText().equals(url)) return;
            Thread.sleep(50);
        }
        throw new IOException("page did not load: " + url);
    }

    /**
     * The page's address once it ends with {@code suffix}, or the last one seen when the timeout passes:
     * a click on a link starts a navigation that has not always happened when the click returns.
     */
    String awaitLocation(String suffix) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String href = "";
        while (System.nanoTime() < deadline) {
            try {
                href = eval("location.href").asText();
            } catch (IOException e) {
                // the old page's context went away mid-navigation: ask again
            }
            if (href.endsWith(suffix)) break;
            Thread.sleep(50);
        }
        return href;
    }

    /** Evaluates a JavaScript expression in the page; its value as JSON. */
    JsonNode eval(String expression) throws IOException {
        JsonNode r = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression).put("returnByValue", true));
        if (r.has("exceptionDetails")) throw new IOException("script failed: " + r.get("exceptionDetails"));
        return r.path("result").path("value");
    }

    /** Clicks the middle of the element {@code selector} selects, with mouse events as a user's. */
    void click(String selector) throws IOException {
        String q = JSON.writeValueAsString(selector);
        JsonNode box = eval("(function(){var e=document.querySelector(" + q + ");if(!e)return null;e.scrollIntoView();"
                + "var r=e.getBoundingClientRect();return {x:r.left+r.width/2,y:r.top+r.height/2};})()");
        if (box.isNull() || box.isMissingNode()) throw new IOException("nothing matches " + selector);
        for (String type : new String[] {"mousePressed", "mouseReleased"}) {
            call("Input.dispatchMouseEvent", JSON.createObjectNode().put("type", type).put("x", box.get("x").asDouble())
                    .put("y", box.get("y").asDouble()).put("button", "left").put("clickCount", 1));
        }
    }

    /** Saves a PNG screenshot of the whole page. */
    void screenshot(Path png) throws IOException {
        ObjectNode p = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
        JsonNode r = call("Page.captureScreenshot", p);
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode(r.get("data").asText()));
    }

    @Override
    public void close() {
        try {
            if (socket != null) socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the browser is stopped below anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var s = Files.walk(profile)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            // a temporary profile left behind is harmless (Chromium's helper processes may still be
            // removing their own files while we walk it: the walk then fails on a vanished file)
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode msg = JSON.readTree(text.toString());
                    if (msg.has("id")) {
                        CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
                        if (f != null) f.complete(msg);
                    }
                } catch (IOException e) {
                    log.add("bad DevTools message: " + e);
                }
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }
}
