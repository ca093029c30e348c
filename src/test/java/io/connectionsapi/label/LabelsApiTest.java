package io.connectionsapi.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.connectionsapi.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

class LabelsApiTest extends ApiTest {

    private List<String> createLabels(Map<String, Object>... labels) {
        return post("/labels", Map.of("labels", List.of((Object[]) labels))).statusCode(201).extract().path("data.labels._id");
    }

    @Test
    void aLabelIsAlsoALabelEntityAndShowsItsOpenApiView() {
        String id = createLabels(Map.of("name", "Label A", "type", "category", "details", Map.of("color", "blue"))).get(0);

        get("/labels?label_id=" + id).statusCode(200)
                .body("identifier", equalTo("get_labels_successful"))
                .body("data.labels[0].flags.connectable", equalTo(true))
                .body("data.labels[0].status", equalTo("ACTIVE"))
                .body("data.labels[0].connection_entity_id", equalTo(id))
                .body("data.labels[0].connection_entity_type", equalTo("LABEL"))
                .body("data.labels[0].entity_data.name", equalTo("Label A"));
        get("/entities?entity_type=LABEL").body("data.entities[0].connection_entity_id", equalTo(id))
                .body("data.entities[0].connection_entity_data.details.color", equalTo("blue"));
    }

    @Test
    void connectionsPointAtLabelsByIdAndShowTheirCurrentName() {
        String id = createLabels(Map.of("name", "Quiet zone", "type", "category")).get(0);
        post("/connections", Map.of("connections", List.of(Map.of("connection_from_entity_id", id, "strength", 10,
                "connection_to_entity", Map.of("connection_entity_id", "p1", "connection_entity_type", "PERSON")))))
                .statusCode(200)
                .body("data[0].connection_from_entity.connection_entity_type", equalTo("LABEL"))
                .body("data[0].connection_from_entity.connection_entity_data.name", equalTo("Quiet zone"));

        put("/labels", Map.of("labels", List.of(Map.of("label_id", id, "name", "Silent zone")))).statusCode(200)
                .body("identifier", equalTo("update_labels_successful"))
                .body("data.labels[0].name", equalTo("Silent zone"))
                .body("data.labels[0].type", equalTo("category"));

        get("/connections").body("data.connections[0].connection_from_entity.connection_entity_data.name", equalTo("Silent zone"));
    }

    /** Details of exactly {@code bytes} bytes of compact JSON: {@code {"d":"xx..."}}. */
    private static Map<String, Object> detailsOf(int bytes) {
        return Map.of("d", "x".repeat(bytes - 8));
    }

    @Test
    void aLabelsDirectoryEntryObeysTheLimitsOfEntityDataSoReadingItAndWritingItBackWorks() {
        String longName = "n".repeat(200);
        // details within their own 16 KiB, but with a 200-character name the entry would exceed it
        post("/labels", Map.of("labels", List.of(Map.of("name", "ok"), Map.of("name", longName, "details", detailsOf(16 * 1024)))))
                .statusCode(400).body("errors", hasSize(1))
                .body("errors[0].index", equalTo(1))
                .body("errors[0].field", equalTo("labels[1].details"))
                .body("errors[0].message", containsString("16 KiB"));
        Map<String, Object> nested = new java.util.HashMap<>();
        for (int level = 1; level < 8; level++) { // details themselves are the eighth level: allowed alone
            nested = Map.of("a", nested);
        }
        post("/labels", Map.of("labels", List.of(Map.of("name", "deep", "details", nested))))
                .statusCode(400).body("errors[0].field", equalTo("labels[0].details"))
                .body("errors[0].message", containsString("deeper than 8 levels"));
        get("/labels").body("data.labels", hasSize(0));

        String id = createLabels(Map.of("name", longName, "details", detailsOf(16 * 1024 - 300))).get(0);
        Map<String, Object> entry = get("/entities?entity_id=" + id).statusCode(200)
                .extract().path("data.entities[0].connection_entity_data");
        post("/connections", Map.of("connections", List.of(Map.of("strength", 1,
                "connection_from_entity", Map.of("connection_entity_id", id, "connection_entity_type", "LABEL",
                        "connection_entity_data", entry),
                "connection_to_entity", Map.of("connection_entity_id", "p1", "connection_entity_type", "PERSON")))))
                .statusCode(200);

        // a rename can push an entry over the limit too; nothing changes
        String shortId = createLabels(Map.of("name", "a", "details", detailsOf(16 * 1024 - 60))).get(0);
        put("/labels", Map.of("labels", List.of(Map.of("label_id", shortId, "name", longName))))
                .statusCode(400).body("errors[0].field", equalTo("labels[0].details"));
        get("/labels?label_id=" + shortId).body("data.labels[0].name", equalTo("a"));
    }

    @org.springframework.beans.factory.annotation.Autowired
    com.mongodb.client.MongoDatabase database;

    @Test
    void aLabelNeverTakesOverADirectoryEntityOfAnotherTypeWithItsId() {
        String id = createLabels(Map.of("name", "Mine")).get(0);
        // the clash an ID guessed ahead of the label would make: a PERSON holds the label's ID in the directory
        var entities = database.getCollection("entities");
        io.connectionsapi.support.CommandGuard.outside(
                () -> entities.deleteOne(new org.bson.Document("tenant_id", tenant).append("connection_entity_id", id)));
        put("/entities", Map.of("entities", List.of(Map.of("connection_entity_id", id, "connection_entity_type", "PERSON",
                "connection_entity_data", Map.of("name", "someone"))))).statusCode(200);

        put("/labels", Map.of("labels", List.of(Map.of("label_id", id, "name", "Renamed")))).statusCode(200);

        get("/entities?entity_id=" + id).body("data.entities[0].connection_entity_type", equalTo("PERSON"))
                .body("data.entities[0].connection_entity_data.name", equalTo("someone"));
    }

