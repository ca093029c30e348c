package io.connectionsapi.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.connectionsapi.CannotStartException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes a collection's indexes what the code declares, on a store that may already have them in another form:
 * <ul>
 * <li>an index with the same keys and the same meaning (unique, partial filter) is accepted whatever its name,
 * with a log line, so that an index a DBA created ahead is not an {@code IndexOptionsConflict} at every start;</li>
 * <li>a changed TTL is applied in place with {@code collMod} (rebuilding an index to change its TTL would cost a
 * full build);</li>
 * <li>an index with the same keys but another meaning stops the start, saying which index to drop: creating ours
 * would fail, and keeping theirs would, for a unique index, let duplicates in;</li>
 * <li>indexes this version does not declare are left alone and listed once in the log.</li>
 * </ul>
 * Only missing indexes are created, so a restart sends one {@code listIndexes} per collection and nothing else.
 * Unique indexes are built before the start goes on, whatever it takes: the server's correctness rests on them.
 * Query indexes are waited for at most {@code connections.store.index-build-wait}: on a big collection MongoDB
 * builds them while reads and writes go on, and the server starts serving meanwhile (queries that need them are
 * slower until the build ends, which is logged). Several instances starting at once send the same commands, which
 * MongoDB treats as one.
 */
@Component
public class IndexSet {

    private static final Logger log = LoggerFactory.getLogger(IndexSet.class);
    private final MongoDatabase database;
    private final boolean embedded;
    private final Duration buildWait;

    IndexSet(MongoDatabase database, StoreProperties store) {
        this.database = database;
        this.embedded = store.embedded();
        this.buildWait = store.indexBuildWait();
    }

    /**
     * The indexes a tenant collection's lists need, by the equality-sort-range rule: {tenant_id, defaultSort,
     * tieBreak} for the default order, then {tenant_id, F, defaultSort, tieBreak} for each field F, which serves
     * both the sort by F (its ties in the default order) and the filter on F with the default order; for each field
     * of {@code usuallyUnset} the same index holds only the documents where it is set ({@link #presentOnly}).
     */
    public static List<IndexModel> forLists(String defaultSort, String tieBreak, List<String> fields,
            List<String> usuallyUnset) {
        List<IndexModel> indexes = new ArrayList<>();
        indexes.add(index("tenant_id", defaultSort, tieBreak));
        fields.forEach(field -> indexes.add(index("tenant_id", field, defaultSort, tieBreak)));
        usuallyUnset.forEach(field -> indexes.add(presentOnly(field, "tenant_id", field, defaultSort, tieBreak)));
        return indexes;
    }

    /** An ascending index on {@code keys}, in order. */
    public static IndexModel index(String... keys) {
        return new IndexModel(Indexes.ascending(keys));
    }

    /** A unique ascending index on {@code keys}, in order. */
    public static IndexModel unique(String... keys) {
        return new IndexModel(Indexes.ascending(keys), new IndexOptions().unique(true));
    }

    /**
     * An index on {@code keys} of only the documents whose {@code field} is a non-empty string, for a field most
     * documents leave unset (stored as null or absent). {@code $gt: ""} rather than {@code $exists}: it leaves the
     * stored nulls out, and an equality on a non-empty string is provably within it, so MongoDB's planner uses it
     * for such filters (the documented subset rule for comparisons).
     */
    public static IndexModel presentOnly(String field, String... keys) {
        return new IndexModel(Indexes.ascending(keys),
                new IndexOptions().partialFilterExpression(new Document(field, new Document("$gt", ""))));
    }

    /** Brings {@code collection}'s indexes to {@code declared}; see the class comment for what that means. */
    public void ensure(MongoCollection<Document> operations, List<IndexModel> declared) {
        // no timeoutMS: interrupting createIndexes aborts the build (it would start over at the next start)
        MongoCollection<Document> collection = operations.withTimeout(0, TimeUnit.MILLISECONDS);
        String name = collection.getNamespace().getCollectionName();
        List<BsonDocument> existing = collection.listIndexes(BsonDocument.class).into(new ArrayList<>());
        List<IndexModel> unique = new ArrayList<>();
        List<IndexModel> query = new ArrayList<>();
        List<BsonDocument> matched = new ArrayList<>();
        for (IndexModel model : declared) {
            BsonDocument keys = model.getKeys().toBsonDocument();
            IndexOptions options = model.getOptions();
            BsonDocument present = existing.stream().filter(index -> sameKeys(index.getDocument("key"), keys)).findFirst()
                    .orElse(null);
            if (present == null) {
                (options.isUnique() ? unique : query).add(model);
                continue;
            }
            matched.add(present);
            String presentName = present.getString("name").getValue();
            String difference = difference(present, options);
            if (difference != null) {
                throw new CannotStartException("Index '" + presentName + "' on " + name + " has the keys of one this server"
                        + " needs (" + keys.toJson() + ") but " + difference + ".",
                        "Drop it (db." + name + ".dropIndex(\"" + presentName + "\")) and start again: the server creates"
                        + " its own.", null);
            }
            Long ttl = options.getExpireAfter(TimeUnit.SECONDS);
            BsonValue presentTtl = present.get("expireAfterSeconds");
            if (!Objects.equals(ttl, presentTtl == null ? null : presentTtl.asNumber().longValue())) {
                changeTtl(collection, model, presentName, ttl);
            }
            String declaredName = options.getName() == null ? defaultName(keys) : options.getName();
            if (!presentName.equals(declaredName)) {
                log.info("Index '{}' on {} serves as the index {} this server needs", presentName, name, keys.toJson());
            }
        }
        List<String> unused = existing.stream().filter(index -> !matched.contains(index))
                .map(index -> index.getString("name").getValue()).filter(index -> !index.equals("_id_")).toList();
        if (!unused.isEmpty()) {
            log.info("Indexes on {} that this version does not use: {}; drop them if nothing else needs them", name, unused);
        }
        if (!unique.isEmpty()) {
            collection.createIndexes(unique);
        }
        if (!query.isEmpty()) {
            buildQueryIndexes(collection, query);
        }
    }

