package io.connectionsapi.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import io.connectionsapi.support.ApiTest;
import io.connectionsapi.support.CommandGuard;
import io.connectionsapi.support.Golden;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The indexes the server made when it started, against the golden file {@code golden/create-indexes.txt}: a
 * changed index (keys, name, uniqueness, partial filter, TTL) is a reviewed change of that file, never an
 * accident. They are the {@code createIndexes} commands of the start, as the driver sent them, plus the declared
 * indexes a sharded deployment had already made for its shard keys (the server accepted those instead of creating
 * them; a shard key index the server does not declare, such as {@code {tenant_id: 1}}, is left out).
 */
class CreateIndexesTest extends ApiTest {

    private static final Set<String> COLLECTIONS = Set.of("connections", "entities", "labels", "label_mappings",
            "idempotency_keys", "api_keys", "instances");

    @Autowired
    CommandGuard guard;

    @Autowired
    MongoClient client;

    @Autowired
    com.mongodb.client.MongoDatabase database;

    @Test
    void theServerMadeTheIndexesOfTheGoldenFile() {
        TreeSet<String> lines = new TreeSet<>();
        for (BsonDocument command : guard.createIndexesCommands()) {
            String collection = command.getString("createIndexes").getValue();
            if (COLLECTIONS.contains(collection)) { // not the scratch collections of other tests
                command.getArray("indexes").forEach(index -> lines.add(line(collection, index.asDocument())));
            }
        }
        assertThat(lines).as("createIndexes commands seen since the start").isNotEmpty();
        for (String collection : COLLECTIONS) {
            BsonDocument shardKey = shardKey(collection);
            if (shardKey == null) {
                continue;
            }
            List<BsonDocument> existing = CommandGuard.outside(() -> database.getCollection(collection)
                    .listIndexes(BsonDocument.class).into(new ArrayList<>()));
            existing.stream().filter(index -> index.getDocument("key").equals(shardKey)).map(index -> line(collection, index))
                    .filter(line -> declared(line)).forEach(lines::add);
        }
        Golden.assertMatches("golden/create-indexes.txt", String.join("\n", lines) + "\n");
    }

    /** The shard key of a sharded collection, on a sharded cluster; null elsewhere. */
    private BsonDocument shardKey(String collection) {
        String namespace = database.getName() + "." + collection;
        Document sharded = CommandGuard.outside(() -> client.getDatabase("config").getCollection("collections")
                .find(new Document("_id", namespace)).first());
        return sharded == null ? null : sharded.get("key", Document.class).toBsonDocument();
    }

    /** Whether the golden file declares this index: the shard key indexes the server does not declare stay out. */
    private static boolean declared(String line) {
        try {
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of("src/test/resources/golden/create-indexes.txt"))
                    .contains(line);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String line(String collection, BsonDocument index) {
        StringBuilder line = new StringBuilder(collection).append(' ').append(index.getDocument("key").toJson())
                .append(" name=").append(index.getString("name").getValue());
        for (String option : List.of("unique", "partialFilterExpression", "expireAfterSeconds", "sparse")) {
            if (index.containsKey(option)) {
                BsonValue setting = index.get(option);
                line.append(' ').append(option).append('=').append(setting.isDocument() ? setting.asDocument().toJson()
                        : setting.isBoolean() ? String.valueOf(setting.asBoolean().getValue())
                        : String.valueOf(setting.asNumber().longValue()));
            }
        }
        return line.toString();
    }
}
