package io.kehu.server.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A real headless Chromium driven over the DevTools protocol (a WebSocket, JSON messages): the console's
 * scripts run as in a user's browser, with no driver binary or browser library to download. Script
 * exceptions, {@code console.error} calls and the browser's own error log entries are collected.
 */
final class HeadlessChromium implements AutoCloseable {

    /** Where Debian's {@code chromium} package puts it; {@code KEHU_CHROMIUM} names another. */
    static Optional<Path> executable() {
        String named = System.getenv("KEHU_CHROMIUM");
        for (String candidate : named != null ? List.of(named)
                : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            Path p = Path.of(candidate);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> answers = new ConcurrentHashMap<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();

    private HeadlessChromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /** Starts a fresh browser (its own empty profile in {@code dir}) showing a blank page, in {@code language}. */
    static HeadlessChromium start(Path executable, Path dir, String language) throws Exception {
        Path profile = Files.createDirectories(dir.resolve("profile"));
        // The flags keep Chromium off the network it would call at start, which this machine refuses.
        ProcessBuilder command = new ProcessBuilder(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--lang=" + language, "--accept-lang=" + language, "--user-data-dir=" + profile,
                "--remote-debugging-port=0", "about:blank")
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile());
        // On Linux the page's navigator.language follows the environment, not only the flags.
        command.environment().put("LANGUAGE", language.replace('-', '_'));
        Process process = command.start();
        try {
            Path portFile = profile.resolve("DevToolsActivePort");
            await().atMost(WAIT).until(() -> Files.exists(portFile) && Files.readAllLines(portFile).size() >= 2);
            int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
            HttpClient http = HttpClient.newHttpClient();
            JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
            String page = null;
            for (JsonNode t : targets) {
                if ("page".equals(t.path("type").asText())) {
                    page = t.path("webSocketDebuggerUrl").asText();
                }
            }
            if (page == null) {
                throw new IllegalStateException("Chromium shows no page: " + targets);
            }
            HeadlessChromium[] self = new HeadlessChromium[1];
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(page), new Listener(m -> self[0].receive(m)))
                    .get(30, TimeUnit.SECONDS);
            self[0] = new HeadlessChromium(process, socket);
            for (String domain : List.of("Runtime", "Log", "Page")) {
                self[0].send(domain + ".enable", JSON.createObjectNode());
            }
            return self[0];
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Opens {@code url} and waits until the page has loaded. */
    void open(String url) throws Exception {
        ObjectNode params = JSON.createObjectNode().put("url", url);
        send("Page.navigate", params);
        waitUntil("document.readyState === 'complete'");
    }

    /** The value of a JavaScript expression in the page; a promise is awaited. */
    JsonNode evaluate(String expression) throws Exception {
        ObjectNode params = JSON.createObjectNode().put("expression", expression).put("returnByValue", true)
                .put("awaitPromise", true);
        JsonNode result = send("Runtime.evaluate", params);
        if (result.has("exceptionDetails")) {
            throw new AssertionError("The page threw on `" + expression + "`: " + result.path("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Waits until {@code expression} is true in the page (the console renders asynchronously). */
    void waitUntil(String expression) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> evaluate(expression).asBoolean());
    }

    /** The page's text, as a user reads it. */
    String text(String selector) throws Exception {
        return evaluate("(document.querySelector(" + JSON.writeValueAsString(selector) + ") || {}).innerText || ''").asText();
    }

    /**
     * Chooses {@code files} in the file input {@code selector}, as a user does in the file dialog (which a headless
     * browser has not): the page sees them in {@code input.files} and gets its {@code input} and {@code change} events.
     */
    void chooseFiles(String selector, Path... files) throws Exception {
        ObjectNode find = JSON.createObjectNode().put("expression", "document.querySelector(" + JSON.writeValueAsString(selector) + ")");
        JsonNode input = send("Runtime.evaluate", find).path("result");
        if (!input.has("objectId")) {
            throw new AssertionError("No element " + selector + " to choose files in");
        }
        ObjectNode params = JSON.createObjectNode().put("objectId", input.path("objectId").asText());
        ArrayNode paths = params.putArray("files");
        for (Path file : files) {
            paths.add(file.toAbsolutePath().toString());
        }
        send("DOM.setFileInputFiles", params);
    }

    /** Saves what the page downloads into {@code dir} (a headless browser saves nothing by default). */
    void downloadTo(Path dir) throws Exception {
        send("Browser.setDownloadBehavior", JSON.createObjectNode().put("behavior", "allow")
                .put("downloadPath", dir.toAbsolutePath().toString()));
    }

    /** Script exceptions, console errors and the browser's error log (failed loads among them) so far. */
    List<String> errors() {
        return List.copyOf(errors);
    }

    private JsonNode send(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        answers.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        socket.sendText(JSON.writeValueAsString(message), true).get(30, TimeUnit.SECONDS);
        JsonNode reply = answer.get(30, TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IllegalStateException(method + " failed: " + reply.path("error"));
        }
        return reply.path("result");
    }

    private void receive(String text) {
        JsonNode m;
        try {
            m = JSON.readTree(text);
        } catch (IOException e) {
            errors.add("unreadable DevTools message: " + e.getMessage());
            return;
        }
        if (m.has("id")) {
            CompletableFuture<JsonNode> answer = answers.remove(m.path("id").asInt());
            if (answer != null) {
                answer.complete(m);
            }
            return;
        }
        JsonNode p = m.path("params");
        switch (m.path("method").asText()) {
            case "Runtime.exceptionThrown" -> errors.add("exception: " + p.path("exceptionDetails").path("exception")
                    .path("description").asText(p.path("exceptionDetails").path("text").asText()));
            case "Runtime.consoleAPICalled" -> {
                if ("error".equals(p.path("type").asText())) {
                    errors.add("console.error: " + p.path("args"));
                }
            }
            case "Log.entryAdded" -> {
                if ("error".equals(p.path("entry").path("level").asText())) {
                    errors.add(p.path("entry").path("source").asText() + ": " + p.path("entry").path("text").asText()
                            + " " + p.path("entry").path("url").asText());
                }
            }
            default -> { }
        }
    }

    @Override
    public void close() {
        // Chromium's helpers (renderer, zygote, crash handler) outlive the browser process for a moment and keep
        // writing into its profile: stop them all and wait, so the profile folder can be deleted afterwards.
        List<ProcessHandle> helpers = process.descendants().toList();
        socket.abort();
        process.destroy();
        helpers.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            for (ProcessHandle helper : helpers) {
                try {
                    helper.onExit().get(5, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                    helper.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            helpers.forEach(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        }
    }

    /** Joins a message's fragments before handing it on. */
    private static final class Listener implements WebSocket.Listener {
        private final Consumer<String> onMessage;
        private final StringBuilder partial = new StringBuilder();

        Listener(Consumer<String> onMessage) {
            this.onMessage = onMessage;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                onMessage.accept(message);
            }
            ws.request(1);
            return null;
        }
    }
}
