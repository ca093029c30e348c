package io.connectionsapi.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.connectionsapi.support.ApiTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A key of tenant B cannot read, count, change or delete tenant A's data; A's IDs behave as unknown IDs. */
class TenantIsolationTest extends ApiTest {

    private String tenantB;
    private String connectionOfA;

    private static Map<String, Object> team(String id, String name) {
        return Map.of("connection_entity_id", id, "connection_entity_type", "TEAM",
                "connection_entity_data", Map.of("name", name, "external_id", "ext-" + id));
    }

    @BeforeEach
    void tenantAHasData() {
        connectionOfA = post("/connections", Map.of("connections", List.of(Map.of("strength", 10,
                "connection_from_entity", team("shared-id", "A's team"), "connection_to_entity", team("other", "A's other")))))
                .statusCode(200).extract().path("data[0]._id");
        tenantB = newKey("b-" + UUID.randomUUID().toString().substring(0, 8), "read", "write");
    }

    private String snapshotOfA() {
        return get("/connections?limit=1000").extract().asString() + get("/entities?limit=1000").extract().asString();
    }

    @Test
    void tenantBListsAndCountsNothingOfTenantA() {
        for (String query : List.of("", "?connection_id=" + connectionOfA, "?entity_id=shared-id", "?external_id=ext-shared-id",
                "?entity_type=TEAM", "?sort=strength&order=desc", "?skip=0&limit=1000")) {
            as(tenantB).get(BASE + "/connections" + query).then().statusCode(200)
                    .body("data.connections", hasSize(0))
                    .body("pagination.total_results", equalTo(0))
                    .body("data.pagination.total_results", equalTo(0));
        }
        for (String query : List.of("", "?entity_id=shared-id", "?entity_type=TEAM", "?external_id=ext-shared-id")) {
            as(tenantB).get(BASE + "/entities" + query).then().statusCode(200)
                    .body("data.entities", hasSize(0)).body("pagination.total_results", equalTo(0));
        }
    }

    @Test
    void tenantACannotBeChangedOrDeletedByTenantB() {
        String before = snapshotOfA();

        as(tenantB).body(Map.of("connections", List.of(Map.of("connection_id", connectionOfA, "strength", -100))))
                .put(BASE + "/connections").then().statusCode(404).body("identifier", equalTo("not_found"));
        as(tenantB).body(Map.of("connections", List.of(Map.of("connection_id", connectionOfA))))
                .delete(BASE + "/connections").then().statusCode(404);
        as(tenantB).body(Map.of("entities", List.of(Map.of("connection_entity_id", "shared-id"))))
                .delete(BASE + "/entities").then().statusCode(404);
        // an OpenAPI-form create cannot reach A's directory either
        as(tenantB).body(Map.of("connections", List.of(Map.of("connection_from_entity_id", "shared-id",
                "connection_to_entity_id", "other", "strength", 1))))
                .post(BASE + "/connections").then().statusCode(400)
                .body("errors.field", equalTo(List.of("connections[0].connection_from_entity_id", "connections[0].connection_to_entity_id")));

        assertThat(snapshotOfA()).isEqualTo(before);
    }

    @Test
    void theSameEntityIdInTenantBIsAnotherEntity() {
        String before = snapshotOfA();

        // B may use the ID with another type and other data: it is B's own entity
        as(tenantB).body(Map.of("entities", List.of(Map.of("connection_entity_id", "shared-id", "connection_entity_type", "PERSON",
                "connection_entity_data", Map.of("name", "B's person"))))).put(BASE + "/entities").then().statusCode(200);
        as(tenantB).body(Map.of("connections", List.of(Map.of("strength", 1,
                "connection_from_entity", Map.of("connection_entity_id", "shared-id", "connection_entity_type", "PERSON",
                        "connection_entity_data", Map.of("name", "B renamed")),
                "connection_to_entity", team("b-team", "B's team"))))).post(BASE + "/connections").then().statusCode(200);

        assertThat(snapshotOfA()).isEqualTo(before);
        get("/connections").body("data.connections[0].connection_from_entity.connection_entity_data.name", equalTo("A's team"));
        as(tenantB).get(BASE + "/connections").then()
                .body("data.connections[0].connection_from_entity.connection_entity_type", equalTo("PERSON"))
                .body("pagination.total_results", equalTo(1));
    }
}
