package io.connectionsapi.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoTimeoutException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.connection.ClusterDescription;
import com.mongodb.connection.ServerDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;
import org.springframework.data.mongodb.core.convert.DefaultMongoTypeMapper;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.convert.MongoConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.convert.NoOpDbRefResolver;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;

/**
 * Chooses the store: the MongoDB named by MONGODB_URI, or else the embedded store under the data directory, and
 * sets the driver up for durability and for riding out an election ({@link #driverDefaults}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StoreProperties.class)
class StoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StoreConfiguration.class);
    static final String DEFAULT_DATABASE = "connections";
    /** The embedded store is in this process: when it does not answer within this, it will not. */
    private static final long EMBEDDED_TIMEOUT_SECONDS = 2;
    /** Longer than an election (MongoDB elects a new primary within about 12 s) and still well short of a client's patience. */
    static final long SERVER_SELECTION_SECONDS = 15;
    /** Every operation's client-side limit (timeoutMS): a stalled primary costs a 503, never a hung request. */
    static final long OPERATION_TIMEOUT_SECONDS = 20;
    static final long CONNECT_TIMEOUT_SECONDS = 5;
    /** How long the start waits for MongoDB before saying it cannot be reached. */
    private static final long START_TIMEOUT_SECONDS = 5;

    /**
     * The embedded store, or no bean ({@code null}) when MONGODB_URI names a MongoDB. Decided here when the server
     * starts, not by a {@code @Conditional}: an ahead-of-time-processed build (the jar's {@code spring.aot.enabled}
     * mode, which the container image runs) fixes every condition when it is built, and MONGODB_URI is given when it
     * runs.
     */
    @Bean(destroyMethod = "close")
    @Nullable EmbeddedStore embeddedStore(StoreProperties properties) {
        if (!properties.embedded()) {
            return null;
        }
        EmbeddedStore store = EmbeddedStore.start(properties.dataDir(), properties.embeddedTestCommands());
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
                // Checked here, not by Bean Validation on StoreProperties: Spring Boot's report of a constraint shows
                // the value, and the URI may hold a password. The driver's reason only.
                throw new io.connectionsapi.CannotStartException("MONGODB_URI is not a valid MongoDB connection string: "
                        + e.getMessage() + ".", "Correct MONGODB_URI (or unset it to use the embedded store), then start"
                        + " the server again.", e);
            }
            log.info("Store: MongoDB at {} (database '{}')", String.join(",", connection.getHosts()), databaseName(connection));
        }
        return () -> connection;
    }

    /**
     * The driver settings this server chooses where MONGODB_URI does not say (any option given there wins):
     * <ul>
     * <li>write concern {@code majority} (outside transactions too): an acknowledged write survives a failover;</li>
     * <li>{@code timeoutMS} {@value #OPERATION_TIMEOUT_SECONDS} s on every operation, waiting for a pooled
     * connection included (a transaction's retries share it), so a stalled primary or an exhausted pool ends in a
     * 503, not a hung request;</li>
     * <li>server selection {@value #SERVER_SELECTION_SECONDS} s, longer than an election, so that a failover delays
     * requests instead of failing them; connect timeout {@value #CONNECT_TIMEOUT_SECONDS} s;</li>
     * <li>and the driver's own defaults, kept on purpose: retryable writes and reads on, read preference primary,
     * at most 100 pooled connections per host.</li>
     * </ul>
     * The embedded store is in this process and has no elections: 2 s for selecting and connecting, and no
     * timeoutMS, on purpose: a command the driver gave up on would go on running in the store after its unit of work
     * had rolled back, and the next unit's commit would keep what it wrote. Its units run one at a time instead
     * ({@link UnitOfWork}), and the number of requests waiting for them is bounded ({@link StoreGate}).
     */
    @Bean
    StoreReachability storeReachability() {
        return new StoreReachability();
    }

    /** The driver's checks of each server tell {@link StoreReachability} whether MongoDB answers at all. */
    @Bean
    MongoClientSettingsBuilderCustomizer reachabilityChecks(StoreReachability reachability) {
        return settings -> settings.applyToServerSettings(server -> server.addServerMonitorListener(reachability));
    }

    @Bean
    MongoClientSettingsBuilderCustomizer driverDefaults(MongoConnectionDetails details, StoreProperties properties) {
        ConnectionString connection = details.getConnectionString();
        boolean embedded = properties.embedded();
        return settings -> {
            if (connection.getServerSelectionTimeout() == null) {
                long seconds = embedded ? EMBEDDED_TIMEOUT_SECONDS : SERVER_SELECTION_SECONDS;
                settings.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(seconds, TimeUnit.SECONDS));
            }
            if (connection.getConnectTimeout() == null) {
                long seconds = embedded ? EMBEDDED_TIMEOUT_SECONDS : CONNECT_TIMEOUT_SECONDS;
                settings.applyToSocketSettings(socket -> socket.connectTimeout((int) seconds, TimeUnit.SECONDS));
            }
            if (embedded) {
                return;
            }
            if (connection.getWriteConcern() == null) {
                settings.writeConcern(WriteConcern.MAJORITY);
            }
            if (connection.getTimeout() == null) {
                settings.timeout(OPERATION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        };
    }

    @Bean
    UnitOfWork unitOfWork(MongoClient client, StoreProperties properties, ObjectProvider<EmbeddedStore> embedded,
            MongoConnectionDetails details, StoreReachability reachability) {
        if (properties.embedded()) {
            return new UnitOfWork(UnitOfWork.Deployment.EMBEDDED, client, embedded.getObject(), null);
        }
        // the driver's own discovery (hello, or the legacy handshake of older servers) tells the topology once connected
        try {
            client.getDatabase("admin").withTimeout(START_TIMEOUT_SECONDS, TimeUnit.SECONDS).runCommand(new Document("ping", 1));
        } catch (MongoTimeoutException e) {
            throw unreachable(details.getConnectionString(), client.getClusterDescription(), e);
        }
        return new UnitOfWork(UnitOfWork.detect(client.getClusterDescription().getType()), client, null, reachability);
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

    /**
     * Spring Data MongoDB's template, on a database factory that hands out the database whose calls join the
     * current unit of work ({@link SessionBound}): the template's writes are as atomic and durable as the
     * collections' own. (Not a factory bean: one would switch off Spring Boot's MongoClient.)
     */
    @Bean
    MongoTemplate mongoTemplate(MongoClient client, MongoConnectionDetails details, UnitOfWork units, MongoConverter converter) {
        MongoDatabaseFactory factory = new SimpleMongoClientDatabaseFactory(client, databaseName(details.getConnectionString())) {
            private final Map<String, MongoDatabase> bound = new ConcurrentHashMap<>();

            @Override
            protected MongoDatabase doGetMongoDatabase(String name) {
                return bound.computeIfAbsent(name, n -> SessionBound.database(super.doGetMongoDatabase(n), units));
            }
        };
        return new MongoTemplate(factory, converter);
    }

    /**
     * Spring Boot's mapping converter, but without the {@code _class} field Spring Data writes by default: stored
     * documents name no Java class, so that renaming one never strands data.
     */
    @Bean
    MappingMongoConverter mappingMongoConverter(MongoMappingContext context, MongoCustomConversions conversions) {
        MappingMongoConverter converter = new MappingMongoConverter(NoOpDbRefResolver.INSTANCE, context);
        converter.setCustomConversions(conversions);
        converter.setTypeMapper(new DefaultMongoTypeMapper(null));
        return converter;
    }

    /** The database every repository uses: its calls join the current unit of work ({@link SessionBound}). */
    @Bean
    MongoDatabase mongoDatabase(MongoTemplate template) {
        return template.getDb();
    }

    private static String databaseName(ConnectionString connection) {
        @Nullable String name = connection.getDatabase();
        return name == null || name.isBlank() ? DEFAULT_DATABASE : name;
    }
}
