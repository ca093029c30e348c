package io.connectionsapi.bench;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.json.JsonWriterSettings;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;

/**
 * The benchmark's yardstick: the requests the benchmark sends, answered with the MongoDB Java driver alone, in
 * the fewest commands that give the same answer to a valid request, on the same kind of store as the server
 * (with the same documents and indexes). It checks only the API key and validates nothing else: whatever the
 * server does beyond this (validation, all-or-nothing checks, Spring MVC, Jackson, filters, metrics, the access
 * log) is what the benchmark's ratios measure. Only the requests the benchmark sends are implemented.
 * <p>
 * Runs in a JVM of its own, as the server does: {@code BareServer <port> <api key> <data dir | MongoDB URI>}.
 */
public final class BareServer {

    private static final String TENANT = "tenant_id";
    private static final String TENANT_ID = "default"; // the tenant of the server's configured key
    private static final String FROM = "connection_from_entity";
    private static final String TO = "connection_to_entity";
    private static final String ENTITY_ID = "connection_entity_id";
    private static final String ENTITY_TYPE = "connection_entity_type";
    private static final String ENTITY_DATA = "connection_entity_data";

    /** Dates as ISO-8601 strings, as the server writes them. */
    private static final JsonWriterSettings JSON = JsonWriterSettings.builder()
            .dateTimeConverter((millis, writer) -> writer.writeString(Instant.ofEpochMilli(millis).toString()))
            .build();

    private final String apiKey;
    private final MongoCollection<Document> connections;
    private final MongoCollection<Document> entities;
    private final MongoCollection<Document> labels;
    private final MongoCollection<Document> mappings;
    /** The embedded store's file, committed after every write request; null on MongoDB. */
    private final MVStore mvStore;
    /** Write requests run one at a time on the embedded store: a commit covers everything pending. */
    private final ReentrantLock writes = new ReentrantLock();

    private BareServer(String apiKey, MongoDatabase database, MVStore mvStore) {
        this.apiKey = apiKey;
        this.mvStore = mvStore;
        this.connections = database.getCollection("connections");
        this.entities = database.getCollection("entities");
        this.labels = database.getCollection("labels");
        this.mappings = database.getCollection("label_mappings");
        createIndexes();
    }

    public static void main(String[] args) throws IOException {
        // The JDK's HttpServer writes the headers and the body of an answer separately; without TCP_NODELAY, Nagle's
        // algorithm holds the body back until the client's delayed ACK (40 ms on Linux) on every keep-alive request.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int port = Integer.parseInt(args[0]);
        String key = args[1];
        String store = args[2];
        MongoClient client;
        MVStore mvStore = null;
        if (store.startsWith("mongodb://") || store.startsWith("mongodb+srv://")) {
            client = MongoClients.create(store);
        } else {
            // the server's embedded store, opened the same way: nothing reaches the file but explicit commits
            Path dir = Files.createDirectories(Path.of(store));
            mvStore = new MVStore.Builder().fileName(dir.resolve("bare.mv.db").toString())
                    .autoCommitDisabled().autoCommitBufferSize(0).open();
            MongoServer mongo = new MongoServer(new H2Backend(mvStore));
            mongo.bind(new InetSocketAddress("127.0.0.1", 0));
            client = MongoClients.create("mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort());
        }
        MongoDatabase database = client.getDatabase(databaseName(store));
        new BareServer(key, database, mvStore).serve(port);
    }

    private static String databaseName(String store) {
        if (!store.startsWith("mongodb")) {
            return "connections";
        }
        String name = new com.mongodb.ConnectionString(store).getDatabase();
        return name == null ? "bench_bare" : name;
    }

    /** The server's indexes, so that both sides keep the same data the same way (and MongoDB can use them). */
    private void createIndexes() {
        List<IndexModel> indexes = new ArrayList<>();
        for (String field : List.of("strength", "priority", "status", "created_at", "updated_at", "starts_at",
                "ends_at", FROM + "." + ENTITY_ID, TO + "." + ENTITY_ID, FROM + "." + ENTITY_TYPE, TO + "." + ENTITY_TYPE,
                FROM + "." + ENTITY_DATA + ".external_id", TO + "." + ENTITY_DATA + ".external_id",
                "location_id", "configuration_id")) {
            indexes.add(new IndexModel(Indexes.ascending(TENANT, field, "_id")));
        }
        connections.createIndexes(indexes);
        entities.createIndexes(List.of(
                new IndexModel(Indexes.ascending(TENANT, ENTITY_ID), new IndexOptions().unique(true)),
                new IndexModel(Indexes.ascending(TENANT, ENTITY_TYPE, ENTITY_ID)),
                new IndexModel(Indexes.ascending(TENANT, ENTITY_DATA + ".external_id")),
                new IndexModel(Indexes.ascending(TENANT, "created_at", ENTITY_ID)),
                new IndexModel(Indexes.ascending(TENANT, "updated_at", ENTITY_ID))));
        List<IndexModel> labelIndexes = new ArrayList<>();
        labelIndexes.add(new IndexModel(Indexes.ascending(TENANT, "type_key", "name_key"), new IndexOptions().unique(true)));
        for (String field : List.of("name_key", "type_key", "name", "type", "status", "created_at", "updated_at")) {
            labelIndexes.add(new IndexModel(Indexes.ascending(TENANT, field, "_id")));
        }
        labels.createIndexes(labelIndexes);
        List<IndexModel> mappingIndexes = new ArrayList<>();
        mappingIndexes.add(new IndexModel(Indexes.ascending(TENANT, "label_id", "entity_id"), new IndexOptions().unique(true)));
        for (String field : List.of("label_id", "entity_id", "entity_type", "details.external_id", "created_at", "updated_at")) {
            mappingIndexes.add(new IndexModel(Indexes.ascending(TENANT, field, "_id")));
        }
        mappings.createIndexes(mappingIndexes);
    }

    private void serve(int port) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        // as many threads as the benchmark may have requests in flight, and then some
        http.setExecutor(Executors.newFixedThreadPool(32));
        http.createContext("/ready", exchange -> respond(exchange, 200, new Document("status", "UP")));
        http.createContext("/connections/v1/connections", exchange -> handle(exchange, switch (exchange.getRequestMethod()) {
            case "GET" -> this::listConnections;
            case "POST" -> this::createConnections;
            case "PUT" -> this::updateConnections;
            default -> null;
        }));
        http.createContext("/connections/v1/labels", exchange -> handle(exchange, switch (exchange.getRequestMethod()) {
            case "POST" -> this::createLabels;
            case "DELETE" -> this::deleteLabels;
            default -> null;
        }));
        http.createContext("/connections/v1/labels/mapping", exchange -> handle(exchange,
                exchange.getRequestMethod().equals("POST") ? this::createMappings : null));
        http.start();
    }

