package io.connectionsapi.entity;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.connectionsapi.support.ApiTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntitiesApiTest extends ApiTest {

    private static Map<String, Object> entity(String id, String type, Map<String, Object> data) {
        return Map.of("connection_entity_id", id, "connection_entity_type", type, "connection_entity_data", data);
    }

    @Test
    void upsertCreatesThenUpdatesAndListsWithFiltersAndSort() {
        put("/entities", Map.of("entities", List.of(
                entity("p1", "PERSON", Map.of("first_name", "Ada", "external_id", "hr-1")),
                entity("t1", "TEAM", Map.of("team_name", "Ops")))))
                .statusCode(200)
                .body("identifier", equalTo("update_entities_successful"))
                .body("data.entities.connection_entity_id", contains("p1", "t1"))
                .body("data.entities[0].created_at", notNullValue());

        put("/entities", Map.of("entities", List.of(entity("t1", "TEAM", Map.of("team_name", "Operations")))))
                .statusCode(200)
                .body("data.entities[0].connection_entity_data.team_name", equalTo("Operations"));

        get("/entities?entity_type=TEAM").body("data.entities", hasSize(1))
                .body("data.entities[0].connection_entity_data.team_name", equalTo("Operations"));
        get("/entities?external_id=hr-1").body("data.entities.connection_entity_id", contains("p1"));
        get("/entities?sort=connection_entity_id&order=desc").body("data.entities.connection_entity_id", contains("t1", "p1"))
                .body("identifier", equalTo("get_entities_successful"));
    }

    @Test
    void anUpsertWithoutDataKeepsTheStoredData() {
        put("/entities", Map.of("entities", List.of(entity("t1", "TEAM", Map.of("team_name", "Ops"))))).statusCode(200);
        put("/entities", Map.of("entities", List.of(Map.of("connection_entity_id", "t1", "connection_entity_type", "TEAM"))))
                .statusCode(200).body("data.entities[0].connection_entity_data.team_name", equalTo("Ops"));
    }

    @Test
    void renamingAnEntityChangesEveryConnectionShowingItOnEitherSide() {
        post("/connections", Map.of("connections", List.of(
                Map.of("strength", 1, "connection_from_entity", entity("team", "TEAM", Map.of("name", "Old")),
                        "connection_to_entity", entity("r1", "ROOM", Map.of())),
                Map.of("strength", 2, "connection_from_entity", entity("r2", "ROOM", Map.of()),
                        "connection_to_entity", entity("team", "TEAM", Map.of("name", "Old")))))).statusCode(200);

        put("/entities", Map.of("entities", List.of(entity("team", "TEAM", Map.of("name", "New"))))).statusCode(200);

        get("/connections?sort=strength")
                .body("data.connections[0].connection_from_entity.connection_entity_data.name", equalTo("New"))
                .body("data.connections[1].connection_to_entity.connection_entity_data.name", equalTo("New"));
    }

    @Test
    void anEntitysTypeNeverChanges() {
        put("/entities", Map.of("entities", List.of(entity("x", "TEAM", Map.of())))).statusCode(200);

        put("/entities", Map.of("entities", List.of(entity("y", "ROOM", Map.of()), entity("x", "PERSON", Map.of()))))
                .statusCode(400)
                .body("errors[0].index", equalTo(1))
                .body("errors[0].field", equalTo("entities[1].connection_entity_type"));

        get("/entities").body("data.entities.connection_entity_id", contains("x"));
    }

    @Test
    void deleteRemovesUnusedEntitiesAndRefusesOnesInUse() {
        post("/connections", Map.of("connections", List.of(Map.of("strength", 1,
                "connection_from_entity", entity("used", "TEAM", Map.of()), "connection_to_entity", entity("r", "ROOM", Map.of())))))
                .statusCode(200);
        put("/entities", Map.of("entities", List.of(entity("free", "TEAM", Map.of())))).statusCode(200);

        delete("/entities", Map.of("entities", List.of(Map.of("connection_entity_id", "free"), Map.of("connection_entity_id", "used"))))
                .statusCode(409)
                .body("identifier", equalTo("conflict"))
                .body("errors[0].index", equalTo(1))
                .body("errors[0].field", equalTo("entities[1].connection_entity_id"));
        get("/entities?entity_id=free").body("data.entities", hasSize(1));

        delete("/entities", Map.of("entities", List.of(Map.of("connection_entity_id", "free"))))
                .statusCode(200)
                .body("identifier", equalTo("delete_entities_successful"))
                .body("data.entities[0].connection_entity_id", equalTo("free"));
        get("/entities?entity_id=free").body("data.entities", hasSize(0));
    }
}
