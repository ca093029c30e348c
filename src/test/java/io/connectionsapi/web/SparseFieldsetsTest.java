package io.connectionsapi.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.connectionsapi.support.ApiTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SparseFieldsetsTest extends ApiTest {

    private String connection() {
        return post("/connections", Map.of("connections", List.of(Map.of("strength", 40, "notes", "n", "location_id", "L1",
                "connection_from_entity", Map.of("connection_entity_id", "p1", "connection_entity_type", "PERSON",
                        "connection_entity_data", Map.of("first_name", "Ada")),
                "connection_to_entity", Map.of("connection_entity_id", "r1", "connection_entity_type", "ROOM")))))
                .statusCode(200).extract().path("data[0]._id");
    }

    @Test
    void fieldsKeepsOnlyTheFieldsAskedForAndTheId() {
        String id = connection();

        get("/connections?fields=strength,connection_to_entity.connection_entity_id").statusCode(200)
                .body("data.connections[0]", equalTo(Map.of("_id", id, "strength", 40,
                        "connection_to_entity", Map.of("connection_entity_id", "r1"))))
                .body("pagination.total_results", equalTo(1));
        // a lookup by ID is a list too; spaces around names are allowed; whole nested objects keep all they hold
        get("/connections?connection_id=" + id + "&fields=notes, connection_from_entity").statusCode(200)
                .body("data.connections[0]", equalTo(Map.of("_id", id, "notes", "n",
                        "connection_from_entity", Map.of("connection_entity_id", "p1", "connection_entity_type", "PERSON",
                                "connection_entity_data", Map.of("first_name", "Ada")))));
        // an unset field asked for stays left out
        get("/connections?fields=configuration_id").statusCode(200).body("data.connections[0]", equalTo(Map.of("_id", id)));
    }

    @Test
    void everyListTakesFieldsWithItsOwnNamesAndId() {
        String label = post("/labels", Map.of("labels", List.of(Map.of("name", "Quiet", "type", "zone")))).statusCode(201)
                .extract().path("data.labels[0]._id");
        String mapping = post("/labels/mapping", Map.of("mappings", List.of(Map.of("label_id", label, "entity_id", "p1",
                "value", "yes")))).statusCode(201).extract().path("data.mappings[0]._id");

        get("/labels?fields=name,entity_data.type,flags").statusCode(200).body("data.labels[0]", equalTo(Map.of(
                "_id", label, "name", "Quiet", "flags", Map.of("connectable", true), "entity_data", Map.of("type", "zone"))));
        String untyped = post("/labels", Map.of("labels", List.of(Map.of("name", "Plain")))).statusCode(201)
                .extract().path("data.labels[0]._id");
        get("/labels?label_id=" + untyped + "&fields=entity_data.type").statusCode(200)
                .body("data.labels[0]", equalTo(Map.of("_id", untyped)));
        get("/labels/mapping?fields=value").statusCode(200)
                .body("data.label_mappings[0]", equalTo(Map.of("_id", mapping, "value", "yes")));
        get("/entities?entity_type=LABEL&fields=connection_entity_type").statusCode(200)
                .body("data.entities[0]", equalTo(Map.of("connection_entity_id", label, "connection_entity_type", "LABEL")));
    }

    @Test
    void aNameThatIsNotAFieldIs400NamingTheParameterAndTheAllowedNames() {
        connection();
        get("/connections?fields=strength,strenght").statusCode(400)
                .body("identifier", equalTo("validation_failed"))
                .body("errors.field", contains("fields"))
                .body("errors[0].message", containsString("'strenght'"))
                .body("errors[0].message", containsString("connection_to_entity.connection_entity_id"));
        get("/connections?fields=").statusCode(400).body("errors.field", contains("fields"));
        get("/connections?fields=connection_entity_data.first_name").statusCode(400).body("errors.field", contains("fields"));
        get("/labels?fields=strength").statusCode(400).body("errors.field", contains("fields"))
                .body("errors[0].message", containsString("entity_data.name"));
        get("/connections?fields=strength&fields=notes").statusCode(400).body("errors.field", contains("fields"))
                .body("errors[0].message", equalTo("must be given once"));
    }
}
