package io.connectionsapi.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.connectionsapi.ConnectionsApiApplication;
import io.restassured.response.Response;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Rate limits, on two instances sharing one store: small limits so that they are reached quickly. */
class RateLimitTest {

    private static final String KEY = "rate-limit-test-key-0123456789";
    private static MongoServer mongo;
    private static final List<ConfigurableApplicationContext> apps = new ArrayList<>();

    @TempDir
    static Path dir;

    @BeforeAll
    static void store() {
        mongo = new MongoServer(new MemoryBackend());
        mongo.bind(new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterAll
    static void stop() {
        apps.forEach(ConfigurableApplicationContext::close);
        mongo.shutdownNow();
    }

    private static int start(String database, String... extra) {
        return startWithKey(KEY, database, extra);
    }

    private static int startWithKey(String key, String database, String... extra) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                "--connections.store.mongodb-uri=mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort() + "/" + database,
                "--connections.store.data-dir=" + dir, "--connections.security.api-key=" + key,
                "--connections.rate-limit.heartbeat=200ms"));
        arguments.addAll(List.of(extra));
        var app = new SpringApplicationBuilder(ConnectionsApiApplication.class).run(arguments.toArray(String[]::new));
        apps.add(app);
        return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }

    private static Response list(int port, String key) {
        return given().port(port).header("x-api-key", key).get("/connections/v1/connections");
    }

    @Test
    void aKeyGetsItsBurstThen429WithRetryAfterAndRateLimitHeaders() {
        int port = start("single", "--connections.rate-limit.burst=3", "--connections.rate-limit.requests-per-second=0.5");

        for (int i = 3; i > 0; i--) {
            Response ok = list(port, KEY);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.header("RateLimit-Limit")).isEqualTo("3");
            assertThat(ok.header("RateLimit-Remaining")).isEqualTo(Integer.toString(i - 1));
        }
        Response limited = list(port, KEY);
        limited.then().statusCode(429).body("identifier", equalTo("rate_limited")).body("success", equalTo(false));
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 2L);
        assertThat(limited.header("RateLimit-Remaining")).isEqualTo("0");
        assertThat(Long.parseLong(limited.header("RateLimit-Reset"))).isPositive();
    }

    @Test
    void repeatedFailedAuthenticationFromOneAddressIsThrottled() {
        int port = start("failures", "--connections.rate-limit.failed-auth-per-minute=3");

        for (int i = 0; i < 3; i++) {
            list(port, "wrong-key-" + i).then().statusCode(401);
        }
        list(port, "wrong-key-again").then().statusCode(429).body("identifier", equalTo("rate_limited"))
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
        // even a good key waits: the address is throttled before any key is looked at
        list(port, KEY).then().statusCode(429);
    }

    @Test
    void twoInstancesOnOneStoreShareTheLimit() throws Exception {
        String[] limits = {"--connections.rate-limit.burst=4", "--connections.rate-limit.requests-per-second=0.01"};
        int first = start("shared", limits);
        // the second instance makes sure of another key, which is used only for counting below
        String counted = "rate-limit-second-key-0123456789";
        int second = startWithKey(counted, "shared", limits);
        Instant deadline = Instant.now().plusSeconds(10);
        // each instance learns of the other from the store within a few heartbeats and enforces half the limit
        while (!"2".equals(list(first, KEY).header("RateLimit-Limit")) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        while (!"2".equals(list(second, KEY).header("RateLimit-Limit")) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(list(first, KEY).header("RateLimit-Limit")).isEqualTo("2");

        int allowed = 0;
        for (int i = 0; i < 10; i++) {
            allowed += list(i % 2 == 0 ? first : second, counted).statusCode() == 200 ? 1 : 0;
        }
        assertThat(allowed).as("requests of one key allowed across both instances: the burst, not twice it").isEqualTo(4);
    }
}
