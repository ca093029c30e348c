package io.connectionsapi.support;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The MongoDB the integration suite runs against, chosen once per JVM: {@code MONGODB_URI} if set, else a
 * {@code mongo:8} single-node replica set in a container when Docker works, else none, and the application
 * starts its embedded store. The tests never know which.
 * <p>
 * Environment variables:
 * <ul>
 * <li>{@code MONGODB_URI}: the MongoDB to use (a replica set, a mongos, a standalone). The tests use a database of
 * their own there, {@code connections_test_<hex>}, so that they never touch data in the configured one.</li>
 * <li>{@code CONNECTIONS_TEST_DATABASE}: that database's name instead, for a throwaway MongoDB prepared for the
 * tests (CI's sharded cluster shards the collections of this database before the tests start).</li>
 * <li>{@code CONNECTIONS_TEST_REQUIRE_MONGODB=true}: fail instead of falling back to the embedded store when
 * there is neither {@code MONGODB_URI} nor Docker, so that CI cannot pass without having run against MongoDB.</li>
 * </ul>
 */
public final class TestStore {

    private static final String REQUIRE_MONGODB = "CONNECTIONS_TEST_REQUIRE_MONGODB";
    private static final String DATABASE = "CONNECTIONS_TEST_DATABASE";

    private static final Logger log = LoggerFactory.getLogger(TestStore.class);
    private static @Nullable String uri;
    private static boolean chosen;
    /** Why choosing failed: every later caller fails too, rather than getting null, the embedded store. */
    private static @Nullable RuntimeException failure;

    private TestStore() {
    }

    /** The URI to give the application, or null for the embedded store. */
    public static synchronized @Nullable String mongodbUri() {
        if (failure != null) {
            throw new IllegalStateException(failure.getMessage(), failure);
        }
        if (!chosen) {
            try {
                uri = choose();
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
            chosen = true;
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
            return withTestDatabase(configured, testDatabase());
        }
        if (dockerWorks()) {
            return startReplicaSet(testDatabase());
        }
        if (Boolean.parseBoolean(System.getenv(REQUIRE_MONGODB))) {
            throw new IllegalStateException(REQUIRE_MONGODB + "=true, but there is no MongoDB to test against: "
                    + "MONGODB_URI is not set and Testcontainers finds no working Docker (its log says why). "
                    + "Set MONGODB_URI, start Docker, or unset " + REQUIRE_MONGODB + " to use the embedded store.");
        }
        log.info("Integration tests use the embedded store (no MONGODB_URI, no Docker)");
        return null;
    }

    /**
     * Starts {@code mongo:8} as a single-node replica set, so that the application takes its transaction path
     * (and the driver its retryable writes) as in production.
     * <p>
     * Testcontainers 2's {@code org.testcontainers.mongodb.MongoDBContainer} starts a standalone mongod unless
     * asked: only {@code withReplicaSet()} adds {@code --replSet docker-rs} and, once the container has started,
     * runs {@code rs.initiate()} in it and waits until the node is primary. (The deprecated
     * {@code org.testcontainers.containers.MongoDBContainer} did that by default.) {@code getReplicaSetUrl(db)} is
     * only {@code mongodb://<host>:<mapped port>/<db>}, without {@code replicaSet=}: the member's name in the
     * replica set config is the container's hostname, which the host cannot resolve, so the driver must connect to
     * that one node directly (its default for a single host and no replica set name) instead of discovering the
     * set. Transactions and retryable writes work over such a connection to a primary.
     */
    private static String startReplicaSet(String database) {
        // test commands on, for the failCommand fail point of FaultInjectionTest (withCommand replaces the
        // replica set's own arguments, so they are repeated)
        MongoDBContainer mongo = new MongoDBContainer("mongo:8").withReplicaSet()
                .withCommand("--replSet", "docker-rs", "--setParameter", "enableTestCommands=1");
        mongo.start(); // stopped by Testcontainers' reaper when the JVM ends
        String url = mongo.getReplicaSetUrl(database);
        // the whole point of the container: fail rather than silently test against a standalone mongod again
        try (MongoClient client = MongoClients.create(url)) {
            Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));
            if (hello.getString("setName") == null || !hello.getBoolean("isWritablePrimary", false)) {
                throw new IllegalStateException("the mongo:8 container is not a replica set primary: " + hello.toJson());
            }
            log.info("Integration tests use a mongo:8 container, primary of single-node replica set {}",
                    hello.getString("setName"));
        }
        return url;
    }

    private static boolean dockerWorks() {
        // Testcontainers says at ERROR why it finds no Docker: news only when MongoDB is required
        LoggingSystem logging = LoggingSystem.get(TestStore.class.getClassLoader());
        String strategy = "org.testcontainers.dockerclient.DockerClientProviderStrategy";
        LoggerConfiguration before = logging.getLoggerConfiguration(strategy);
        if (!Boolean.parseBoolean(System.getenv(REQUIRE_MONGODB))) {
            logging.setLogLevel(strategy, LogLevel.OFF);
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        } finally {
            logging.setLogLevel(strategy, before == null ? null : before.getConfiguredLevel());
        }
    }

    /** {@code CONNECTIONS_TEST_DATABASE}, else a database of this run's own. */
    private static String testDatabase() {
        String fixed = System.getenv(DATABASE);
        if (fixed == null || fixed.isBlank()) {
            return "connections_test_" + Long.toHexString(System.nanoTime());
        }
        if (!fixed.matches("[A-Za-z0-9_-]{1,63}")) {
            throw new IllegalStateException(DATABASE + " must be 1 to 63 letters, digits, '_' or '-': " + fixed);
        }
        log.info("Integration tests use database {} ({})", fixed, DATABASE);
        return fixed;
    }

    /** {@code configured} with its database replaced by {@code database}, credentials and options kept. */
    private static String withTestDatabase(String configured, String database) {
        var connection = new com.mongodb.ConnectionString(configured);
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
