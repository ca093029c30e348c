package io.connectionsapi.store;

import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The store's part of readiness: a {@code ping}, which both MongoDB and the embedded store answer (Spring Boot's
 * own MongoDB check sends {@code hello}, which the embedded store does not know).
 */
@Component("store")
class StoreHealth implements HealthIndicator {

    private final MongoDatabase database;

    StoreHealth(MongoDatabase database) {
        this.database = database;
    }

    @Override
    public Health health() {
        try {
            database.runCommand(new Document("ping", 1));
            return Health.up().build();
        } catch (MongoException e) {
            // the kind of failure only: driver messages can name hosts and users
            return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
        }
    }
}
