package io.connectionsapi.store;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mongodbUri}: the MongoDB to use (MONGODB_URI); when unset, the embedded store runs instead.
 * {@code dataDir}: where the embedded store and the generated first key live (CONNECTIONS_DATA_DIR).
 */
@ConfigurationProperties("connections.store")
public record StoreProperties(@Nullable String mongodbUri, @DefaultValue("./data") Path dataDir) {

    public StoreProperties {
        if (mongodbUri != null && mongodbUri.isBlank()) {
            mongodbUri = null;
        }
    }

    public boolean embedded() {
        return mongodbUri == null;
    }
}
