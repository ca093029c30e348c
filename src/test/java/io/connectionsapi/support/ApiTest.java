package io.connectionsapi.support;

import static io.restassured.RestAssured.given;

import io.connectionsapi.ConnectionsApiApplication;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: the real server on a random port, over a socket, against the store
 * {@link TestStore} chose. All test classes share one application context and one store; each test works in a
 * tenant of its own (a fresh key from the admin API), so tests never see each other's data.
 */
@SpringBootTest(classes = ConnectionsApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "connections.security.api-key=" + ApiTest.ADMIN_KEY,
                // long enough that no test sees a key lookup, a last_used_at write or a heartbeat in its command counts
                "connections.security.key-cache-ttl=1h",
                "connections.security.last-used-interval=1h",
                "connections.rate-limit.heartbeat=1h",
                // the suite sends thousands of requests, many of them unauthenticated on purpose (RateLimitTest covers limits)
                "connections.rate-limit.requests-per-second=100000",
                "connections.rate-limit.burst=100000",
                "connections.rate-limit.failed-auth-per-minute=100000",
                // MongoDB's failCommand fail point on the embedded store too, for FaultInjectionTest
                "connections.store.embedded-test-commands=true"})
@Import({CommandCounter.class, CommandGuard.class})
public abstract class ApiTest {

    public static final String ADMIN_KEY = "test-admin-key-0123456789abcdef";
    public static final String BASE = "/connections/v1";
    private static final OpenApiValidation VALIDATION = new OpenApiValidation();

    @LocalServerPort
    private int port;

    @Autowired
    protected CommandCounter commands;

    @Autowired
    private CommandGuard guard;

    /** A key with every scope for this test's own tenant. */
    protected String key;
    protected String tenant;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) throws java.io.IOException {
        String uri = TestStore.mongodbUri();
        registry.add("connections.store.mongodb-uri", () -> uri == null ? "" : uri);
        Path dataDir = Files.createTempDirectory("connections-api-test");
        registry.add("connections.store.data-dir", dataDir::toString);
    }

    @BeforeEach
    void newTenant() {
        RestAssured.port = port;
        RestAssured.replaceFiltersWith(VALIDATION); // replace: filters() would add one more per test
        tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        key = newKey(tenant, "read", "write", "admin");
    }

    /**
     * Fails the test when one of its requests made the server send a command a real MongoDB deployment would
     * punish ({@link CommandGuard}): a query without its tenant, a cursor left open, an unintended ordered flag.
     */
    @AfterEach
    void commandsKeptTheRules() {
        List<String> violations = guard.takeViolations();
        if (!violations.isEmpty()) {
            throw new AssertionError("The server sent commands that break CommandGuard's rules:\n  "
                    + String.join("\n  ", violations));
        }
    }

    /** A fresh key for {@code tenantId} with the given scopes. */
    protected String newKey(String tenantId, String... scopes) {
        return given().header("x-api-key", ADMIN_KEY).contentType(ContentType.JSON)
                .body(java.util.Map.of("tenant_id", tenantId, "name", "test key", "scopes", List.of(scopes)))
                .post("/admin/v1/api-keys")
                .then().statusCode(201).extract().path("data.api_key");
    }

    /** A request as this test's tenant. */
    protected RequestSpecification as() {
        return as(key);
    }

    protected RequestSpecification as(String apiKey) {
        return given().header("x-api-key", apiKey).contentType(ContentType.JSON);
    }

    protected ValidatableResponse post(String path, Object body) {
        return as().body(body).post(BASE + path).then();
    }

    protected ValidatableResponse put(String path, Object body) {
        return as().body(body).put(BASE + path).then();
    }

    protected ValidatableResponse delete(String path, Object body) {
        return as().body(body).delete(BASE + path).then();
    }

    protected ValidatableResponse get(String pathAndQuery) {
        return as().get(BASE + pathAndQuery).then();
    }
}
