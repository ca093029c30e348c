package io.connectionsapi.store;

import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code mongodbUri}: the MongoDB to use (MONGODB_URI); when unset, the embedded store runs instead.
 * {@code dataDir}: where the embedded store and the generated first key live (CONNECTIONS_DATA_DIR).
 * {@code maxConcurrentRequests}, {@code queueWait}: how many API requests work on the store at once, and how long
 * one more waits for its turn ({@link StoreGate}). {@code indexBuildWait}: how long startup waits for new query
 * indexes ({@link IndexSet}). {@code embeddedTestCommands}: MongoDB's {@code failCommand} fail point on the
 * embedded store, for tests only ({@link EmbeddedFailPoint}).
 */
@Validated
@ConfigurationProperties("connections.store")
public record StoreProperties(
        @Nullable String mongodbUri,
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("100") @Min(1) int maxConcurrentRequests,
        @DefaultValue("1s") @DurationMin(millis = 0) Duration queueWait,
        @DefaultValue("30s") @DurationMin(millis = 0) Duration indexBuildWait,
        @DefaultValue("false") boolean embeddedTestCommands) {

    public StoreProperties {
        if (mongodbUri != null && mongodbUri.isBlank()) {
            mongodbUri = null;
        }
    }

    public boolean embedded() {
        return mongodbUri == null;
    }
}
