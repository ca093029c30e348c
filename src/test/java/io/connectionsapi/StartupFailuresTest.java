package io.connectionsapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.connectionsapi.store.EmbeddedStore;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start that cannot succeed, for an invalid setting or a reason outside the server, says so in one report, what
 * happened and what to do, without a stack trace, exits non-zero, and leaves no generated API key behind. Each case runs the server as
 * a person does: its own JVM, the default logging (the tests' logback-test.xml is left out of its classpath).
 */
class StartupFailuresTest {

    /** A clean failing start prints about 25 lines; a cascade of Tomcat errors or a stack trace is far more. */
    private static final int MAX_LINES = 40;

    @TempDir
    Path dataDir;

    @Test
    void invalidSetting() throws Exception {
        Run run = start("connections.rate-limit.burst=0");

        run.assertOneReport("    Reason: must be greater than or equal to 1", "Update your application's configuration");
        assertThat(run.output()).contains("Origin: \"connections.rate-limit.burst\" from property source \"commandLineArgs\"");
        run.assertNoKeyGenerated();
    }

    @Test
    void mongoDbUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Run run = start("connections.store.mongodb-uri=mongodb://127.0.0.1:" + closedPort + "/startup");

        run.assertOneReport("MongoDB at 127.0.0.1:" + closedPort + " (MONGODB_URI) cannot be reached: Connection refused.",
                "Start MongoDB, or correct MONGODB_URI");
        run.assertNoKeyGenerated();
    }

    @Test
    void dataDirectoryInUseByAnotherServer() throws Exception {
        Run run;
        try (EmbeddedStore running = EmbeddedStore.start(dataDir, false)) {
            run = start();
        }
        run.assertOneReport("The data directory " + dataDir.toAbsolutePath() + " (CONNECTIONS_DATA_DIR) is in use by another"
                + " process, most likely another connections-api server: its store file connections.mv.db is locked.",
                "Stop the other server, or give this one a data directory of its own with CONNECTIONS_DATA_DIR");
        run.assertNoKeyGenerated();
    }

    @Test
    void portInUse() throws Exception {
        Run run;
        int port;
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0)); // every interface, as the server binds
            port = taken.getLocalPort();
            run = start("server.port=" + port);
        }
        run.assertOneReport("Port " + port + " (SERVER_PORT) is in use by another process.",
                "Stop the process that listens on port " + port + ", or set SERVER_PORT to a free port");
        run.assertNoKeyGenerated();
        // the store had been opened: it holds no key either, so the next start generates the first one
        try (EmbeddedStore store = EmbeddedStore.start(dataDir, false); MongoClient client = MongoClients.create(store.connectionString())) {
            assertThat(client.getDatabase("connections").getCollection("api_keys").countDocuments(new Document()))
                    .as("keys stored by the failed start").isZero();
        }
    }

    /** Starts the server in a JVM of its own with the embedded store in {@link #dataDir}, and waits for it to exit. */
    private Run start(String... arguments) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server.port", "0");
        settings.put("connections.store.mongodb-uri", "");
        settings.put("connections.security.api-key", "");
        settings.put("connections.store.data-dir", dataDir.toAbsolutePath().toString());
        for (String argument : arguments) { // replaced, not repeated: a repeated setting would be joined
            settings.put(argument.substring(0, argument.indexOf('=')), argument.substring(argument.indexOf('=') + 1));
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpathWithoutTestClasses(), ConnectionsApiApplication.class.getName()));
        settings.forEach((name, value) -> command.add("--" + name + "=" + value));
        Path log = Files.createTempFile("startup-failure", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // none of the settings of the environment the tests run in (CI sets MONGODB_URI)
        builder.environment().keySet().removeIf(name -> name.startsWith("CONNECTIONS_") || name.startsWith("MONGODB_")
                || name.startsWith("SERVER_") || name.startsWith("SPRING_") || name.startsWith("LOGGING_"));
        Process process = builder.start();
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                fail("The server did not stop within 2 minutes; its output:%n%s", Files.readString(log));
            }
            return new Run(process.exitValue(), Files.readString(log), dataDir);
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }

    /** The test classpath without the tests' own classes and resources, so that logback-test.xml stays out. */
    private static String classpathWithoutTestClasses() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private record Run(int exitCode, String output, Path dataDir) {

        void assertOneReport(String description, String actionStart) {
            List<String> lines = output.lines().toList();
            assertThat(exitCode).as("exit code; output:%n%s", output).isNotZero();
            assertThat(lines).as("output").contains("APPLICATION FAILED TO START", description)
                    .anySatisfy(line -> assertThat(line).startsWith(actionStart));
            assertThat(lines.stream().filter(line -> line.contains(" ERROR "))).as("ERROR lines in%n%s", output).hasSize(1);
            assertThat(output).as("no stack trace").doesNotContainPattern("(?m)^\\s+at [\\w$.]+\\(")
                    .doesNotContain("Caused by:").doesNotContain("common frames omitted");
            assertThat(lines).as("output").hasSizeLessThan(MAX_LINES);
        }

        void assertNoKeyGenerated() {
            assertThat(output).doesNotContain("Generated the first API key").doesNotContain("cak_");
            assertThat(dataDir.resolve("initial-api-key")).doesNotExist();
        }
    }
}