    @Test
    void aLabelThatIsNotConnectableCannotEndANewConnection() {
        String id = createLabels(Map.of("name", "Private", "flags", Map.of("connectable", false))).get(0);

        post("/connections", Map.of("connections", List.of(Map.of("connection_from_entity_id", id, "strength", 1,
                "connection_to_entity", Map.of("connection_entity_id", "p1", "connection_entity_type", "PERSON")))))
                .statusCode(400)
                .body("errors[0].index", equalTo(0))
                .body("errors[0].field", equalTo("connections[0].connection_from_entity_id"));
        get("/connections").body("pagination.total_results", equalTo(0));
    }

    @Test
    void labelsAreNotMadeOrChangedThroughOtherResources() {
        String id = createLabels(Map.of("name", "Real")).get(0);

        put("/entities", Map.of("entities", List.of(Map.of("connection_entity_id", "fake", "connection_entity_type", "LABEL"))))
                .statusCode(400).body("errors[0].field", equalTo("entities[0].connection_entity_type"));
        put("/entities", Map.of("entities", List.of(Map.of("connection_entity_id", id, "connection_entity_type", "LABEL",
                "connection_entity_data", Map.of("name", "Hijacked"))))).statusCode(400)
                .body("errors[0].field", equalTo("entities[0].connection_entity_data"));
        delete("/entities", Map.of("entities", List.of(Map.of("connection_entity_id", id)))).statusCode(400)
                .body("errors[0].field", equalTo("entities[0].connection_entity_id"));
        get("/labels").body("data.labels.name", contains("Real"));
    }

    @Test
    void typeAndNameAreUniqueCaseInsensitivelyAndAConflictChangesNothing() {
        createLabels(Map.of("name", "Label A", "type", "category"));

        post("/labels", Map.of("labels", List.of(Map.of("name", "new one"), Map.of("name", "LABEL a", "type", "Category"))))
                .statusCode(409)
                .body("identifier", equalTo("conflict"))
                .body("errors[0].index", equalTo(1))
                .body("errors[0].field", equalTo("labels[1].name"));
        post("/labels", Map.of("labels", List.of(Map.of("name", "twin", "type", "t"), Map.of("name", "Twin", "type", "T"))))
                .statusCode(409).body("errors[0].field", equalTo("labels[1].name"));
        // the same name under another type is another label
        createLabels(Map.of("name", "Label A", "type", "tag"));

        get("/labels?sort=type").body("data.labels.type", contains("category", "tag"));
        get("/entities?entity_type=LABEL").body("data.entities", hasSize(2));
    }

    @Test
    void aRenameOntoATakenNameIs409AndUndoesTheBatch() {
        List<String> ids = createLabels(Map.of("name", "one"), Map.of("name", "two"), Map.of("name", "three"));

        put("/labels", Map.of("labels", List.of(Map.of("_id", ids.get(0), "name", "uno"), Map.of("_id", ids.get(1), "name", "THREE"))))
                .statusCode(409).body("errors[0].field", equalTo("labels[1].name"));

        get("/labels?sort=created_at").body("data.labels.name", contains("one", "two", "three"));
    }

    @Test
    void twoRequestsRacingForOneNameEndInOneLabelAndOne409() throws Exception {
        for (int round = 0; round < 5; round++) {
            String name = "race-" + round;
            CyclicBarrier start = new CyclicBarrier(2);
            List<CompletableFuture<Integer>> racers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                racers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return as().body(Map.of("labels", List.of(Map.of("name", name, "type", "race")))).post(BASE + "/labels").statusCode();
                }));
            }
            List<Integer> statuses = racers.stream().map(CompletableFuture::join).sorted().toList();
            assertThat(statuses).containsExactly(201, 409);
            get("/labels?name=" + name).body("data.labels", hasSize(1));
            get("/entities?entity_type=LABEL").body("pagination.total_results", equalTo(round + 1));
        }
    }

    @Test
    void deletingLabelsRemovesTheirMappingsAndConnectionsAndReportsTheCounts() {
        List<String> ids = createLabels(Map.of("name", "gone"), Map.of("name", "stays"));
        String gone = ids.get(0);
        post("/connections", Map.of("connections", List.of(
                Map.of("connection_from_entity_id", gone, "strength", 1,
                        "connection_to_entity", Map.of("connection_entity_id", "p1", "connection_entity_type", "PERSON")),
                Map.of("connection_to_entity_id", gone, "connection_from_entity_id", "p1", "strength", 2),
                Map.of("connection_from_entity_id", ids.get(1), "connection_to_entity_id", "p1", "strength", 3))))
                .statusCode(200);
        post("/labels/mapping", Map.of("mappings", List.of(Map.of("label_id", gone, "entity_id", "p1", "entity_type", "PERSON"),
                Map.of("label_id", ids.get(1), "entity_id", "p1")))).statusCode(201);

        delete("/labels", Map.of("labels", List.of(Map.of("label_id", gone)))).statusCode(200)
                .body("identifier", equalTo("delete_labels_successful"))
                .body("data.labels[0].label_id", equalTo(gone))
                .body("data.deleted_mappings", equalTo(1))
                .body("data.deleted_connections", equalTo(2));

        get("/connections").body("data.connections.strength", contains(3));
        get("/labels/mapping").body("data.label_mappings.label_id", contains(ids.get(1)));
        get("/entities?entity_id=" + gone).body("data.entities", hasSize(0));
        delete("/labels", Map.of("labels", List.of(Map.of("label_id", gone)))).statusCode(404)
                .body("errors[0].field", equalTo("labels[0].label_id"));
    }
}
