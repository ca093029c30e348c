package io.connectionsapi.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.connectionsapi.bench.Workload.Request;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * One of the two things measured, the server or its bare-driver twin: a JVM of its own on a loopback port, and the
 * client the benchmark talks to it with.
 */
final class Side implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    /** Generous: a bulk request on 100,000 connections of the embedded store takes seconds, not minutes. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

    private final String name;
    private final Process process;
    private final Path log;
    private final URI api;
    private final int port;
    private final String key;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** The IDs of the seeded connections, in seed order (each side assigns its own). */
    private final List<String> seeded = new ArrayList<>();

    private Side(String name, Process process, Path log, int port, String key) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.api = URI.create("http://127.0.0.1:" + port + "/connections/v1");
        this.port = port;
        this.key = key;
    }

    /**
     * Starts {@code command} (a java command line without the port) with the port appended by {@code portArgument}
     * and waits until {@code readyPath} answers 200. The environment is the benchmark's without MONGODB_URI and the
     * server's CONNECTIONS_* settings, so that only what the benchmark passes configures the side.
     */
    static Side start(String name, List<String> command, java.util.function.IntFunction<List<String>> portArguments,
            String readyPath, String key, Path log) throws IOException, InterruptedException {
        int port = freePort();
        List<String> full = new ArrayList<>(command);
        full.addAll(portArguments.apply(port));
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(variable -> variable.equals("MONGODB_URI") || variable.startsWith("CONNECTIONS_")
                || variable.equals("SERVER_PORT") || variable.startsWith("JAVA_TOOL_OPTIONS"));
        Side side = new Side(name, builder.start(), log, port, key);
        side.awaitReady(URI.create("http://127.0.0.1:" + port + readyPath));
        return side;
    }

    private void awaitReady(URI ready) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting; its log "
                        + log + " ends with:\n" + tail());
            }
            try {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (java.net.ConnectException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " was not ready after " + START_TIMEOUT + "; its log " + log + " ends with:\n" + tail());
    }

    String name() {
        return name;
    }

    List<String> seeded() {
        return seeded;
    }

    /** Sends a request, failing on any answer but a success; the answer's bytes and how long it took. */
    Timed send(Request request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(api + request.path()))
                .timeout(REQUEST_TIMEOUT).header("x-api-key", key);
        if (request.body() == null) {
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json")
                    .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
        }
        HttpRequest built = builder.build();
        long started = System.nanoTime();
        HttpResponse<byte[]> answer = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
        long nanos = System.nanoTime() - started;
        if (answer.statusCode() / 100 != 2) {
            String body = new String(answer.body(), UTF_8);
            throw new IllegalStateException(name + " answered " + request.method() + " " + request.path() + " with "
                    + answer.statusCode() + ": " + body.substring(0, Math.min(body.length(), 2000)));
        }
        return new Timed(answer.body(), nanos);
    }

    /** Sends a request whatever it is answered with: its status and how long it took. */
    Status status(Request request) throws IOException, InterruptedException {
        HttpRequest built = HttpRequest.newBuilder(URI.create(api + request.path())).timeout(REQUEST_TIMEOUT)
                .header("x-api-key", key).GET().build();
        long started = System.nanoTime();
        HttpResponse<Void> answer = http.send(built, HttpResponse.BodyHandlers.discarding());
        return new Status(answer.statusCode(), System.nanoTime() - started);
    }

    record Status(int code, long nanos) {
    }

    int port() {
        return port;
    }

    String key() {
        return key;
    }

    /** The JVM's resident memory (VmRSS) in MiB, or -1 where /proc does not tell. */
    long residentMib() {
        try {
            return Files.readAllLines(Path.of("/proc/" + process.pid() + "/status")).stream()
                    .filter(line -> line.startsWith("VmRSS:")).mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024)
                    .findFirst().orElse(-1);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Sends a request and reads its answer. */
    Document call(Request request) throws IOException, InterruptedException {
        return send(request).json();
    }

    record Timed(byte[] body, long nanos) {
        Document json() {
            return Document.parse(new String(body, UTF_8));
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Stops the JVM as an operator would (SIGTERM, so the server shuts down gracefully), forcibly if it hangs. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** For a shutdown hook: the benchmark was interrupted, leave nothing running. */
    void kill() {
        process.destroyForcibly();
    }
}
