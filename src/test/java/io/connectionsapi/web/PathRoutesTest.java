package io.connectionsapi.web;

import static io.connectionsapi.support.ErrorEnvelope.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.connectionsapi.support.ApiTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET}, {@code PUT} and {@code DELETE} on one document by path: the batch endpoints' behaviour and envelopes. */
class PathRoutesTest extends ApiTest {

    private static Map<String, Object> person(String id) {
        return Map.of("connection_entity_id", id, "connection_entity_type", "PERSON", "connection_entity_data", Map.of("name", id));
    }

    private String connection() {
        return post("/connections", Map.of("connections", List.of(Map.of("strength", 10, "notes", "first",
                "connection_from_entity", person("p1"), "connection_to_entity", person("p2")))))
                .statusCode(200).extract().path("data[0]._id");
    }

    @Test
    void getByPathAnswersWhatTheListFilteredByItsIdAnswers() {
        String id = connection();
        String listed = get("/connections?connection_id=" + id).statusCode(200).extract().asString();
        String byPath = get("/connections/" + id).statusCode(200)
                .body("identifier", equalTo("get_connections_successful"))
                .body("data.connections._id", contains(id))
                .body("pagination.total_results", equalTo(1))
                .extract().asString();
        assertThat(byPath).isEqualTo(listed);
    }

    @Test
    void getByPathOfAnUnknownIdIs404UnlikeTheListFilter() {
        get("/connections?connection_id=nope").statusCode(200).body("data.connections", hasSize(0));
        rejected(get("/connections/nope"), 404, "not_found").body("errors[0].field", equalTo("connection_id"));
        rejected(get("/labels/nope"), 404, "not_found").body("errors[0].field", equalTo("label_id"));
        rejected(get("/labels/mapping/nope"), 404, "not_found").body("errors[0].field", equalTo("mapping_id"));
        rejected(get("/entities/nope"), 404, "not_found").body("errors[0].field", equalTo("connection_entity_id"));
    }

    @Test
    void getByPathRefusesQueryParametersAsTheListsRefuseUnknownOnes() {
        String id = connection();
        rejected(get("/connections/" + id + "?limit=1"), 400, "validation_failed").body("errors[0].field", equalTo("limit"));
        rejected(get("/connections/" + id + "?fields=colour"), 400, "validation_failed").body("errors[0].field", equalTo("fields"));
    }

    @Test
    void getByPathTakesASparseFieldsetAsTheListDoes() {
        String id = connection();
        String listed = get("/connections?connection_id=" + id + "&fields=strength").statusCode(200).extract().asString();
        String byPath = get("/connections/" + id + "?fields=strength").statusCode(200)
                .body("data.connections[0].keySet()", containsInAnyOrder("_id", "strength"))
                .extract().asString();
        assertThat(byPath).isEqualTo(listed);
    }

    @Test
    void anotherTenantsDocumentIsUnknownByPath() {
        String id = connection();
        String stranger = newKey("other-" + tenant, "read", "write");
        rejected(as(stranger).get(BASE + "/connections/" + id).then(), 404, "not_found");
        rejected(as(stranger).body(Map.of("strength", 1)).put(BASE + "/connections/" + id).then(), 404, "not_found");
        rejected(as(stranger).delete(BASE + "/connections/" + id).then(), 404, "not_found");
        get("/connections/" + id).statusCode(200).body("data.connections[0].strength", equalTo(10));
    }

    @Test
    void putByPathChangesOnlyTheFieldsSentAndAnswersAsTheBatchDoes() {
        String id = connection();
        put("/connections/" + id, Map.of("strength", 42)).statusCode(200)
                .body("identifier", equalTo("update_connections_successful"))
                .body("data._id", contains(id))
                .body("data[0].strength", equalTo(42))
                .body("data[0].notes", equalTo("first"));
        // the body may repeat the path's ID under any spelling the batch accepts
        put("/connections/" + id, Map.of("_id", id, "connection_id", id, "notes", "second")).statusCode(200)
                .body("data[0].notes", equalTo("second"));
        get("/connections/" + id).body("data.connections[0].strength", equalTo(42))
                .body("data.connections[0].notes", equalTo("second"));
    }

    @Test
    void aBodyIdOtherThanThePathsIs400AndChangesNothing() {
        String id = connection();
        String other = connection();
        rejected(put("/connections/" + id, Map.of("_id", other, "strength", 1)), 400, "validation_failed")
                .body("errors.field", contains("_id"));
        rejected(put("/connections/" + id, Map.of("connection_id", 7, "strength", 1)), 400, "validation_failed")
                .body("errors.field", contains("connection_id"));
        get("/connections?limit=10").body("data.connections.strength", contains(10, 10));
    }

