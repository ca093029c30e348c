package io.connectionsapi.web;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.connectionsapi.support.ApiTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Query values clients spell in other cases: {@code order=DESC}, {@code entity_type=person}. */
class LiberalQueryTest extends ApiTest {

    @Test
    void orderIsCaseInsensitive() {
        for (int strength : List.of(10, 30, 20)) {
            post("/connections", Map.of("connections", List.of(Map.of("strength", strength,
                    "connection_from_entity", Map.of("connection_entity_id", "p" + strength, "connection_entity_type", "PERSON"),
                    "connection_to_entity", Map.of("connection_entity_id", "r1", "connection_entity_type", "ROOM")))))
                    .statusCode(200);
        }
        get("/connections?sort=strength&order=DESC&fields=strength").statusCode(200)
                .body("data.connections.strength", contains(30, 20, 10));
        get("/connections?sort=strength&order=Asc&fields=strength").statusCode(200)
                .body("data.connections.strength", contains(10, 20, 30));
        get("/connections?order=down").statusCode(400).body("errors.field", contains("order"));
    }

    @Test
    void entityTypeFiltersMatchInAnyCaseAndAnswersShowTheUpperCaseName() {
        post("/connections", Map.of("connections", List.of(Map.of("strength", 5,
                "connection_from_entity", Map.of("connection_entity_id", "p1", "connection_entity_type", "PERSON"),
                "connection_to_entity", Map.of("connection_entity_id", "r1", "connection_entity_type", "ROOM"))))).statusCode(200);
        String label = post("/labels", Map.of("labels", List.of(Map.of("name", "L")))).statusCode(201)
                .extract().path("data.labels[0]._id");
        post("/labels/mapping", Map.of("mappings", List.of(Map.of("label_id", label, "entity_id", "p1", "entity_type", "PERSON"))))
                .statusCode(201);

        get("/connections?entity_type=room").statusCode(200)
                .body("data.connections.connection_to_entity.connection_entity_type", contains("ROOM"));
        // with entity_id, the type must match on the same side: the lower-case value counts as PERSON there too
        get("/connections?entity_id=p1&entity_type=Person").statusCode(200).body("pagination.total_results", equalTo(1));
        get("/connections?entity_id=p1&entity_type=room").statusCode(200).body("pagination.total_results", equalTo(0));
        get("/entities?entity_type=person").statusCode(200).body("data.entities.connection_entity_id", contains("p1"));
        get("/labels/mapping?entity_type=pErSoN").statusCode(200).body("data.label_mappings.entity_type", contains("PERSON"));
        get("/entities?entity_type=people").statusCode(400).body("errors.field", contains("entity_type"))
                .body("errors[0].message", containsString("PERSON"));
    }
}
