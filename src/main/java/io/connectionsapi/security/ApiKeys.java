package io.connectionsapi.security;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.ne;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.connectionsapi.store.IndexSet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/**
 * The stored keys. A key is kept only as the SHA-256 of its secret: secrets are 256 random bits, so a fast hash
 * is enough to make a stolen database useless for calling the API.
 */
@Repository
public class ApiKeys {

    public static final String DEFAULT_TENANT = "default";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MongoCollection<Document> keys;

    ApiKeys(MongoDatabase database, IndexSet indexSet) {
        this.keys = database.getCollection("api_keys");
        indexSet.ensure(keys, List.of(
                new IndexModel(Indexes.ascending("key_hash"), new IndexOptions().unique(true)),
                new IndexModel(Indexes.ascending("tenant_id", "created_at"))));
    }

    /** A new key; the returned secret exists nowhere else. */
    Created create(String tenantId, String name, Set<Scope> scopes, @Nullable Instant expiresAt) {
        String secret = "cak_" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
        StoredKey key = new StoredKey("key_" + HexFormat.of().formatHex(randomBytes(8)), tenantId, name,
                EnumSet.copyOf(scopes), Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), expiresAt, null);
        keys.insertOne(toDocument(key, secret));
        return new Created(key, secret);
    }

    /** Makes sure {@code secret} is a key of the default tenant with every scope. */
    StoredKey ensure(String secret, String name) {
        StoredKey existing = findActive(secret);
        if (existing != null) {
            return existing;
        }
        StoredKey key = new StoredKey("key_" + HexFormat.of().formatHex(randomBytes(8)), DEFAULT_TENANT, name,
                EnumSet.allOf(Scope.class), Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), null, null);
        String hash = hash(secret);
        // a revoked record of this secret makes way for the new one (deleting only revoked ones is safe to repeat)
        keys.deleteMany(and(eq("key_hash", hash), ne("revoked_at", null)));
        // Instances starting at once with the same key race here: one upsert inserts, the others find its document
        // (MongoDB retries an upsert that loses such a race on the unique index; an older server or the embedded
        // store reports the duplicate instead, and the key is read back).
        try {
            Document stored = keys.findOneAndUpdate(eq("key_hash", hash), new Document("$setOnInsert", toDocument(key, secret)),
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
            return fromDocument(java.util.Objects.requireNonNull(stored, "an upsert returning the document after returns one"));
        } catch (MongoCommandException | MongoWriteException e) {
            StoredKey winner = ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY ? findActive(secret) : null;
            if (winner == null) {
                throw e;
            }
            return winner;
        }
    }

    @Nullable StoredKey findActive(String secret) {
        Document found = keys.find(and(eq("key_hash", hash(secret)), eq("revoked_at", null))).first();
        return found == null ? null : fromDocument(found);
    }

    boolean anyActive() {
        return keys.find(eq("revoked_at", null)).limit(1).first() != null;
    }

    List<StoredKey> listActive() {
        return keys.find(eq("revoked_at", null)).sort(Sorts.ascending("tenant_id", "created_at", "_id"))
                .map(ApiKeys::fromDocument).into(new ArrayList<>());
    }

    /** Records that the key was used (callers do this at most once a minute per key). */
    void touch(String keyId, Instant when) {
        keys.updateOne(eq("_id", keyId), Updates.max("last_used_at", Date.from(when)));
    }

    /** Revokes the key; false if there is no such active key. */
    boolean revoke(String keyId) {
        return keys.updateOne(and(eq("_id", keyId), eq("revoked_at", null)),
                Updates.set("revoked_at", new Date())).getModifiedCount() == 1;
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static Document toDocument(StoredKey key, String secret) {
        return new Document("_id", key.keyId())
                .append("tenant_id", key.tenantId())
                .append("name", key.name())
                .append("scopes", key.scopes().stream().map(Scope::wireName).toList())
                .append("key_hash", hash(secret))
                .append("created_at", Date.from(key.createdAt()))
                .append("expires_at", key.expiresAt() == null ? null : Date.from(key.expiresAt()))
                .append("last_used_at", null)
                .append("revoked_at", null);
    }

    private static StoredKey fromDocument(Document document) {
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        document.getList("scopes", String.class).forEach(scope -> scopes.add(Scope.fromWire(scope)));
        return new StoredKey(document.getString("_id"), document.getString("tenant_id"), document.getString("name"),
                scopes, document.getDate("created_at").toInstant(), instant(document.getDate("expires_at")),
                instant(document.getDate("last_used_at")));
    }

    private static @Nullable Instant instant(@Nullable Date date) {
        return date == null ? null : date.toInstant();
    }

    /** A key as stored, without its secret. */
    record StoredKey(String keyId, String tenantId, String name, Set<Scope> scopes, Instant createdAt,
            @Nullable Instant expiresAt, @Nullable Instant lastUsedAt) {

        boolean expiredAt(Instant now) {
            return expiresAt != null && !now.isBefore(expiresAt);
        }
    }

    /** A key just made, with the secret that is shown this once. */
    record Created(StoredKey key, String secret) {
    }
}
