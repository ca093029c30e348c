package io.connectionsapi.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.connectionsapi.ConnectionsApiApplication;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Clients that stall in the middle of their request bodies, on a server of its own with 4 container threads (so
 * that a few stalled bodies would take them all if each held one) and a body read deadline short enough to wait for.
 */
class SlowBodyTest {

    private static final String KEY = "slow-body-test-key-0123456789";
    private static final int THREADS = 4;
    private static MongoServer mongo;
    private static ConfigurableApplicationContext app;
    private static int port;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        mongo = new MongoServer(new MemoryBackend());
        mongo.bind(new InetSocketAddress("127.0.0.1", 0));
        app = new SpringApplicationBuilder(ConnectionsApiApplication.class).run("--server.port=0",
                "--connections.store.mongodb-uri=mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort() + "/slow",
                "--connections.store.data-dir=" + dir, "--connections.security.api-key=" + KEY,
                "--server.tomcat.threads.max=" + THREADS, "--server.tomcat.threads.min-spare=1",
                "--connections.limits.body-read-timeout=10s");
        port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void stop() {
        app.close();
        mongo.shutdownNow();
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // without the fix the GET waits for the stalls, minutes
    void stalledBodiesHoldNoThreadAndAreAnswered408AfterTheDeadline() throws IOException {
        given().port(port).header("x-api-key", KEY).get("/connections/v1/connections").then().statusCode(200);
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < THREADS * 3; i++) {
                Socket socket = new Socket("127.0.0.1", port);
                socket.getOutputStream().write(("POST /connections/v1/connections HTTP/1.1\r\nHost: localhost\r\nx-api-key: " + KEY
                        + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"connections\": [")
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                stalled.add(socket);
            }

            // with a thread held per stalled body, this would wait until the stalls ended
            given().port(port).header("x-api-key", KEY).get("/connections/v1/connections").then().statusCode(200);
            for (Socket socket : stalled) {
                assertThat(socket.getInputStream().available()).as("a stalled body is not answered before its deadline").isZero();
            }

            for (Socket socket : stalled) {
                socket.setSoTimeout(60_000); // a safety net against a hang, far beyond the deadline
                String answer = readAll(socket.getInputStream());
                assertThat(answer).startsWith("HTTP/1.1 408");
                assertThat(answer.toLowerCase(java.util.Locale.ROOT)).contains("connection: close");
                assertThat(answer).contains("\"identifier\":\"request_timeout\"").contains("\"field\":\"body\"")
                        .contains("\"success\":false");
            }
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
        given().port(port).header("x-api-key", KEY).get("/connections/v1/connections").then().statusCode(200);
    }

    /** Everything the server sends until it closes the connection, which it does after a 408. */
    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