    /** One request: what it answers with, given the exchange. */
    @FunctionalInterface
    private interface Handler {
        Answer answer(HttpExchange exchange) throws IOException;
    }

    private record Answer(int status, Document body) {
    }

    private void handle(HttpExchange exchange, Handler handler) throws IOException {
        try {
            if (!apiKey.equals(exchange.getRequestHeaders().getFirst("x-api-key"))) {
                respond(exchange, 401, error("unauthorized"));
            } else if (handler == null) {
                respond(exchange, 405, error("method_not_allowed"));
            } else {
                Answer answer = handler.answer(exchange);
                respond(exchange, answer.status(), answer.body());
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            respond(exchange, 500, error(e.toString()));
        }
    }

    // ---- connections ----

    /** Filters as the server's list: one count and one find for the page, by created_at then _id. */
    private Answer listConnections(HttpExchange exchange) {
        Map<String, String> query = query(exchange);
        List<Bson> conditions = new ArrayList<>(List.of(eq(TENANT, TENANT_ID)));
        if (query.containsKey("connection_id")) {
            conditions.add(eq("_id", query.get("connection_id")));
        }
        if (query.containsKey("entity_id")) {
            String id = query.get("entity_id");
            conditions.add(or(eq(FROM + "." + ENTITY_ID, id), eq(TO + "." + ENTITY_ID, id)));
        }
        if (query.containsKey("external_id")) {
            String id = query.get("external_id");
            List<String> types = List.of("PERSON", "TEAM");
            conditions.add(or(
                    and(eq(FROM + "." + ENTITY_DATA + ".external_id", id), in(FROM + "." + ENTITY_TYPE, types)),
                    and(eq(TO + "." + ENTITY_DATA + ".external_id", id), in(TO + "." + ENTITY_TYPE, types))));
        }
        int skip = Integer.parseInt(query.getOrDefault("skip", "0"));
        int limit = Integer.parseInt(query.getOrDefault("limit", "25"));
        Bson filter = and(conditions);
        long total = connections.countDocuments(filter);
        List<Document> page = total <= skip ? List.of() : connections.find(filter)
                .sort(Sorts.ascending("created_at", "_id")).skip(skip).limit(limit).batchSize(limit)
                .map(BareServer::shown).into(new ArrayList<>());
        Document pagination = new Document("current_results", new Document("from", skip + 1L).append("to", (long) skip + page.size()))
                .append("total_results", total);
        // the server's list envelope: the pagination inside data (guide) and beside it (OpenAPI)
        return new Answer(200, new Document("success", true)
                .append("data", new Document("connections", page).append("pagination", pagination))
                .append("pagination", pagination).append("identifier", "get_connections_successful"));
    }

    /**
     * One query for the entities the batch names, one insert of those it brings new (GUIDE form: whole objects),
     * one insert of the connections, each showing a copy of both entities as the server stores them.
     */
    private Answer createConnections(HttpExchange exchange) throws IOException {
        List<Document> items = body(exchange).getList("connections", Document.class);
        Set<String> named = new LinkedHashSet<>();
        for (Document item : items) {
            named.add(sideId(item, FROM));
            named.add(sideId(item, TO));
        }
        return write(() -> {
            Map<String, Document> known = new HashMap<>();
            entities.find(and(eq(TENANT, TENANT_ID), in(ENTITY_ID, named))).batchSize(Math.max(named.size(), 2))
                    .forEach(entity -> known.put(entity.getString(ENTITY_ID), entity));
            Date now = new Date();
            List<Document> added = new ArrayList<>();
            for (Document item : items) {
                for (String side : List.of(FROM, TO)) {
                    Document object = item.get(side, Document.class);
                    if (object != null && !known.containsKey(object.getString(ENTITY_ID))) {
                        Document entity = new Document("_id", new ObjectId().toHexString()).append(TENANT, TENANT_ID)
                                .append(ENTITY_ID, object.getString(ENTITY_ID)).append(ENTITY_TYPE, object.getString(ENTITY_TYPE))
                                .append(ENTITY_DATA, object.get(ENTITY_DATA, new Document()))
                                .append("created_at", now).append("updated_at", now);
                        known.put(object.getString(ENTITY_ID), entity);
                        added.add(entity);
                    }
                }
            }
            if (!added.isEmpty()) {
                entities.insertMany(added);
            }
            List<Document> created = new ArrayList<>();
            for (Document item : items) {
                Document from = known.get(sideId(item, FROM));
                Document to = known.get(sideId(item, TO));
                if (from == null || to == null) {
                    return new Answer(400, error("an entity named by ID is not in the directory"));
                }
                created.add(new Document("_id", new ObjectId().toHexString()).append(TENANT, TENANT_ID)
                        .append("strength", item.get("strength")).append("priority", item.get("priority", 1L))
                        .append("status", item.get("status", "ACTIVE"))
                        .append("configuration_id", item.get("configuration_id")).append("location_id", item.get("location_id"))
                        .append("starts_at", null).append("ends_at", null).append("notes", item.get("notes"))
                        .append(FROM, shownEntity(from)).append(TO, shownEntity(to))
                        .append("created_at", now).append("updated_at", now));
            }
            connections.insertMany(created);
            return ok("create_connections_successful", created.stream().map(BareServer::shown).toList());
        });
    }

    /** One bulk write of a {@code $set} per connection, and one query for the answer. */
    private Answer updateConnections(HttpExchange exchange) throws IOException {
        List<Document> items = body(exchange).getList("connections", Document.class);
        return write(() -> {
            Date now = new Date();
            List<WriteModel<Document>> sets = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (Document item : items) {
                String id = item.getString(item.containsKey("connection_id") ? "connection_id" : "_id");
                List<Bson> changes = new ArrayList<>();
                item.forEach((field, value) -> {
                    if (!field.equals("connection_id") && !field.equals("_id")) {
                        changes.add(Updates.set(field, value));
                    }
                });
                changes.add(Updates.set("updated_at", now));
                sets.add(new UpdateOneModel<>(and(eq(TENANT, TENANT_ID), eq("_id", id)), Updates.combine(changes)));
                ids.add(id);
            }
            connections.bulkWrite(sets, new BulkWriteOptions().ordered(false));
            List<Document> updated = connections.find(and(eq(TENANT, TENANT_ID), in("_id", ids)))
                    .batchSize(Math.max(ids.size(), 2)).map(BareServer::shown).into(new ArrayList<>());
            return ok("update_connections_successful", updated);
        });
    }

    // ---- labels and mappings ----

    /** One insert of the labels and one of their directory entries (type LABEL), as the server keeps them. */
    private Answer createLabels(HttpExchange exchange) throws IOException {
        List<Document> items = body(exchange).getList("labels", Document.class);
        return write(() -> {
            Date now = new Date();
            List<Document> created = new ArrayList<>();
            List<Document> entries = new ArrayList<>();
            for (Document item : items) {
                String id = new ObjectId().toHexString();
                String name = item.getString("name");
                String type = item.getString("type");
                Document details = item.get("details", new Document());
                created.add(new Document("_id", id).append(TENANT, TENANT_ID).append("name", name).append("type", type)
                        .append("name_key", key(name)).append("type_key", key(type)).append("details", details)
                        .append("flags", new Document("connectable", true)).append("location_id", null)
                        .append("configuration_id", null).append("status", "ACTIVE")
                        .append("created_at", now).append("updated_at", now));
                entries.add(new Document("_id", new ObjectId().toHexString()).append(TENANT, TENANT_ID)
                        .append(ENTITY_ID, id).append(ENTITY_TYPE, "LABEL")
                        .append(ENTITY_DATA, new Document("name", name).append("type", type).append("details", details))
                        .append("connectable", true).append("created_at", now).append("updated_at", now));
            }
            labels.insertMany(created);
            entities.insertMany(entries);
            return new Answer(201, envelope("create_labels_successful",
                    new Document("labels", created.stream().map(BareServer::shown).toList())));
        });
    }

    /** Deletes, in one command each, the labels' mappings, their connections, their directory entries, and them. */
    private Answer deleteLabels(HttpExchange exchange) throws IOException {
        List<String> ids = body(exchange).getList("labels", Document.class).stream()
                .map(item -> item.getString("label_id")).toList();
        return write(() -> {
            long deletedMappings = mappings.deleteMany(and(eq(TENANT, TENANT_ID),
                    or(in("label_id", ids), in("entity_id", ids)))).getDeletedCount();
            long deletedConnections = connections.deleteMany(and(eq(TENANT, TENANT_ID),
                    or(in(FROM + "." + ENTITY_ID, ids), in(TO + "." + ENTITY_ID, ids)))).getDeletedCount();
            entities.deleteMany(and(eq(TENANT, TENANT_ID), in(ENTITY_ID, ids), eq(ENTITY_TYPE, "LABEL")));
            labels.deleteMany(and(eq(TENANT, TENANT_ID), in("_id", ids)));
            return ok("delete_labels_successful", new Document("labels", ids.stream().map(id -> new Document("label_id", id)).toList())
                    .append("deleted_mappings", deletedMappings).append("deleted_connections", deletedConnections));
        });
    }

    /** One insert. */
    private Answer createMappings(HttpExchange exchange) throws IOException {
        List<Document> items = body(exchange).getList("mappings", Document.class);
        return write(() -> {
            Date now = new Date();
            List<Document> created = new ArrayList<>();
            for (Document item : items) {
                created.add(new Document("_id", new ObjectId().toHexString()).append(TENANT, TENANT_ID)
                        .append("label_id", item.getString("label_id")).append("entity_id", item.getString("entity_id"))
                        .append("entity_type", item.getString("entity_type")).append("value", null).append("visibility", null)
                        .append("details", item.get("details", new Document())).append("location_id", null)
                        .append("configuration_id", null).append("status", "ACTIVE")
                        .append("created_at", now).append("updated_at", now));
            }
            mappings.insertMany(created);
            return new Answer(201, envelope("create_mappings_successful",
                    new Document("mappings", created.stream().map(BareServer::shown).toList())));
        });
    }

    // ---- plumbing ----

    /**
     * Runs a write request alone and, on the embedded store, makes it durable before answering (written and forced
     * to disk), as the server does: an answered write that a crash could lose would be less work, not the same.
     */
    private Answer write(java.util.function.Supplier<Answer> work) {
        writes.lock();
        try {
            Answer answer = work.get();
            if (mvStore != null) {
                if (answer.status() < 300) {
                    mvStore.commit();
                    mvStore.sync();
                } else {
                    mvStore.rollback();
                }
            }
            return answer;
        } finally {
            writes.unlock();
        }
    }

    private static String sideId(Document item, String side) {
        Document object = item.get(side, Document.class);
        return object != null ? object.getString(ENTITY_ID) : item.getString(side + "_id");
    }

    /** The copy of an entity a connection shows. */
    private static Document shownEntity(Document entity) {
        return new Document(ENTITY_ID, entity.getString(ENTITY_ID)).append(ENTITY_TYPE, entity.getString(ENTITY_TYPE))
                .append(ENTITY_DATA, entity.get(ENTITY_DATA, new Document()));
    }

    /** A stored document as clients see it: without the tenant. */
    private static Document shown(Document stored) {
        Document copy = new Document(stored);
        copy.remove(TENANT);
        return copy;
    }

    private static String key(String value) {
        return value == null ? "" : value.toLowerCase(java.util.Locale.ROOT);
    }

    private static Document body(HttpExchange exchange) throws IOException {
        return Document.parse(new String(exchange.getRequestBody().readAllBytes(), UTF_8));
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), UTF_8));
            }
        }
        return query;
    }

    /** The server's success envelope. */
    private static Document envelope(String identifier, Object data) {
        return new Document("success", true).append("data", data).append("identifier", identifier);
    }

    private static Answer ok(String identifier, Object data) {
        return new Answer(200, envelope(identifier, data));
    }

    private static Document error(String identifier) {
        return new Document("success", false).append("identifier", identifier);
    }

    private static void respond(HttpExchange exchange, int status, Document body) throws IOException {
        byte[] bytes = body.toJson(JSON).getBytes(UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
