package io.connectionsapi.mapping;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.connectionsapi.support.ApiTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MappingsApiTest extends ApiTest {

    private String label;
    private String other;

    @BeforeEach
    void labels() {
        List<String> ids = post("/labels", Map.of("labels", List.of(Map.of("name", "A"), Map.of("name", "B"))))
                .statusCode(201).extract().path("data.labels._id");
        label = ids.get(0);
        other = ids.get(1);
    }

    @Test
    void bothSpellingsAreAcceptedAndBothTwinsAreShown() {
        post("/labels/mapping", Map.of("label_mappings", List.of(
                Map.of("label_definition_entity_id", label, "connection_entity_id", "p1", "entity_type", "PERSON",
                        "value", "yes", "visibility", "PUBLIC", "details", Map.of("external_id", "ext-1")))))
                .statusCode(201)
                .body("identifier", equalTo("create_mappings_successful"))
                .body("data.mappings[0].label_id", equalTo(label))
                .body("data.mappings[0].label_definition_entity_id", equalTo(label))
                .body("data.mappings[0].entity_id", equalTo("p1"))
                .body("data.mappings[0].connection_entity_id", equalTo("p1"))
                .body("data.mappings[0].status", equalTo("ACTIVE"));

        get("/labels/mapping?external_id=ext-1").statusCode(200)
                .body("identifier", equalTo("get_mappings_successful"))
                .body("data.label_mappings", hasSize(1))
                .body("pagination.total_results", equalTo(1));
        get("/labels/mapping?label_id=" + label + "&entity_type=PERSON").body("data.label_mappings", hasSize(1));
        get("/labels/mapping?entity_id=p2").body("data.label_mappings", hasSize(0));
    }

    @Test
    void updateAndDeleteByEitherIdSpelling() {
        String id = post("/labels/mapping", Map.of("mappings", List.of(Map.of("label_id", label, "entity_id", "p1"))))
                .statusCode(201).extract().path("data.mappings[0]._id");

        put("/labels/mapping", Map.of("mappings", List.of(Map.of("mapping_id", id, "value", "v2", "label_id", other))))
                .statusCode(200)
                .body("identifier", equalTo("update_mappings_successful"))
                .body("data.mappings[0].value", equalTo("v2"))
                .body("data.mappings[0].label_id", equalTo(other));
        get("/labels/mapping?mapping_id=" + id).body("data.label_mappings[0].label_id", equalTo(other));
        get("/labels/mapping?label_mapping_id=" + id).body("data.label_mappings", hasSize(1));

        delete("/labels/mapping", Map.of("mappings", List.of(Map.of("mapping_id", id)))).statusCode(200)
                .body("identifier", equalTo("delete_mappings_successful"))
                .body("data.mappings[0].mapping_id", equalTo(id));
        delete("/labels/mapping", Map.of("mappings", List.of(Map.of("mapping_id", id)))).statusCode(404)
                .body("errors[0].field", equalTo("mappings[0].mapping_id"));
    }

    @Test
    void theLabelMustBeALabelOfTheTenant() {
        String foreign = as(newKey("other-" + tenant, "read", "write")).body(Map.of("labels", List.of(Map.of("name", "theirs"))))
                .post(BASE + "/labels").then().statusCode(201).extract().path("data.labels[0]._id");

        post("/labels/mapping", Map.of("mappings", List.of(Map.of("label_id", label, "entity_id", "p1"),
                Map.of("label_id", foreign, "entity_id", "p1"), Map.of("label_definition_entity_id", "nope", "entity_id", "p1"))))
                .statusCode(400)
                .body("errors.field", contains("mappings[1].label_id", "mappings[2].label_definition_entity_id"));
        get("/labels/mapping").body("data.label_mappings", hasSize(0));
    }

    @Test
    void aLabelIsMappedToAnEntityOnce() {
        post("/labels/mapping", Map.of("mappings", List.of(Map.of("label_id", label, "entity_id", "p1")))).statusCode(201);

        post("/labels/mapping", Map.of("mappings", List.of(Map.of("label_id", other, "entity_id", "p1"),
                Map.of("label_id", label, "entity_id", "p1")))).statusCode(409)
                .body("errors[0].index", equalTo(1));
        post("/labels/mapping", Map.of("mappings", List.of(Map.of("label_id", other, "entity_id", "p2"),
                Map.of("label_id", other, "entity_id", "p2")))).statusCode(409)
                .body("errors[0].field", equalTo("mappings[1].entity_id"));

        get("/labels/mapping").body("data.label_mappings", hasSize(1));
    }

    @Test
    void aMappingCannotGiveADirectoryEntityAnotherType() {
        put("/entities", Map.of("entities", List.of(Map.of("connection_entity_id", "p1", "connection_entity_type", "PERSON"))))
                .statusCode(200);

        post("/labels/mapping", Map.of("mappings", List.of(Map.of("label_id", label, "entity_id", "p1", "entity_type", "ROOM"))))
                .statusCode(400).body("errors[0].field", equalTo("mappings[0].entity_type"));
        post("/labels/mapping", Map.of("mappings", List.of(Map.of("label_id", label, "entity_id", "p1", "entity_type", "PERSON"),
                Map.of("label_id", label, "entity_id", "not-in-directory", "entity_type", "ROOM")))).statusCode(201);
    }

    @Test
    void anEntityWithMappingsCannotBeDeleted() {
        put("/entities", Map.of("entities", List.of(Map.of("connection_entity_id", "p1", "connection_entity_type", "PERSON"))))
                .statusCode(200);
        post("/labels/mapping", Map.of("mappings", List.of(Map.of("label_id", label, "entity_id", "p1")))).statusCode(201);

        delete("/entities", Map.of("entities", List.of(Map.of("connection_entity_id", "p1")))).statusCode(409)
                .body("errors[0].message", org.hamcrest.Matchers.containsString("mappings"));
    }
}