    @Test
    void errorsOfAWriteByPathNameTheFieldsAsTheBodyHasThem() {
        String id = connection();
        rejected(put("/connections/" + id, Map.of("strength", 1000, "strenght", 1)), 400, "validation_failed")
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("strength", "strenght"))
                .body("errors.index", contains(null, null));
        rejected(put("/connections/nope", Map.of("strength", 1)), 404, "not_found")
                .body("errors[0].field", equalTo("connection_id"));
        rejected(as().body("[]").put(BASE + "/connections/" + id).then(), 400, "validation_failed")
                .body("errors[0].field", equalTo("body"));
    }

    @Test
    void deleteByPathAnswersAsTheBatchDoesAndTakesNoBody() {
        String id = connection();
        rejected(as().body(Map.of("connections", List.of(Map.of("connection_id", id)))).delete(BASE + "/connections/" + id).then(),
                400, "validation_failed").body("errors[0].field", equalTo("body"));
        get("/connections/" + id).statusCode(200);

        as().delete(BASE + "/connections/" + id).then().statusCode(200)
                .body("identifier", equalTo("delete_connections_successful"))
                .body("data.connections[0].connection_id", equalTo(id));
        rejected(get("/connections/" + id), 404, "not_found");
        rejected(as().delete(BASE + "/connections/" + id).then(), 404, "not_found")
                .body("errors[0].field", equalTo("connection_id"));
    }

    @Test
    void labelsByPath() {
        String id = post("/labels", Map.of("labels", List.of(Map.of("name", "Blue", "type", "color"))))
                .statusCode(201).extract().path("data.labels[0]._id");
        post("/labels/mapping", Map.of("mappings", List.of(Map.of("label_id", id, "entity_id", "p1")))).statusCode(201);

        get("/labels/" + id).statusCode(200).body("identifier", equalTo("get_labels_successful"))
                .body("data.labels[0].name", equalTo("Blue"));
        put("/labels/" + id, Map.of("name", "Navy")).statusCode(200)
                .body("identifier", equalTo("update_labels_successful"))
                .body("data.labels[0].name", equalTo("Navy"));
        get("/entities/" + id).body("data.entities[0].connection_entity_data.name", equalTo("Navy"));
        // /labels/mapping stays the mappings' list, not a label named "mapping"
        get("/labels/mapping").statusCode(200).body("data.label_mappings", hasSize(1));

        as().delete(BASE + "/labels/" + id).then().statusCode(200)
                .body("identifier", equalTo("delete_labels_successful"))
                .body("data.labels[0].label_id", equalTo(id))
                .body("data.deleted_mappings", equalTo(1));
        rejected(get("/labels/" + id), 404, "not_found");
    }

    @Test
    void mappingsByPath() {
        String label = post("/labels", Map.of("labels", List.of(Map.of("name", "A")))).statusCode(201)
                .extract().path("data.labels[0]._id");
        String id = post("/labels/mapping", Map.of("mappings", List.of(Map.of("label_id", label, "entity_id", "p1"))))
                .statusCode(201).extract().path("data.mappings[0]._id");

        get("/labels/mapping/" + id).statusCode(200).body("identifier", equalTo("get_mappings_successful"))
                .body("data.label_mappings[0].entity_id", equalTo("p1"));
        put("/labels/mapping/" + id, Map.of("label_mapping_id", id, "value", "yes")).statusCode(200)
                .body("identifier", equalTo("update_mappings_successful"))
                .body("data.mappings[0].value", equalTo("yes"));
        as().delete(BASE + "/labels/mapping/" + id).then().statusCode(200)
                .body("identifier", equalTo("delete_mappings_successful"))
                .body("data.mappings[0].mapping_id", equalTo(id));
        rejected(get("/labels/mapping/" + id), 404, "not_found");
    }

    @Test
    void entitiesByPathUpsertAndRefuseWhatTheBatchRefuses() {
        put("/entities/room-1", Map.of("connection_entity_type", "ROOM", "connection_entity_data", Map.of("name", "R1")))
                .statusCode(200).body("identifier", equalTo("update_entities_successful"))
                .body("data.entities[0].connection_entity_id", equalTo("room-1"));
        put("/entities/room-1", Map.of("connection_entity_id", "room-1", "connection_entity_type", "ROOM",
                "connection_entity_data", Map.of("name", "R2"))).statusCode(200);
        get("/entities/room-1").statusCode(200).body("identifier", equalTo("get_entities_successful"))
                .body("data.entities[0].connection_entity_data.name", equalTo("R2"));
        rejected(put("/entities/room-1", Map.of("connection_entity_type", "PERSON", "connection_entity_data", Map.of())),
                400, "validation_failed");

        post("/connections", Map.of("connections", List.of(Map.of("strength", 1, "connection_from_entity_id", "room-1",
                "connection_to_entity", person("p1"))))).statusCode(200);
        rejected(as().delete(BASE + "/entities/room-1").then(), 409, "conflict")
                .body("errors[0].field", equalTo("connection_entity_id"));
        as().delete(BASE + "/entities/p-unused").then().statusCode(404);
        put("/entities/p-unused", Map.of("connection_entity_type", "PERSON")).statusCode(200);
        as().delete(BASE + "/entities/p-unused").then().statusCode(200)
                .body("data.entities[0].connection_entity_id", equalTo("p-unused"));
    }

    @Test
    void writesByPathNeedTheWriteScope() {
        String id = connection();
        String reader = newKey(tenant, "read");
        as(reader).get(BASE + "/connections/" + id).then().statusCode(200);
        rejected(as(reader).body(Map.of("strength", 1)).put(BASE + "/connections/" + id).then(), 403, "forbidden");
        rejected(as(reader).delete(BASE + "/connections/" + id).then(), 403, "forbidden");
        get("/connections/" + id).body("data.connections[0].strength", equalTo(10));
    }
}
