package io.connectionsapi.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.connectionsapi.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionsApiTest extends ApiTest {

    static Map<String, Object> person(String id, String externalId) {
        return Map.of("connection_entity_id", id, "connection_entity_type", "PERSON",
                "connection_entity_data", Map.of("first_name", "P-" + id, "external_id", externalId));
    }

    static Map<String, Object> entity(String id, String type) {
        return Map.of("connection_entity_id", id, "connection_entity_type", type, "connection_entity_data", Map.of("name", id));
    }

    static Map<String, Object> batch(Object... items) {
        return Map.of("connections", List.of(items));
    }

    List<String> createGuideForm(Map<String, Object>... items) {
        return post("/connections", batch((Object[]) items)).statusCode(200).extract().path("data._id");
    }

    @Test
    void largePagesAreGzippedForClientsThatAcceptItAndSmallAnswersAreNot() {
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            many.add(Map.of("strength", i,
                    "connection_from_entity", Map.of("connection_entity_id", "p" + i, "connection_entity_type", "PERSON"),
                    "connection_to_entity", Map.of("connection_entity_id", "t1", "connection_entity_type", "TEAM")));
        }
        post("/connections", Map.of("connections", many)).statusCode(200);

        as().header("Accept-Encoding", "gzip").get(BASE + "/connections?limit=60").then().statusCode(200)
                .header("Content-Encoding", "gzip").body("data.connections", hasSize(60)); // RestAssured unzips
        // without RestAssured's own Accept-Encoding: gzip, a client that does not ask gets plain JSON
        as().config(io.restassured.RestAssured.config().decoderConfig(
                        io.restassured.config.DecoderConfig.decoderConfig().noContentDecoders()))
                .get(BASE + "/connections?limit=60").then().statusCode(200).header("Content-Encoding", nullValue());
        String small = as().header("Accept-Encoding", "gzip").get(BASE + "/labels").then().statusCode(200)
                .header("Content-Encoding", nullValue()).extract().asString(); // under 2 KB: not worth it
        assertThat(small.length()).isLessThan(2048);
    }

    @Test
    void guideFormCreateStoresTheEntitiesAndReturnsEveryFieldInRequestOrder() {
        post("/connections", batch(
                Map.of("strength", -50, "connection_from_entity", person("p1", "ext-1"), "connection_to_entity", entity("t1", "TEAM")),
                Map.of("strength", 75.5, "priority", 3, "status", "PLANNED", "notes", "n", "location_id", "loc-1",
                        "configuration_id", "cfg-1", "starts_at", "2025-07-18T14:00:00+02:00", "ends_at", "2025-08-01T00:00:00Z",
                        "connection_from_entity", entity("t1", "TEAM"), "connection_to_entity", entity("r1", "ROOM"))))
                .statusCode(200)
                .body("success", equalTo(true))
                .body("identifier", equalTo("create_connections_successful"))
                .body("data", hasSize(2))
                .body("data[0]._id", matchesPattern("[0-9a-f]{24}"))
                .body("data[0].strength", equalTo(-50))
                .body("data[0].priority", equalTo(1))
                .body("data[0].status", equalTo("ACTIVE"))
                .body("data[0]", not(hasKey("notes")))
                .body("data[0].connection_from_entity.connection_entity_data.external_id", equalTo("ext-1"))
                .body("data[1].strength", equalTo(75.5f))
                .body("data[1].priority", equalTo(3))
                .body("data[1].status", equalTo("PLANNED"))
                .body("data[1].starts_at", equalTo("2025-07-18T12:00:00.000Z"))
                .body("data[1].ends_at", equalTo("2025-08-01T00:00:00.000Z"))
                .body("data[1].location_id", equalTo("loc-1"))
                .body("data[1].connection_to_entity.connection_entity_type", equalTo("ROOM"));

        get("/entities?sort=connection_entity_id").statusCode(200)
                .body("data.entities.connection_entity_id", contains("p1", "r1", "t1"));
    }

    @Test
    void openApiFormCreateLooksTheEntitiesUpInTheDirectory() {
        put("/entities", Map.of("entities", List.of(person("p1", "ext-1"), entity("t1", "TEAM")))).statusCode(200);

        post("/connections", batch(Map.of("connection_from_entity_id", "p1", "connection_to_entity_id", "t1", "strength", 10)))
                .statusCode(200)
                .body("data[0].connection_from_entity.connection_entity_type", equalTo("PERSON"))
                .body("data[0].connection_from_entity.connection_entity_data.first_name", equalTo("P-p1"))
                .body("data[0].connection_to_entity.connection_entity_id", equalTo("t1"));
    }

    @Test
    void anUnknownEntityIdFailsTheWholeBatch() {
        put("/entities", Map.of("entities", List.of(entity("t1", "TEAM"), entity("t2", "TEAM")))).statusCode(200);

        post("/connections", batch(
                Map.of("connection_from_entity_id", "t1", "connection_to_entity_id", "t2", "strength", 10),
                Map.of("connection_from_entity_id", "t1", "connection_to_entity_id", "ghost", "strength", 10)))
                .statusCode(400)
                .body("identifier", equalTo("validation_failed"))
                .body("errors", hasSize(1))
                .body("errors[0].index", equalTo(1))
                .body("errors[0].field", equalTo("connections[1].connection_to_entity_id"));

        get("/connections").body("pagination.total_results", equalTo(0));
    }

    @Test
    void filtersFindConnectionsByEntityTypeExternalIdAndPlainFields() {
        createGuideForm(
                Map.of("strength", 1, "status", "A", "location_id", "L1", "connection_from_entity", person("p1", "ext-1"),
                        "connection_to_entity", entity("t1", "TEAM")),
                Map.of("strength", 2, "status", "B", "configuration_id", "C1", "connection_from_entity", entity("t1", "TEAM"),
                        "connection_to_entity", entity("r1", "ROOM")),
                Map.of("strength", 3, "connection_from_entity", entity("z1", "ZONE"),
                        "connection_to_entity", person("p2", "ext-2")));

        get("/connections?entity_id=t1&sort=strength").body("data.connections.strength", contains(1, 2));
        get("/connections?entity_id=t1&entity_type=TEAM&sort=strength").body("data.connections.strength", contains(1, 2));
        get("/connections?entity_id=t1&entity_type=ROOM").body("data.connections", hasSize(0));
        get("/connections?entity_type=ROOM").body("data.connections.strength", contains(2));
        get("/connections?entity_type=PERSON&sort=strength").body("data.connections.strength", contains(1, 3));
        get("/connections?external_id=ext-2").body("data.connections.strength", contains(3));
        get("/connections?location_id=L1").body("data.connections.strength", contains(1));
        get("/connections?configuration_id=C1").body("data.connections.strength", contains(2));
        get("/connections?status=ACTIVE").body("data.connections.strength", contains(3));
        get("/connections?entity_id=nobody").statusCode(200).body("data.connections", hasSize(0))
                .body("pagination.total_results", equalTo(0));
    }

    @Test
    void externalIdOnlyMatchesPeopleAndTeams() {
        createGuideForm(Map.of("strength", 1,
                "connection_from_entity", Map.of("connection_entity_id", "room", "connection_entity_type", "ROOM",
                        "connection_entity_data", Map.of("external_id", "ext-x")),
                "connection_to_entity", person("p1", "ext-y")));

        get("/connections?external_id=ext-x").body("data.connections", hasSize(0));
        get("/connections?external_id=ext-y").body("data.connections", hasSize(1));
    }

    @Test
    void pagesNeverOverlapOrSkipEvenWhenSortValuesTie() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            items.add(Map.of("strength", i % 2, "connection_from_entity", entity("a" + i, "TEAM"),
                    "connection_to_entity", entity("b" + i, "TEAM")));
        }
        post("/connections", Map.of("connections", items)).statusCode(200);

        for (String order : List.of("asc", "desc")) {
            List<String> seen = new ArrayList<>();
            for (int skip = 0; skip < 7; skip += 3) {
                List<String> page = get("/connections?sort=strength&order=" + order + "&limit=3&skip=" + skip)
                        .body("pagination.current_results.from", equalTo(skip + 1))
                        .body("data.pagination.total_results", equalTo(7))
                        .extract().path("data.connections._id");
                seen.addAll(page);
            }
            assertThat(seen).doesNotHaveDuplicates().hasSize(7);
            List<Integer> strengths = get("/connections?limit=7&sort=strength&order=" + order)
                    .extract().path("data.connections.strength");
            assertThat(strengths).isSortedAccordingTo(order.equals("asc") ? Integer::compare : (a, b) -> Integer.compare(b, a));
        }
        get("/connections?skip=6&limit=3").body("pagination.current_results.from", equalTo(7))
                .body("pagination.current_results.to", equalTo(7));
        get("/connections?skip=10").body("data.connections", hasSize(0))
                .body("pagination.current_results.from", equalTo(11))
                .body("pagination.current_results.to", equalTo(10));
    }

    @Test
    void updateChangesOnlyTheFieldsSentAndClearsExplicitNulls() {
        String id = createGuideForm(Map.of("strength", 10, "notes", "keep?", "location_id", "L1",
                "connection_from_entity", entity("a", "TEAM"), "connection_to_entity", entity("b", "TEAM"))).get(0);

        put("/connections", batch(Map.of("connection_id", id, "strength", 20, "notes", "changed")))
                .statusCode(200)
                .body("identifier", equalTo("update_connections_successful"))
                .body("data[0].strength", equalTo(20))
                .body("data[0].notes", equalTo("changed"))
                .body("data[0].location_id", equalTo("L1"));

        Map<String, Object> clear = new java.util.HashMap<>(Map.of("_id", id));
        clear.put("location_id", null);
        put("/connections", batch(clear)).statusCode(200).body("data[0]", not(hasKey("location_id")))
                .body("data[0].strength", equalTo(20));
    }

    @Test
    void updateWithWholeEntityObjectsUpdatesTheDirectoryAndEveryConnectionShowingIt() {
        List<String> ids = createGuideForm(
                Map.of("strength", 1, "connection_from_entity", entity("team", "TEAM"), "connection_to_entity", entity("x", "ROOM")),
                Map.of("strength", 2, "connection_from_entity", entity("y", "ROOM"), "connection_to_entity", entity("team", "TEAM")));

        Map<String, Object> renamed = Map.of("connection_entity_id", "team", "connection_entity_type", "TEAM",
                "connection_entity_data", Map.of("name", "Renamed"));
        put("/connections", batch(Map.of("_id", ids.get(0), "strength", -40, "connection_from_entity", renamed)))
                .statusCode(200)
                .body("data[0].connection_from_entity.connection_entity_data.name", equalTo("Renamed"));

        get("/connections?connection_id=" + ids.get(1))
                .body("data.connections[0].connection_to_entity.connection_entity_data.name", equalTo("Renamed"));
        get("/entities?entity_id=team").body("data.entities[0].connection_entity_data.name", equalTo("Renamed"));
    }

    @Test
    void updateRejectsAnEntityChangingType() {
        String id = createGuideForm(Map.of("strength", 1, "connection_from_entity", entity("a", "TEAM"),
                "connection_to_entity", entity("b", "ROOM"))).get(0);

        put("/connections", batch(Map.of("connection_id", id, "connection_from_entity", entity("a", "PERSON"))))
                .statusCode(400)
                .body("errors[0].field", equalTo("connections[0].connection_from_entity.connection_entity_type"));
        get("/entities?entity_id=a").body("data.entities[0].connection_entity_type", equalTo("TEAM"));
    }

    @Test
    void updateChecksDatesAgainstTheStoredValues() {
        String id = createGuideForm(Map.of("strength", 1, "starts_at", "2025-01-01T00:00:00Z",
                "connection_from_entity", entity("a", "TEAM"), "connection_to_entity", entity("b", "ROOM"))).get(0);

        put("/connections", batch(Map.of("connection_id", id, "ends_at", "2024-01-01T00:00:00Z")))
                .statusCode(400)
                .body("errors[0].field", equalTo("connections[0].ends_at"));
    }

    @Test
    void unknownIdsInAnUpdateAre404AndNothingChanges() {
        String id = createGuideForm(Map.of("strength", 1, "connection_from_entity", entity("a", "TEAM"),
                "connection_to_entity", entity("b", "ROOM"))).get(0);

        put("/connections", batch(Map.of("connection_id", id, "strength", 99),
                Map.of("connection_id", "000000000000000000000000", "strength", 5)))
                .statusCode(404)
                .body("identifier", equalTo("not_found"))
                .body("errors[0].index", equalTo(1))
                .body("errors[0].field", equalTo("connections[1].connection_id"));

        get("/connections?connection_id=" + id).body("data.connections[0].strength", equalTo(1));
    }

    @Test
    void deleteRemovesTheConnectionsAndEchoesTheirIds() {
        List<String> ids = createGuideForm(
                Map.of("strength", 1, "connection_from_entity", entity("a", "TEAM"), "connection_to_entity", entity("b", "ROOM")),
                Map.of("strength", 2, "connection_from_entity", entity("a", "TEAM"), "connection_to_entity", entity("c", "ROOM")));

        delete("/connections", batch(Map.of("connection_id", ids.get(0))))
                .statusCode(200)
                .body("identifier", equalTo("delete_connections_successful"))
                .body("data.connections[0].connection_id", equalTo(ids.get(0)));

        get("/connections").body("data.connections._id", contains(ids.get(1)));
    }

    @Test
    void deleteWithAnUnknownIdIs404AndDeletesNothing() {
        String id = createGuideForm(Map.of("strength", 1, "connection_from_entity", entity("a", "TEAM"),
                "connection_to_entity", entity("b", "ROOM"))).get(0);

        delete("/connections", batch(Map.of("connection_id", id), Map.of("connection_id", "missing")))
                .statusCode(404)
                .body("errors[0].field", equalTo("connections[1].connection_id"))
                .body("message", org.hamcrest.Matchers.containsString("missing"));

        get("/connections").body("data.connections", hasSize(1));
    }
}
