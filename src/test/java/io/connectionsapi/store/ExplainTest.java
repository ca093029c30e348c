package io.connectionsapi.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.connectionsapi.support.ApiTest;
import io.connectionsapi.support.TestStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * MongoDB's own planner on every filter x sort pair of {@link QueryIndexesTest}: no pair scans the collection, and
 * only the pairs the golden table marks "sorted in memory" have a blocking SORT stage. It needs a real MongoDB
 * (the embedded store plans nothing): it runs in CI on the replica set and through mongos, and is skipped here
 * with that reason.
 */
class ExplainTest extends ApiTest {

    @Autowired
    MongoDatabase database;

    @Test
    void everyListQueryUsesItsIndexOnMongoDB() throws IOException {
        Assumptions.assumeTrue(TestStore.mongodbUri() != null,
                "explain() needs a real MongoDB: the embedded store has no query planner (set MONGODB_URI, or run where Docker works)");
        seed();
        List<String> golden = Files.readAllLines(Path.of("src/test/resources/golden/query-indexes.txt"), StandardCharsets.UTF_8);
        List<String> problems = new ArrayList<>();
        for (QueryIndexesTest.Pair pair : QueryIndexesTest.pairs()) {
            String collection = switch (pair.endpoint().path()) {
                case "/labels/mapping" -> "label_mappings";
                default -> pair.endpoint().path().substring(1);
            };
            Document explained = database.getCollection(collection).find(pair.query().filter(tenant))
                    .sort(pair.query().sorting()).limit(25).explain();
            List<String> stages = new ArrayList<>();
            collectStages(explained.get("queryPlanner", Document.class).get("winningPlan"), stages);
            boolean inMemoryAllowed = golden.stream().anyMatch(line -> line.startsWith(pair.describe() + "  ->")
                    && line.contains("sorted in memory"));
            if (stages.contains("COLLSCAN")) {
                problems.add(pair.describe() + " scans the collection: " + stages);
            } else if (stages.contains("SORT") && !inMemoryAllowed) {
                problems.add(pair.describe() + " sorts in memory: " + stages);
            }
        }
        assertThat(problems).isEmpty();
    }

    /** A few documents of every kind, so that the planner has something to choose between. */
    private void seed() {
        List<Map<String, Object>> connections = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            connections.add(Map.of("strength", i % 7, "status", i % 2 == 0 ? "A" : "B", "location_id", "L" + (i % 3),
                    "connection_from_entity", Map.of("connection_entity_id", "p" + i, "connection_entity_type", "PERSON",
                            "connection_entity_data", Map.of("name", "p" + i, "external_id", "ext-" + i)),
                    "connection_to_entity", Map.of("connection_entity_id", "t" + (i % 4), "connection_entity_type", "TEAM",
                            "connection_entity_data", Map.of("name", "t" + (i % 4)))));
        }
        post("/connections", Map.of("connections", connections)).statusCode(200);
        String label = post("/labels", Map.of("labels", List.of(Map.of("name", "one", "type", "category"),
                Map.of("name", "two")))).statusCode(201).extract().path("data.labels[0]._id");
        post("/labels/mapping", Map.of("mappings", List.of(Map.of("label_id", label, "entity_id", "p1"),
                Map.of("label_id", label, "entity_id", "p2")))).statusCode(201);
    }

    /** Every {@code stage} name in a plan, at any depth (mongos nests each shard's plan; SBE nests its own). */
    private static void collectStages(Object plan, List<String> stages) {
        if (plan instanceof Document document) {
            if (document.get("stage") instanceof String stage) {
                stages.add(stage);
            }
            document.values().forEach(value -> collectStages(value, stages));
        } else if (plan instanceof List<?> list) {
            list.forEach(value -> collectStages(value, stages));
        }
    }
}
