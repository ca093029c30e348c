package io.connectionsapi.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.connection.ClusterDescription;
import com.mongodb.connection.ServerDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Chooses the store: the MongoDB named by MONGODB_URI, or else the embedded store under the data directory.
 * Either way the driver fails fast (seconds, not its 30 s default) while the store is unreachable, and
 * reconnects by itself when it is back.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StoreProperties.class)
class StoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StoreConfiguration.class);
    static final String DEFAULT_DATABASE = "connections";
    private static final long FAIL_FAST_SECONDS = 2;

    @Bean(destroyMethod = "close")
    @Conditional(NoMongoUri.class)
    EmbeddedStore embeddedStore(StoreProperties properties) {
        EmbeddedStore store = EmbeddedStore.start(properties.dataDir());
        log.info("Store: embedded MongoDB-protocol server (mongo-java-server, H2) with data in {}; set MONGODB_URI to use a MongoDB",
                store.file().toAbsolutePath());
        return store;
    }

    @Bean
    MongoConnectionDetails mongoConnectionDetails(StoreProperties properties, ObjectProvider<EmbeddedStore> embedded) {
        ConnectionString connection;
        if (properties.embedded()) {
            connection = new ConnectionString(embedded.getObject().connectionString());
        } else {
            try {
                connection = new ConnectionString(properties.mongodbUri());
            } catch (IllegalArgumentException e) {
                // the driver's reason only: the URI itself may hold a password
                throw new io.connectionsapi.InvalidSettingException("MONGODB_URI", "<hidden>",
                        "is not a valid MongoDB connection string: " + e.getMessage());
            }
            log.info("Store: MongoDB at {} (database '{}')", String.join(",", connection.getHosts()), databaseName(connection));
        }
        return () -> connection;
    }

    @Bean
    MongoClientSettingsBuilderCustomizer failFast(MongoConnectionDetails details) {
        ConnectionString connection = details.getConnectionString();
        return settings -> {
            if (connection.getServerSelectionTimeout() == null) {
                settings.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(FAIL_FAST_SECONDS, TimeUnit.SECONDS));
            }
            if (connection.getConnectTimeout() == null) {
                settings.applyToSocketSettings(socket -> socket.connectTimeout((int) FAIL_FAST_SECONDS, TimeUnit.SECONDS));
            }
        };
    }

    @Bean
    UnitOfWork unitOfWork(MongoClient client, StoreProperties properties, ObjectProvider<EmbeddedStore> embedded,
            MongoConnectionDetails details) {
        if (properties.embedded()) {
            return new UnitOfWork(UnitOfWork.Deployment.EMBEDDED, client, embedded.getObject());
        }
        // the driver's own discovery (hello, or the legacy handshake of older servers) tells the topology once connected
        try {
            client.getDatabase("admin").runCommand(new Document("ping", 1));
        } catch (MongoTimeoutException e) {
            throw unreachable(details.getConnectionString(), client.getClusterDescription(), e);
        }
        return new UnitOfWork(UnitOfWork.detect(client.getClusterDescription().getType()), client, null);
    }

    /** MongoDB did not answer at startup: what the driver saw of each host, never the URI (it may hold a password). */
    static io.connectionsapi.CannotStartException unreachable(ConnectionString connection, ClusterDescription cluster,
            MongoTimeoutException e) {
        List<String> reasons = new ArrayList<>();
        for (ServerDescription server : cluster.getServerDescriptions()) {
            Throwable cause = server.getException();
            if (cause != null) {
                while (cause.getCause() != null) {
                    cause = cause.getCause();
                }
                reasons.add(server.getAddress() + ": " + cause.getMessage());
            }
        }
        if (reasons.size() == 1 && cluster.getServerDescriptions().size() == 1) {
            reasons.set(0, reasons.get(0).substring(reasons.get(0).indexOf(": ") + 2)); // the address is named already
        }
        String why = reasons.isEmpty() ? "no server fit to take writes answered (" + cluster.getShortDescription() + ")"
                : String.join("; ", reasons);
        return new io.connectionsapi.CannotStartException("MongoDB at " + String.join(",", connection.getHosts())
                + " (MONGODB_URI) cannot be reached: " + why + ".",
                "Start MongoDB, or correct MONGODB_URI (or unset it to use the embedded store), then start the server"
                + " again. (Once started, the server rides out MongoDB outages by itself.)", e);
    }

    /** The database every repository uses: its calls join the current unit of work ({@link SessionBound}). */
    @Bean
    MongoDatabase mongoDatabase(MongoClient client, MongoConnectionDetails details, UnitOfWork units) {
        return SessionBound.database(client.getDatabase(databaseName(details.getConnectionString())), units);
    }

    private static String databaseName(ConnectionString connection) {
        @Nullable String name = connection.getDatabase();
        return name == null || name.isBlank() ? DEFAULT_DATABASE : name;
    }

    /** True when no MongoDB is configured, so the embedded store is needed. */
    static class NoMongoUri implements org.springframework.context.annotation.Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String uri = context.getEnvironment().getProperty("connections.store.mongodb-uri");
            return uri == null || uri.isBlank();
        }
    }
}
