package io.connectionsapi.store;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.connectionsapi.ConnectionsApiApplication;
import io.connectionsapi.support.ExpectedLogs;
import io.restassured.http.ContentType;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application's life with its store: data kept across restarts of the embedded store, and a MongoDB that
 * goes away and comes back. Each test runs its own application on its own store, outside the shared context.
 */
class StoreLifecycleTest {

    private static final String CONNECTIONS = "/connections/v1/connections";

    /** Starts the application as its command line would, so these settings win over application.yml. */
    private static ConfigurableApplicationContext start(String... properties) {
        List<String> arguments = new java.util.ArrayList<>(List.of("--server.port=0"));
        for (String property : properties) {
            arguments.add("--" + property);
        }
        return new SpringApplicationBuilder(ConnectionsApiApplication.class).run(arguments.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext app) {
        return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }

    private static Map<String, Object> oneConnection() {
        return Map.of("connections", List.of(Map.of("strength", 42,
                "connection_from_entity", Map.of("connection_entity_id", "a", "connection_entity_type", "TEAM"),
                "connection_to_entity", Map.of("connection_entity_id", "b", "connection_entity_type", "ROOM"))));
    }

    @Test
    void theEmbeddedStoreKeepsDataAndTheGeneratedKeyAcrossRestarts(@TempDir Path dataDir) throws Exception {
        String id;
        Path keyFile = dataDir.resolve("initial-api-key");
        try (var app = start("connections.store.mongodb-uri=", "connections.security.api-key=",
                "connections.store.data-dir=" + dataDir)) {
            assertThat(app.getBeanProvider(EmbeddedStore.class).getIfAvailable()).isNotNull();
            assertThat(Files.getPosixFilePermissions(keyFile))
                    .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            String key = Files.readString(keyFile).strip();
            id = given().port(port(app)).header("x-api-key", key).contentType(ContentType.JSON).body(oneConnection())
                    .post(CONNECTIONS).then().statusCode(200).extract().path("data[0]._id");
        }
        String key = Files.readString(keyFile).strip();
        try (var app = start("connections.store.mongodb-uri=", "connections.security.api-key=",
                "connections.store.data-dir=" + dataDir)) {
            assertThat(Files.readString(keyFile).strip()).as("no second key is generated").isEqualTo(key);
            given().port(port(app)).header("x-api-key", key).get(CONNECTIONS).then().statusCode(200)
                    .body("data.connections[0]._id", equalTo(id))
                    .body("data.connections[0].strength", equalTo(42));
        }
    }

    @Test
    void shutdownLetsAnInFlightBatchFinishAndLosesNoAcknowledgedWrite(@TempDir Path dataDir) throws Exception {
        String key = "shutdown-test-key-0123456789";
        String[] settings = {"connections.store.mongodb-uri=", "connections.security.api-key=" + key,
                "connections.store.data-dir=" + dataDir};
        int acknowledged = 0;
        var app = start(settings);
        int port = port(app);
        for (int batch = 0; batch < 5; batch++) {
            acknowledged += given().port(port).header("x-api-key", key).contentType(ContentType.JSON).body(connections(batch, 100))
                    .post(CONNECTIONS).then().statusCode(200).extract().<List<?>>path("data").size();
        }
        // a large batch is still being written when the application is told to stop
        var inFlight = java.util.concurrent.CompletableFuture.supplyAsync(() -> given().port(port).header("x-api-key", key)
                .contentType(ContentType.JSON).body(connections(99, 1000)).post(CONNECTIONS));
        Thread.sleep(300);
        app.close();
        var answer = inFlight.join();
        if (answer.statusCode() == 200) {
            acknowledged += answer.<List<?>>path("data").size();
        }

        try (var restarted = start(settings)) {
            given().port(port(restarted)).header("x-api-key", key).get(CONNECTIONS).then().statusCode(200)
                    .body("pagination.total_results", equalTo(acknowledged));
        }
        assertThat(answer.statusCode()).as("the in-flight batch finished instead of being cut off").isEqualTo(200);
    }

    private static Map<String, Object> connections(int batch, int size) {
        List<Map<String, Object>> items = new java.util.ArrayList<>();
        for (int i = 0; i < size; i++) {
            items.add(Map.of("strength", 1,
                    "connection_from_entity", Map.of("connection_entity_id", "from-" + batch + "-" + i, "connection_entity_type", "TEAM"),
                    "connection_to_entity", Map.of("connection_entity_id", "to-" + batch + "-" + i, "connection_entity_type", "ROOM")));
        }
        return Map.of("connections", items);
    }

    @Test
    void requestsFailFastWith503WhileMongoDbIsDownAndWorkAgainWhenItIsBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("store.mv.db");
        MongoServer mongo = new MongoServer(new H2Backend(file.toString()));
        mongo.bind(new InetSocketAddress("127.0.0.1", 0));
        int mongoPort = mongo.getLocalAddress().getPort();
        String key = "outage-test-key-0123456789";
        try (var app = start("connections.store.mongodb-uri=mongodb://127.0.0.1:" + mongoPort + "/outage",
                "connections.security.api-key=" + key, "connections.store.data-dir=" + dir)) {
            assertThat(app.getBeanProvider(EmbeddedStore.class).getIfAvailable()).as("no embedded store with a URI").isNull();
            int port = port(app);
            given().port(port).header("x-api-key", key).contentType(ContentType.JSON).body(oneConnection())
                    .post(CONNECTIONS).then().statusCode(200);

            given().port(port).get("/actuator/health/readiness").then().statusCode(200).body("status", equalTo("UP"));

            // the outage makes the server log each failed request, as it should: not news in the test run
            ExpectedLogs.during(() -> {
                outageAndRecovery(mongo, file, mongoPort, port, key);
                return null;
            });
        }
    }

