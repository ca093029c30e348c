package io.connectionsapi.support;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Checks every command the application's driver sends against the rules a real MongoDB deployment needs, which
 * the embedded store would never enforce: {@link ApiTest} fails a test when one of its requests broke a rule.
 * <ul>
 * <li><b>Tenant isolation:</b> every filter, update, delete, aggregation and distinct on a tenant collection has
 * an equality on {@code tenant_id} (top level or in a top-level {@code $and}); every inserted document has one.
 * It is also the shard key the README recommends, so such queries are targeted at one shard.</li>
 * <li><b>Cursors that close in their first batch:</b> mongod closes a cursor in its first reply only when the
 * reply ends the results: {@code singleBatch}, a {@code limit} no larger than the batch, or fewer possible
 * results than the batch size. A batch exactly as large as the results leaves the cursor open and costs a
 * {@code getMore}; a {@code getMore} on a tenant collection is a violation too.</li>
 * <li><b>Ordered flags as intended</b> ({@link #ORDERED}).</li>
 * </ul>
 * It also keeps the {@code createIndexes} commands of the start, for the golden-file test of the index set.
 */
@TestConfiguration(proxyBeanMethods = false)
public class CommandGuard implements CommandListener {

    /** The collections whose documents belong to a tenant (api_keys and instances are the server's own). */
    static final Set<String> TENANT_COLLECTIONS = Set.of("connections", "entities", "labels", "label_mappings",
            "idempotency_keys");

    /** The first batch mongod returns when the command does not say (find and aggregate). */
    private static final int DEFAULT_FIRST_BATCH = 101;

    /**
     * The {@code ordered} flag each kind of write is meant to send, by command, collection and the shape of its
     * items (see {@link #writeShape}). {@code true} where the items are checked by a unique index and the first
     * refused one must stop the batch (its index is the 409's item, and on a standalone MongoDB what was written
     * before it is undone by hand); {@code false} where the items are independent and none can be refused, so
     * mongod may apply them in any order. A write of a shape not listed here is a violation: decide, then list it.
     */
    static final Map<String, Boolean> ORDERED = Map.ofEntries(
            Map.entry("insert connections", true),
            Map.entry("insert labels", true),
            Map.entry("insert label_mappings", true),
            Map.entry("insert idempotency_keys", true),
            // UniqueWrites.setAll: PUT of labels and mappings, whose new values a unique index may refuse
            Map.entry("update labels one $set", true),
            Map.entry("update label_mappings one $set", true),
            // UniqueWrites.setAll's undo on a standalone MongoDB: puts back what the batch changed before the refusal
            Map.entry("update labels one replace", true),
            Map.entry("update label_mappings one replace", true),
            // Connections.update: each connection's own fields, no unique index but _id
            Map.entry("update connections one $set", false),
            // Connections.refresh: copies of entity data into every connection showing them
            Map.entry("update connections many $set", false),
            // Entities.write: the entities a batch found missing, inserted as read (a duplicate: done again as upserts)
            Map.entry("insert entities", false),
            // Entities.write and saveLabels: upserts whose refusals are all collected and answered as a whole
            Map.entry("update entities one-upsert $set $setOnInsert", false),
            Map.entry("update entities one $set", false),
            Map.entry("update entities one $set|one-upsert $set $setOnInsert", false),
            // References.claim: one updateMany per collection
            Map.entry("update connections many-claim $set", true),
            Map.entry("update entities many-claim $set", true),
            Map.entry("update labels many-claim $set", true),
            // deletes are single statements (deleteMany/deleteOne): the flag does not matter, the driver's default
            Map.entry("delete connections", true),
            Map.entry("delete entities", true),
            Map.entry("delete labels", true),
            Map.entry("delete label_mappings", true),
            Map.entry("delete idempotency_keys", true));

    /**
     * Per tenant collection, the fields unique within a tenant: a find by one of them returns at most as many
     * documents as it names.
     */
    private static final Map<String, List<String>> UNIQUE_KEYS = Map.of(
            "connections", List.of("_id"),
            "entities", List.of("_id", "connection_entity_id"),
            "labels", List.of("_id"),
            "label_mappings", List.of("_id"),
            "idempotency_keys", List.of("_id", "key"));

    /** Set while a test reads or changes the store itself: those commands are not the server's. */
    private static final ThreadLocal<Boolean> OUTSIDE = ThreadLocal.withInitial(() -> false);

    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<BsonDocument> createIndexes = new CopyOnWriteArrayList<>();

    @Bean
    MongoClientSettingsBuilderCustomizer commandGuarding() {
        return settings -> settings.addCommandListener(this);
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        BsonDocument command = event.getCommand();
        if (OUTSIDE.get()) {
            return;
        }
        if (event.getCommandName().equals("createIndexes")) {
            createIndexes.add(command.clone());
        }
        for (String problem : problems(event.getCommandName(), command)) {
            violations.add(problem + " in " + command.toJson());
        }
    }

    /**
     * Runs a test's own access to the store (seeding a clash, ageing a record, reading what was stored) without
     * checking it: the rules are about what the server sends.
     */
    public static <T> T outside(java.util.function.Supplier<T> access) {
        OUTSIDE.set(true);
        try {
            return access.get();
        } finally {
            OUTSIDE.set(false);
        }
    }

    /** The violations since the last call, and forgets them. */
    public List<String> takeViolations() {
        List<String> taken = new ArrayList<>(violations);
        violations.removeAll(taken);
        return taken;
    }

    /** The {@code createIndexes} commands the application sent since it started, in order. */
    public List<BsonDocument> createIndexesCommands() {
        return List.copyOf(createIndexes);
    }

    /** What is wrong with one command; empty when nothing is. */
    static List<String> problems(String name, BsonDocument command) {
        BsonValue target = name.equals("getMore") ? command.get("collection") : command.get(name);
        if (target == null || !target.isString() || !TENANT_COLLECTIONS.contains(target.asString().getValue())) {
            return List.of();
        }
        String collection = target.asString().getValue();
        List<String> problems = new ArrayList<>();
        switch (name) {
            case "find" -> {
                requireTenant(problems, "find filter", command.getDocument("filter", new BsonDocument()));
                requireClosingCursor(problems, command, UNIQUE_KEYS.get(collection));
            }
            case "aggregate" -> {
                BsonArray pipeline = command.getArray("pipeline");
                BsonDocument first = pipeline.isEmpty() ? new BsonDocument() : pipeline.get(0).asDocument();
                requireTenant(problems, "aggregate's first $match", first.getDocument("$match", new BsonDocument()));
                requireClosingCursor(problems, command, List.of());
            }
            case "count", "distinct" -> requireTenant(problems, name + " query", command.getDocument("query", new BsonDocument()));
            case "findAndModify" -> requireTenant(problems, "findAndModify query", command.getDocument("query", new BsonDocument()));
            case "insert" -> {
                for (BsonValue document : command.getArray("documents", new BsonArray())) {
                    if (!isTenantValue(document.asDocument().get("tenant_id"))) {
                        problems.add("an inserted document has no tenant_id");
                    }
                }
                requireOrdered(problems, command, "insert " + collection);
            }
            case "update" -> {
                for (BsonValue update : command.getArray("updates", new BsonArray())) {
                    requireTenant(problems, "update filter", update.asDocument().getDocument("q"));
                }
                requireOrdered(problems, command, "update " + collection + " " + writeShape(command));
            }
            case "delete" -> {
                for (BsonValue delete : command.getArray("deletes", new BsonArray())) {
                    requireTenant(problems, "delete filter", delete.asDocument().getDocument("q"));
                }
                requireOrdered(problems, command, "delete " + collection);
            }
            case "getMore" -> problems.add("a cursor on " + collection + " was left open by its first batch");
            default -> {
                // commands without a filter (createIndexes, listIndexes, ...) cannot leak across tenants
            }
        }
        return problems;
    }

    /**
     * The shapes of an update command's statements, distinct and sorted: "one" or "many", "-upsert", "-claim" for
     * {@code References.claim}'s marks, then the update operators (or "replace").
     */
    static String writeShape(BsonDocument command) {
        java.util.SortedSet<String> shapes = new java.util.TreeSet<>();
        for (BsonValue value : command.getArray("updates", new BsonArray())) {
            BsonDocument update = value.asDocument();
            BsonDocument change = update.get("u").isDocument() ? update.getDocument("u") : new BsonDocument();
            boolean claim = change.containsKey("$set") && change.getDocument("$set").containsKey("claimed_by");
            boolean replacement = change.keySet().stream().noneMatch(field -> field.startsWith("$"));
            String shape = (update.getBoolean("multi", org.bson.BsonBoolean.FALSE).getValue() ? "many" : "one")
                    + (update.getBoolean("upsert", org.bson.BsonBoolean.FALSE).getValue() ? "-upsert" : "")
                    + (claim ? "-claim" : "") + " "
                    + (replacement ? "replace" : String.join(" ", new java.util.TreeSet<>(change.keySet())));
            shapes.add(shape);
        }
        return String.join("|", shapes);
    }

    private static void requireOrdered(List<String> problems, BsonDocument command, String kind) {
        Boolean intended = ORDERED.get(kind);
        boolean sent = command.getBoolean("ordered", org.bson.BsonBoolean.TRUE).getValue();
        if (intended == null) {
            problems.add("a write of a shape no one decided the ordered flag for (" + kind + ", ordered " + sent
                    + "): add it to CommandGuard.ORDERED with the reason");
        } else if (intended != sent) {
            problems.add(kind + " is meant to be ordered " + intended + " but was sent ordered " + sent);
        }
    }

    private static void requireTenant(List<String> problems, String where, BsonDocument filter) {
        if (!hasTenantEquality(filter)) {
            problems.add("the " + where + " has no tenant_id equality");
        }
    }

    static boolean hasTenantEquality(BsonDocument filter) {
        BsonValue tenant = filter.get("tenant_id");
        if (tenant != null && (isTenantValue(tenant)
                || tenant.isDocument() && tenant.asDocument().size() == 1 && isTenantValue(tenant.asDocument().get("$eq")))) {
            return true;
        }
        BsonValue and = filter.get("$and");
        return and != null && and.isArray()
                && and.asArray().stream().anyMatch(part -> part.isDocument() && hasTenantEquality(part.asDocument()));
    }

    private static boolean isTenantValue(BsonValue value) {
        return value != null && value.isString() && !value.asString().getValue().isEmpty();
    }

    private static void requireClosingCursor(List<String> problems, BsonDocument command, List<String> uniqueKeys) {
        boolean aggregate = command.containsKey("aggregate");
        BsonDocument cursor = command.getDocument("cursor", new BsonDocument());
        BsonValue batchValue = aggregate ? cursor.get("batchSize") : command.get("batchSize");
        long firstBatch = batchValue == null ? DEFAULT_FIRST_BATCH : batchValue.asNumber().longValue();
        if (!aggregate && command.getBoolean("singleBatch", org.bson.BsonBoolean.FALSE).getValue()) {
            return;
        }
        long limit = aggregate ? 0 : command.containsKey("limit") ? command.get("limit").asNumber().longValue() : 0;
        if (limit > 0 && limit <= firstBatch) {
            return; // the limit is reached in the first batch, which ends the cursor
        }
        long bound = aggregate ? aggregateBound(command.getArray("pipeline")) : findBound(command.getDocument("filter", new BsonDocument()), uniqueKeys);
        if (bound < 0) {
            problems.add("the cursor may stay open after its first batch (no limit within the batch size, and no bound"
                    + " on the number of results)");
        } else if (bound >= firstBatch) {
            problems.add("the first batch (" + firstBatch + ") is not larger than the most results the query can have ("
                    + bound + "), so the cursor stays open and costs a getMore");
        }
    }

    /**
     * The most documents a find can return, known when it selects by a key unique per tenant: the number of values;
     * -1 when unknown.
     */
    private static long findBound(BsonDocument filter, List<String> uniqueKeys) {
        long bound = -1;
        for (String key : uniqueKeys) {
            BsonValue value = filter.get(key);
            if (value != null) {
                bound = Math.max(bound, valueCount(value));
            }
        }
        BsonValue and = filter.get("$and");
        if (and != null && and.isArray()) {
            for (BsonValue part : and.asArray()) {
                long partBound = part.isDocument() ? findBound(part.asDocument(), uniqueKeys) : -1;
                if (partBound >= 0) {
                    bound = bound < 0 ? partBound : Math.min(bound, partBound);
                }
            }
        }
        return bound;
    }

    private static long valueCount(BsonValue value) {
        if (value.isDocument() && value.asDocument().containsKey("$in")) {
            return value.asDocument().getArray("$in").size();
        }
        return value.isDocument() ? -1 : 1;
    }

    /**
     * The most documents an aggregation can return: one for a {@code $group} on a constant (a count), the number of
     * values of the last {@code $in} before a {@code $group} on a field (one group per value); -1 when unknown.
     */
    private static long aggregateBound(BsonArray pipeline) {
        long values = -1;
        for (BsonValue stage : pipeline) {
            BsonDocument document = stage.asDocument();
            if (document.containsKey("$match")) {
                for (BsonValue condition : document.getDocument("$match").values()) {
                    if (condition.isDocument() && condition.asDocument().containsKey("$in")) {
                        values = condition.asDocument().getArray("$in").size();
                    }
                }
            } else if (document.containsKey("$group")) {
                BsonValue id = document.getDocument("$group").get("_id");
                if (id != null && !(id.isString() && id.asString().getValue().startsWith("$"))) {
                    return 1;
                }
                return values;
            }
        }
        return -1;
    }
}
