package io.connectionsapi.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Repository;

/**
 * The answers remembered for {@code Idempotency-Key}s, per tenant, for at least {@code retention} (a TTL index
 * removes them later; an expired one is never replayed even before that). Written in the unit of work of the
 * request whose answer it is, so that a remembered answer exists exactly when the request's effects do.
 */
@Repository
public class IdempotencyRecords {

    private static final String TENANT = "tenant_id";
    private static final String KEY = "key";
    private static final String EXPIRES_AT = "expires_at";
    /** Below MongoDB's 16 MB document limit, with room for the record's other fields. */
    private static final int MAX_REMEMBERED_BYTES = 15 * 1024 * 1024;

    private final MongoCollection<Document> records;
    private final Duration retention;

    IdempotencyRecords(MongoDatabase database, IndexSet indexSet, @Value("${connections.idempotency.retention:24h}") Duration retention) {
        this.records = database.getCollection("idempotency_keys");
        this.retention = retention;
        indexSet.ensure(records, List.of(
                IndexSet.unique(TENANT, KEY),
                // the tenant's expired answers, removed when it saves one (the embedded store has no TTL)
                IndexSet.index(TENANT, EXPIRES_AT),
                new IndexModel(Indexes.ascending(EXPIRES_AT), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS))));
    }

    /** An answer as it was sent. */
    public record Answer(String fingerprint, int status, String contentType, byte[] body) {
    }

    /** The live answer remembered for {@code key}; an expired one is removed (in the current unit) and not returned. */
    public @Nullable Answer find(String tenantId, String key) {
        Document found = records.find(and(eq(TENANT, tenantId), eq(KEY, key))).limit(1).first();
        if (found == null) {
            return null;
        }
        if (!found.getDate(EXPIRES_AT).toInstant().isAfter(Instant.now())) {
            records.deleteOne(and(eq(TENANT, tenantId), eq("_id", found.get("_id"))));
            return null;
        }
        return new Answer(found.getString("fingerprint"), found.getInteger("status"), found.getString("content_type"),
                found.get("body", Binary.class).getData());
    }

    /**
     * Remembers {@code answer}, or returns false when it is too large to be kept in one document (the caller then
     * gives up the request). The unique index refuses a second answer for one key: inside a transaction that
     * conflicts with a concurrent request that used the same key, and one of them runs again (and replays). The
     * tenant's expired answers go at the same time: the TTL index does that on MongoDB, but not on the embedded store.
     */
    public boolean save(String tenantId, String key, Answer answer) {
        if (answer.body().length > MAX_REMEMBERED_BYTES) {
            return false;
        }
        Date now = new Date();
        records.deleteMany(and(eq(TENANT, tenantId), lt(EXPIRES_AT, now)));
        records.insertOne(new Document("_id", new ObjectId()).append(TENANT, tenantId).append(KEY, key)
                .append("fingerprint", answer.fingerprint()).append("status", answer.status())
                .append("content_type", answer.contentType()).append("body", new Binary(answer.body()))
                .append("created_at", now).append(EXPIRES_AT, Date.from(now.toInstant().plus(retention))));
        return true;
    }
}
