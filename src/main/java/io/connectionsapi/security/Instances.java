package io.connectionsapi.security;

import static com.mongodb.client.model.Filters.gt;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import io.connectionsapi.store.IndexSet;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The live instances of this server on one MongoDB: each announces itself every heartbeat and counts the others,
 * so that rate limits can be shared out without a database round trip per request.
 */
@Component
class Instances implements DisposableBean {

    private final MongoCollection<Document> instances;
    private final String id = UUID.randomUUID().toString();
    private final long heartbeatMillis;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "instance-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private volatile int live = 1;

    Instances(MongoDatabase database, IndexSet indexSet, RateLimitProperties limits) {
        this.instances = database.getCollection("instances");
        this.heartbeatMillis = limits.heartbeat().toMillis();
        // a changed heartbeat changes the TTL of an existing index: IndexSet applies it in place
        indexSet.ensure(instances, List.of(new IndexModel(Indexes.ascending("seen_at"),
                new IndexOptions().expireAfter(Math.max(60, 3 * heartbeatMillis / 1000), TimeUnit.SECONDS))));
        beat();
        timer.scheduleWithFixedDelay(this::beat, heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
    }

    /** How many instances share the limits (at least this one). */
    int live() {
        return live;
    }

    private void beat() {
        try {
            Date now = new Date();
            instances.replaceOne(new Document("_id", id), new Document("_id", id).append("seen_at", now),
                    new ReplaceOptions().upsert(true));
            long alive = instances.countDocuments(gt("seen_at", new Date(now.getTime() - 3 * heartbeatMillis)));
            live = (int) Math.max(1, alive);
        } catch (MongoException e) {
            // keep the last count; the store's outage is reported by readiness
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
        try {
            instances.deleteOne(new Document("_id", id));
        } catch (MongoException e) {
            // gone with the store; its entry expires
        }
    }
}