    /** Waits for the build at most {@link #buildWait}, then lets it finish while the server starts. */
    private void buildQueryIndexes(MongoCollection<Document> collection, List<IndexModel> models) {
        String name = collection.getNamespace().getCollectionName();
        CompletableFuture<Void> build = CompletableFuture.runAsync(() -> collection.createIndexes(models), runnable -> {
            Thread thread = new Thread(runnable, "index-build-" + name);
            thread.setDaemon(true);
            thread.start();
        });
        try {
            build.get(buildWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("Building {} indexes on {} takes longer than {} (connections.store.index-build-wait): the server starts"
                    + " now and MongoDB goes on building them; lists that need them are slower until then", models.size(),
                    name, buildWait);
            build.whenComplete((done, failure) -> {
                if (failure == null) {
                    log.info("The indexes on {} are built", name);
                } else {
                    log.error("Building the indexes on {} failed: {}", name, failure.getMessage());
                }
            });
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the indexes on " + name, e);
        }
    }

    /**
     * {@code collMod} changes a TTL without a rebuild. The embedded store has no {@code collMod} (and no TTL
     * expiry either): there the index is dropped and created again, which costs nothing.
     */
    private void changeTtl(MongoCollection<Document> collection, IndexModel model, String indexName, @Nullable Long ttl) {
        String name = collection.getNamespace().getCollectionName();
        if (embedded) {
            collection.dropIndex(indexName);
            collection.createIndexes(List.of(model));
        } else {
            database.runCommand(new Document("collMod", name).append("index",
                    new Document("keyPattern", model.getKeys()).append("expireAfterSeconds", ttl)));
        }
        log.info("Index '{}' on {} now expires documents after {} s", indexName, name, ttl);
    }

    /** Why an index with the declared keys does not do what the declared one does, or null when it does. */
    private static @Nullable String difference(BsonDocument present, IndexOptions declared) {
        boolean presentUnique = present.getBoolean("unique", org.bson.BsonBoolean.FALSE).getValue();
        if (presentUnique != declared.isUnique()) {
            return declared.isUnique() ? "it is not unique" : "it is unique, which would refuse valid writes";
        }
        BsonDocument presentFilter = present.getDocument("partialFilterExpression", null);
        BsonDocument declaredFilter = declared.getPartialFilterExpression() == null ? null
                : declared.getPartialFilterExpression().toBsonDocument();
        if (!Objects.equals(presentFilter, declaredFilter)) {
            return "its partial filter is " + (presentFilter == null ? "absent" : presentFilter.toJson())
                    + " instead of " + (declaredFilter == null ? "absent" : declaredFilter.toJson());
        }
        boolean presentSparse = present.getBoolean("sparse", org.bson.BsonBoolean.FALSE).getValue();
        if (presentSparse != declared.isSparse()) {
            return presentSparse ? "it is sparse" : "it is not sparse";
        }
        return null;
    }

    /**
     * Same fields in the same order with the same directions, 1 and 1.0 (a shell's index) alike. Not
     * {@code BsonDocument.equals}, which ignores the order.
     */
    private static boolean sameKeys(BsonDocument a, BsonDocument b) {
        List<Map.Entry<String, BsonValue>> left = List.copyOf(a.entrySet());
        List<Map.Entry<String, BsonValue>> right = List.copyOf(b.entrySet());
        if (left.size() != right.size()) {
            return false;
        }
        for (int i = 0; i < left.size(); i++) {
            BsonValue x = left.get(i).getValue();
            BsonValue y = right.get(i).getValue();
            boolean same = left.get(i).getKey().equals(right.get(i).getKey())
                    && (x.equals(y) || x.isNumber() && y.isNumber() && x.asNumber().doubleValue() == y.asNumber().doubleValue());
            if (!same) {
                return false;
            }
        }
        return true;
    }

    /** The name MongoDB gives an index it is not given a name for: field_direction joined by underscores. */
    static String defaultName(BsonDocument keys) {
        List<String> parts = new ArrayList<>();
        keys.forEach((field, direction) -> parts.add(field + "_" + (direction.isNumber() ? direction.asNumber().intValue()
                : direction.asString().getValue())));
        return String.join("_", parts);
    }
}
