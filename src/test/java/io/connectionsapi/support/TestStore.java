package io.connectionsapi.support;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The MongoDB the integration suite runs against, chosen once per JVM: {@code MONGODB_URI} if set, else a
 * {@code mongo:8} container when Docker works, else none, and the application starts its embedded store. The
 * tests never know which.
 */
public final class TestStore {

    private static final Logger log = LoggerFactory.getLogger(TestStore.class);
    private static @Nullable String uri;
    private static boolean chosen;

    private TestStore() {
    }

    /** The URI to give the application, or null for the embedded store. */
    public static synchronized @Nullable String mongodbUri() {
        if (!chosen) {
            chosen = true;
            uri = choose();
        }
        return uri;
    }

    public static String description() {
        String chosenUri = mongodbUri();
        return chosenUri == null ? "embedded store" : "MongoDB at " + chosenUri.replaceAll("//[^@/]*@", "//***@");
    }

    private static @Nullable String choose() {
        String configured = System.getenv("MONGODB_URI");
        if (configured != null && !configured.isBlank()) {
            log.info("Integration tests use MONGODB_URI");
            return withTestDatabase(configured);
        }
        if (dockerWorks()) {
            MongoDBContainer mongo = new MongoDBContainer("mongo:8");
            mongo.start(); // stopped by Testcontainers' reaper when the JVM ends
            log.info("Integration tests use a mongo:8 container");
            return mongo.getReplicaSetUrl("connections_test");
        }
        log.info("Integration tests use the embedded store (no MONGODB_URI, no Docker)");
        return null;
    }

    private static boolean dockerWorks() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** A test run gets its own database, so that it never touches data in the configured one. */
    private static String withTestDatabase(String configured) {
        var connection = new com.mongodb.ConnectionString(configured);
        String database = "connections_test_" + Long.toHexString(System.nanoTime());
        String hosts = String.join(",", connection.getHosts());
        String credentials = connection.getUsername() == null ? ""
                : java.net.URLEncoder.encode(connection.getUsername(), java.nio.charset.StandardCharsets.UTF_8) + ":"
                        + java.net.URLEncoder.encode(new String(connection.getPassword()), java.nio.charset.StandardCharsets.UTF_8) + "@";
        String query = configured.contains("?") ? configured.substring(configured.indexOf('?')) : "";
        String scheme = configured.startsWith("mongodb+srv://") ? "mongodb+srv://" : "mongodb://";
        return scheme + credentials + hosts + "/" + database + (query.isEmpty() && connection.getUsername() != null
                ? "?authSource=admin" : query);
    }
}
