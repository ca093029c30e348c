package io.connectionsapi.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectionsapi.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Bulk work is one database round trip per step, never one per item: a batch of 1 and a batch of 1000 send
 * MongoDB the same commands, and a list request sends at most two.
 */
class CommandCountTest extends ApiTest {

    private static final int LARGE = 1000;

    private static Map<String, Object> team(String id, String name) {
        return Map.of("connection_entity_id", id, "connection_entity_type", "TEAM", "connection_entity_data", Map.of("name", name));
    }

    private static Map<String, Object> batch(String key, IntFunction<Map<String, Object>> item, int size) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            items.add(item.apply(i));
        }
        return Map.of(key, items);
    }

    @org.junit.jupiter.api.BeforeEach
    void verifyTheKeyOnce() {
        get("/entities?limit=1").statusCode(200); // later requests find the key in the verifier's cache
    }

    private List<String> commandsFor(Runnable request) {
        return commands.during(request);
    }

    @Test
    void createsUpdatesAndDeletesCostTheSameCommandsForOneItemAsForAThousand() {
        // entities to connect, by ID (OpenAPI form): the upsert itself is measured too
        List<String> upsertOne = commandsFor(() -> put("/entities", batch("entities", i -> team("one-" + i, "x"), 1)).statusCode(200));
        List<String> upsertMany = commandsFor(() -> put("/entities", batch("entities", i -> team("e-" + i, "x"), LARGE)).statusCode(200));
        put("/entities", Map.of("entities", List.of(team("hub", "hub")))).statusCode(200);
        assertThat(upsertMany).isEqualTo(upsertOne).hasSizeLessThanOrEqualTo(2);

        IntFunction<Map<String, Object>> byId = i -> Map.of("connection_from_entity_id", "hub",
                "connection_to_entity_id", "e-" + i, "strength", i % 100);
        List<String> createOne = new ArrayList<>();
        List<Object> oneId = new ArrayList<>();
        createOne.addAll(commandsFor(() -> oneId.addAll(post("/connections", batch("connections", byId, 1)).statusCode(200)
                .extract().<List<Object>>path("data._id"))));
        List<Object> manyIds = new ArrayList<>();
        List<String> createMany = commandsFor(() -> manyIds.addAll(post("/connections", batch("connections", byId, LARGE))
                .statusCode(200).extract().<List<Object>>path("data._id")));
        assertThat(createMany).isEqualTo(createOne).containsExactly("find", "insert");

        List<String> updateOne = commandsFor(() -> put("/connections",
                batch("connections", i -> Map.of("connection_id", oneId.get(i), "strength", 5), 1)).statusCode(200));
        List<String> updateMany = commandsFor(() -> put("/connections",
                batch("connections", i -> Map.of("connection_id", manyIds.get(i), "strength", 5), LARGE)).statusCode(200));
        assertThat(updateMany).isEqualTo(updateOne).containsExactly("find", "update", "find");

        // renaming entities reaches every connection showing them in one more command
        List<String> renameOne = commandsFor(() -> put("/entities", batch("entities", i -> team("e-" + i, "renamed"), 1)).statusCode(200));
        List<String> renameMany = commandsFor(() -> put("/entities", batch("entities", i -> team("e-" + i, "renamed"), LARGE)).statusCode(200));
        assertThat(renameMany).isEqualTo(renameOne).containsExactly("find", "update", "update");

        List<String> deleteOne = commandsFor(() -> delete("/connections",
                batch("connections", i -> Map.of("connection_id", oneId.get(i)), 1)).statusCode(200));
        List<String> deleteMany = commandsFor(() -> delete("/connections",
                batch("connections", i -> Map.of("connection_id", manyIds.get(i)), LARGE)).statusCode(200));
        assertThat(deleteMany).isEqualTo(deleteOne).containsExactly("find", "delete");
    }

    @Test
    void guideFormCreatesCostTheSameCommandsForOneItemAsForAThousand() {
        IntFunction<Map<String, Object>> guideForm = i -> Map.of("strength", 1,
                "connection_from_entity", team("from-" + i, "f"), "connection_to_entity", team("to-" + i, "t"));
        List<String> one = commandsFor(() -> post("/connections", batch("connections", guideForm, 1)).statusCode(200));
        // the same entities again with new data: the directory and the connections showing them are updated
        IntFunction<Map<String, Object>> changed = i -> Map.of("strength", 1,
                "connection_from_entity", team("from-" + i, "f2"), "connection_to_entity", team("to-" + i, "t2"));
        List<String> oneChanged = commandsFor(() -> post("/connections", batch("connections", changed, 1)).statusCode(200));
        List<String> many = commandsFor(() -> post("/connections",
                batch("connections", i -> guideForm.apply(i + 1), LARGE - 1)).statusCode(200));
        List<String> manyChanged = commandsFor(() -> post("/connections",
                batch("connections", i -> changed.apply(i + 1), LARGE - 1)).statusCode(200));

        // new entities are inserted as the batch found them missing (an upsert only if another request stored one meanwhile)
        assertThat(many).isEqualTo(one).containsExactly("find", "insert", "insert");
        assertThat(manyChanged).isEqualTo(oneChanged).containsExactly("find", "update", "update", "insert");
    }

    @Test
    void labelAndMappingBatchesCostTheSameCommandsForOneItemAsForAThousand() {
        IntFunction<Map<String, Object>> label = i -> Map.of("name", "label " + i, "type", "t");
        List<String> createOne = commandsFor(() -> post("/labels", batch("labels", i -> label.apply(-1), 1)).statusCode(201));
        List<Object> ids = new ArrayList<>();
        List<String> createMany = commandsFor(() -> ids.addAll(post("/labels", batch("labels", label, LARGE)).statusCode(201)
                .extract().<List<Object>>path("data.labels._id")));
        assertThat(createMany).isEqualTo(createOne).containsExactly("insert", "update");

        List<String> renameOne = commandsFor(() -> put("/labels",
                batch("labels", i -> Map.of("label_id", ids.get(LARGE - 1), "name", "renamed"), 1)).statusCode(200));
        List<String> renameMany = commandsFor(() -> put("/labels",
                batch("labels", i -> Map.of("label_id", ids.get(i), "name", "renamed " + i), LARGE)).statusCode(200));
        assertThat(renameMany).isEqualTo(renameOne).containsExactly("find", "update", "update", "update");

        IntFunction<Map<String, Object>> mapping = i -> Map.of("label_id", ids.get(i), "entity_id", "p" + i, "entity_type", "PERSON");
        List<String> mapOne = commandsFor(() -> post("/labels/mapping",
                batch("mappings", i -> Map.of("label_id", ids.get(0), "entity_id", "solo", "entity_type", "PERSON"), 1)).statusCode(201));
        List<String> mapMany = commandsFor(() -> post("/labels/mapping", batch("mappings", mapping, LARGE)).statusCode(201));
        // the labels, the directory types of the entities, the insert
        assertThat(mapMany).isEqualTo(mapOne).containsExactly("find", "find", "insert");

        List<String> deleteOne = commandsFor(() -> delete("/labels",
                batch("labels", i -> Map.of("label_id", ids.get(0)), 1)).statusCode(200));
        List<String> deleteMany = commandsFor(() -> delete("/labels",
                batch("labels", i -> Map.of("label_id", ids.get(i + 1)), LARGE - 1)).statusCode(200));
        assertThat(deleteMany).isEqualTo(deleteOne).hasSize(5);
        assertThat(commandsFor(() -> get("/labels?limit=1000").statusCode(200))).hasSizeLessThanOrEqualTo(2);
        assertThat(commandsFor(() -> get("/labels/mapping?limit=1000").statusCode(200))).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void aListRequestSendsAtMostTwoCommandsWhateverThePageSize() {
        post("/connections", batch("connections", i -> Map.of("strength", 1,
                "connection_from_entity", team("a-" + i, "a"), "connection_to_entity", team("b-" + i, "b")), LARGE)).statusCode(200);

        for (String query : List.of("?limit=1", "?limit=1000", "?limit=1000&sort=connection_from_entity.connection_entity_id&order=desc",
                "?entity_type=TEAM&limit=500&skip=400", "?external_id=none")) {
            List<String> sent = commandsFor(() -> get("/connections" + query).statusCode(200));
            assertThat(sent).as(query).hasSizeLessThanOrEqualTo(2).doesNotContain("getMore", "killCursors");
        }
        assertThat(commandsFor(() -> get("/entities?limit=1000").statusCode(200))).hasSizeLessThanOrEqualTo(2)
                .doesNotContain("getMore");
    }
}
