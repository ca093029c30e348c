package io.connectionsapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.connectionsapi.store.EmbeddedStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar as built, run as the container image and the README run it: on the application context Spring generated
 * ahead of time ({@code -Dspring.aot.enabled=true}, from the build's {@code process-aot}). That context fixes every
 * {@code @Conditional} when the jar is built; these check that the store is still chosen when the server starts,
 * the embedded store without MONGODB_URI and the MongoDB it names with one, and that requests are served; and that
 * the README's jar line, as written, starts from the start archive {@code package} trained. Run by failsafe after
 * {@code package}, which is when the jar and the archive exist.
 */
class AotStartIT {

    private static final String KEY = "aot-start-test-key-0123456789abcdef";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void theReadmesJarLineStartsFromTheStartArchive() throws Exception {
        List<String> line = readmeJarLine();
        assertThat(line).contains("-Dspring.aot.enabled=true").anyMatch(word -> word.startsWith("-XX:SharedArchiveFile="));
        List<String> command = new ArrayList<>(line);
        command.set(0, java());
        // the README leaves -Xshare at auto, where a start that cannot use the archive goes on without it, only
        // slower; on, it fails instead (an archive of another JVM, another class path, a missing file)
        command.add(1, "-Xshare:on");
        try (Server server = start(command, null, Path.of("").toAbsolutePath())) {
            assertThat(server.log()).contains("Starting AOT-processed ConnectionsApiApplication")
                    .contains("Store: embedded MongoDB-protocol server").doesNotContainIgnoringCase("[cds]")
                    .doesNotContainIgnoringCase("[aot]");
            createAndList(server);
        }
    }

    /** The {@code java} command of the README's "Or build the jar and run that" block, its lines joined. */
    private static List<String> readmeJarLine() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int block = readme.indexOf("```sh", readme.indexOf("Or build the jar and run that"));
        String commands = readme.substring(block + "```sh".length(), readme.indexOf("```", block + 5))
                .replace("\\\n", " ");
        String java = commands.lines().map(String::trim).filter(l -> l.startsWith("java ")).findFirst().orElseThrow();
        return List.of(java.split("\\s+"));
    }

    @Test
    void withoutMongodbUriTheEmbeddedStoreServes() throws Exception {
        try (Server server = start(null)) {
            assertThat(server.log()).contains("Starting AOT-processed ConnectionsApiApplication")
                    .contains("Store: embedded MongoDB-protocol server");
            createAndList(server);
        }
        assertThat(dir.resolve("data").resolve("connections.mv.db")).exists();
    }

    @Test
    void withMongodbUriThatStoreServesAndNoEmbeddedOneStarts() throws Exception {
        // another MongoDB-protocol server for the URI to name: the embedded store's engine, in this JVM
        try (EmbeddedStore mongodb = EmbeddedStore.start(dir.resolve("mongodb"), false);
                Server server = start(mongodb.connectionString());
                MongoClient client = MongoClients.create(mongodb.connectionString())) {
            assertThat(server.log()).contains("Starting AOT-processed ConnectionsApiApplication")
                    .contains("Store: MongoDB at 127.0.0.1:").doesNotContain("Store: embedded");
            createAndList(server);
            assertThat(client.getDatabase("connections").getCollection("connections")
                    .countDocuments(new Document("connection_from_entity.connection_entity_id", "team-aot")))
                    .as("the connection, in the MongoDB the URI names").isEqualTo(1);
        }
        assertThat(dir.resolve("data").resolve("connections.mv.db")).as("no embedded store file").doesNotExist();
    }

    private static void createAndList(Server server) throws Exception {
        HttpResponse<String> created = server.send("POST", "/connections/v1/connections", """
                {"connections": [{"strength": 75,
                  "connection_from_entity": {"connection_entity_id": "team-aot", "connection_entity_type": "TEAM"},
                  "connection_to_entity": {"connection_entity_id": "room-aot", "connection_entity_type": "ROOM"}}]}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        HttpResponse<String> listed = server.send("GET", "/connections/v1/connections?entity_id=room-aot", null);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(listed.body()).contains("\"total_results\":1").contains("\"connection_entity_id\":\"team-aot\"");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Starts the jar in a JVM of its own, AOT mode on, and waits until it is ready. */
    private Server start(@Nullable String mongodbUri) throws Exception {
        return start(List.of(java(), "-Xmx512m", "-Dspring.aot.enabled=true", "-jar", System.getProperty("connections.jar")),
                mongodbUri, dir);
    }

    /** Runs {@code launch} and the test's settings in {@code workingDirectory}, and waits until it is ready. */
    private Server start(List<String> launch, @Nullable String mongodbUri, Path workingDirectory) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = dir.resolve("server.log");
        List<String> command = new ArrayList<>(launch);
        command.addAll(List.of("--server.port=" + port,
                "--connections.store.data-dir=" + dir.resolve("data"),
                "--connections.store.mongodb-uri=" + (mongodbUri == null ? "" : mongodbUri),
                "--connections.security.api-key=" + KEY));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        // none of the settings of the environment the tests run in (CI sets MONGODB_URI)
        builder.environment().keySet().removeIf(name -> name.startsWith("CONNECTIONS_") || name.startsWith("MONGODB_")
                || name.startsWith("SERVER_") || name.startsWith("SPRING_"));
        Server server = new Server(builder.start(), port, log);
        Instant deadline = Instant.now().plusSeconds(90);
        while (true) {
            if (!server.process.isAlive()) {
                fail("The server exited with %d before it was ready; its output:%n%s", server.process.exitValue(), server.log());
            }
            try {
                if (server.send("GET", "/actuator/health/readiness", null).statusCode() == 200) {
                    return server;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (Instant.now().isAfter(deadline)) {
                server.close();
                fail("The server was not ready within 90 s; its output:%n%s", server.log());
            }
            Thread.sleep(100);
        }
    }

    private record Server(Process process, int port, Path logFile) implements AutoCloseable {

        HttpResponse<String> send(String method, String path, @Nullable String body) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30)).header("x-api-key", KEY);
            if (body != null) {
                request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        String log() throws IOException {
            return Files.readString(logFile);
        }

        /** SIGTERM, as a container stop: the graceful shutdown closes the store. */
        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