    /** MongoDB goes away: requests fail fast with 503, readiness is down; MongoDB comes back: all works again. */
    private static void outageAndRecovery(MongoServer mongo, Path file, int mongoPort, int port, String key) throws Exception {
        mongo.shutdownNow();

        given().port(port).get("/actuator/health/readiness").then().statusCode(503).body("status", equalTo("DOWN"));
        given().port(port).get("/actuator/health/liveness").then().statusCode(200);

        for (String anyKey : List.of(key, "a-key-the-server-must-look-up")) {
            Instant before = Instant.now();
            given().port(port).header("x-api-key", anyKey).get(CONNECTIONS).then()
                    .statusCode(503)
                    .body("identifier", equalTo("service_unavailable"))
                    .body("success", equalTo(false));
            // not the 15 s of server selection (meant for elections): no MongoDB server answers, so the server
            // does not wait for one (UnitOfWork.requireReachable)
            assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(10));
        }
        // a write whose unit of work fails on the store before the controller runs (the Idempotency-Key lookup)
        given().port(port).header("x-api-key", key).header("Idempotency-Key", "during-the-outage")
                .contentType(ContentType.JSON).body(oneConnection()).post(CONNECTIONS).then()
                .statusCode(503)
                .body("identifier", equalTo("service_unavailable"))
                .body("success", equalTo(false));

        MongoServer restarted = new MongoServer(new H2Backend(file.toString()));
        restarted.bind(new InetSocketAddress("127.0.0.1", mongoPort));
        try {
            int status = 0;
            Instant deadline = Instant.now().plusSeconds(30);
            while (status != 200 && Instant.now().isBefore(deadline)) {
                status = given().port(port).header("x-api-key", key).get(CONNECTIONS).statusCode();
                if (status != 200) {
                    Thread.sleep(250);
                }
            }
            given().port(port).header("x-api-key", key).get(CONNECTIONS).then().statusCode(200)
                    .body("data.connections[0].strength", equalTo(42));
            given().port(port).get("/actuator/health/readiness").then().statusCode(200);
        } finally {
            restarted.shutdownNow();
        }
    }
}
