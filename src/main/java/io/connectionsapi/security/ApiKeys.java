package io.connectionsapi.security;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.connectionsapi.store.IndexSet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The stored keys, read and written through Spring Data MongoDB's {@link MongoTemplate} as {@link KeyDocument}
 * records (snake_case names by the configured field naming strategy). A key is kept only as the SHA-256 of its
 * secret: secrets are 256 random bits, so a fast hash is enough to make a stolen database useless for calling
 * the API.
 */
@Repository
public class ApiKeys {

    public static final String DEFAULT_TENANT = "default";
    static final String COLLECTION = "api_keys";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MongoTemplate template;

    ApiKeys(MongoTemplate template, IndexSet indexSet) {
        this.template = template;
        indexSet.ensure(template.getCollection(COLLECTION), List.of(
                new IndexModel(Indexes.ascending("key_hash"), new IndexOptions().unique(true)),
                new IndexModel(Indexes.ascending("tenant_id", "created_at"))));
    }

    /** A new key; the returned secret exists nowhere else. */
    Created create(String tenantId, String name, Set<Scope> scopes, @Nullable Instant expiresAt) {
        String secret = "cak_" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
        KeyDocument key = KeyDocument.of(tenantId, name, scopes, expiresAt, secret);
        template.insert(key, COLLECTION);
        return new Created(key.toStoredKey(), secret);
    }

    /** Makes sure {@code secret} is a key of the default tenant with every scope. */
    StoredKey ensure(String secret, String name) {
        StoredKey existing = findActive(secret);
        if (existing != null) {
            return existing;
        }
        KeyDocument key = KeyDocument.of(DEFAULT_TENANT, name, EnumSet.allOf(Scope.class), null, secret);
        // a revoked record of this secret makes way for the new one (deleting only revoked ones is safe to repeat)
        template.remove(query(where("key_hash").is(key.keyHash()).and("revoked_at").ne(null)), COLLECTION);
        // Instances starting at once with the same key race here: one upsert inserts, the others find its document
        // (MongoDB retries an upsert that loses such a race on the unique index; an older server or the embedded
        // store reports the duplicate instead, and the key is read back).
        Document fields = new Document();
        template.getConverter().write(key, fields);
        try {
            KeyDocument stored = template.findAndModify(query(where("key_hash").is(key.keyHash())),
                    Update.fromDocument(new Document("$setOnInsert", fields)),
                    FindAndModifyOptions.options().upsert(true).returnNew(true), KeyDocument.class, COLLECTION);
            return Objects.requireNonNull(stored, "an upsert returning the document after returns one").toStoredKey();
        } catch (DuplicateKeyException e) {
            StoredKey winner = findActive(secret);
            if (winner == null) {
                throw e;
            }
            return winner;
        }
    }

    @Nullable StoredKey findActive(String secret) {
        KeyDocument found = template.findOne(active().addCriteria(where("key_hash").is(hash(secret))), KeyDocument.class, COLLECTION);
        return found == null ? null : found.toStoredKey();
    }

    boolean anyActive() {
        return template.exists(active(), COLLECTION);
    }

    List<StoredKey> listActive() {
        return template.find(active().with(Sort.by("tenant_id", "created_at", "_id")), KeyDocument.class, COLLECTION)
                .stream().map(KeyDocument::toStoredKey).toList();
    }

    /** Records that the key was used (callers do this at most once a minute per key). */
    void touch(String keyId, Instant when) {
        template.updateFirst(query(where("_id").is(keyId)), new Update().max("last_used_at", Date.from(when)), COLLECTION);
    }

    /** Revokes the key; false if there is no such active key. */
    boolean revoke(String keyId) {
        return template.updateFirst(active().addCriteria(where("_id").is(keyId)), Update.update("revoked_at", new Date()),
                COLLECTION).getModifiedCount() == 1;
    }

    /** Not revoked: {@code revoked_at} null or absent. */
    private static Query active() {
        return query(where("revoked_at").is(null));
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

    /** A key's document: the secret only as its hash; dates as BSON dates, to the millisecond. */
    record KeyDocument(@Id String id, String tenantId, String name, List<String> scopes, String keyHash, Instant createdAt,
            @Nullable Instant expiresAt, @Nullable Instant lastUsedAt, @Nullable Instant revokedAt) {

        static KeyDocument of(String tenantId, String name, Set<Scope> scopes, @Nullable Instant expiresAt, String secret) {
            return new KeyDocument("key_" + HexFormat.of().formatHex(randomBytes(8)), tenantId, name,
                    EnumSet.copyOf(scopes).stream().map(Scope::wireName).toList(), hash(secret),
                    Instant.now().truncatedTo(ChronoUnit.MILLIS), expiresAt, null, null);
        }

        StoredKey toStoredKey() {
            EnumSet<Scope> granted = EnumSet.noneOf(Scope.class);
            scopes.forEach(scope -> granted.add(Scope.fromWire(scope)));
            return new StoredKey(id, tenantId, name, granted, createdAt, expiresAt, lastUsedAt);
        }
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
