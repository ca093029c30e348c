package io.connectionsapi.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.connectionsapi.support.ApiTest;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Labels and mappings of tenant A are invisible to tenant B: B's lists are empty under every filter that finds
 * them for A, A's label and mapping IDs behave for B exactly as IDs that do not exist (404 on PUT and DELETE, 400
 * as the label of a mapping or the end of a connection), and B may use A's (type, name). A's data stays byte for
 * byte the same.
 */
class LabelTenantIsolationTest extends ApiTest {

    static final String LABELS = "/labels";
    static final String MAPPINGS = "/labels/mapping";
    static final String UNKNOWN_ID = "0123456789abcdef01234567";

    private String tenantB;
    private String labelOfA;
    private String otherLabelOfA;
    private String mappingOfA;

    @BeforeEach
    void tenantAHasLabelsMappingsAndAConnectionToALabel() {
        List<String> labels = post(LABELS, Map.of("labels", List.of(
                Map.of("name", "Shared", "type", "category", "details", Map.of("color", "blue")),
                Map.of("name", "Second", "type", "tag")))).statusCode(201).extract().path("data.labels._id");
        labelOfA = labels.get(0);
        otherLabelOfA = labels.get(1);
        post("/connections", Map.of("connections", List.of(Map.of("connection_from_entity_id", labelOfA, "strength", 10,
                "connection_to_entity", Map.of("connection_entity_id", "p1", "connection_entity_type", "PERSON")))))
                .statusCode(200);
        mappingOfA = post(MAPPINGS, Map.of("mappings", List.of(
                Map.of("label_id", labelOfA, "entity_id", "p1", "entity_type", "PERSON", "details", Map.of("external_id", "ext-a")),
                Map.of("label_id", otherLabelOfA, "entity_id", "p2"))))
                .statusCode(201).extract().path("data.mappings[0]._id");
        tenantB = newKey("b-" + UUID.randomUUID().toString().substring(0, 8), "read", "write");
    }

    /** Everything A has, as A reads it. */
    private String snapshotOfA() {
        return String.join("\n", get(LABELS + "?limit=1000&sort=_id").statusCode(200).extract().asString(),
                get(MAPPINGS + "?limit=1000&sort=_id").statusCode(200).extract().asString(),
                get("/connections?limit=1000&sort=_id").statusCode(200).extract().asString(),
                get("/entities?limit=1000&sort=connection_entity_id").statusCode(200).extract().asString());
    }

    private ValidatableResponse asB(String method, String path, Object body) {
        return as(tenantB).body(body).request(method, BASE + path).then();
    }

    /**
     * Sends {@code body} as B with A's {@code id}, and again with an ID no tenant has: both answers must be the same
     * (but for the ID itself), so that B learns nothing of A's IDs. Returns the first.
     */
    private ValidatableResponse sameAsForAnUnknownId(String method, String path, String body, String id) {
        ValidatableResponse withIdOfA = asB(method, path, body);
        String unknown = withoutRequestId(asB(method, path, body.replace(id, UNKNOWN_ID)).extract().asString());
        assertThat(withoutRequestId(withIdOfA.extract().asString()).replace(id, UNKNOWN_ID))
                .as("%s %s with an ID of tenant A", method, path).isEqualTo(unknown);
        return withIdOfA;
    }

    @Test
    void tenantBListsAndCountsNoneOfTenantAsLabelsOrMappings() {
        String before = snapshotOfA();
        List<String> labelQueries = List.of("", "?label_id=" + labelOfA, "?name=Shared", "?name=shared", "?type=category",
                "?type=tag", "?name=Shared&type=category", "?sort=name&order=desc", "?skip=0&limit=1000");
        List<String> mappingQueries = List.of("", "?mapping_id=" + mappingOfA, "?label_mapping_id=" + mappingOfA,
                "?label_id=" + labelOfA, "?label_id=" + otherLabelOfA, "?entity_id=p1", "?entity_id=p2", "?external_id=ext-a",
                "?entity_type=PERSON", "?sort=entity_id&order=desc", "?skip=0&limit=1000");

        // the control: each filter finds A's data for A
        for (String query : labelQueries) {
            get(LABELS + query).statusCode(200).body("pagination.total_results", not(equalTo(0)));
        }
        for (String query : mappingQueries) {
            get(MAPPINGS + query).statusCode(200).body("pagination.total_results", not(equalTo(0)));
        }

        for (String query : labelQueries) {
            as(tenantB).get(BASE + LABELS + query).then().statusCode(200)
                    .body("success", equalTo(true))
                    .body("data.labels", hasSize(0))
                    .body("pagination.total_results", equalTo(0))
                    .body("data.pagination.total_results", equalTo(0));
        }
        for (String query : mappingQueries) {
            as(tenantB).get(BASE + MAPPINGS + query).then().statusCode(200)
                    .body("success", equalTo(true))
                    .body("data.label_mappings", hasSize(0))
                    .body("pagination.total_results", equalTo(0))
                    .body("data.pagination.total_results", equalTo(0));
        }
        // nor as entities, nor as connection ends
        for (String query : List.of("?entity_id=" + labelOfA, "?entity_type=LABEL", "?entity_id=p1")) {
            as(tenantB).get(BASE + "/entities" + query).then().statusCode(200)
                    .body("data.entities", hasSize(0)).body("pagination.total_results", equalTo(0));
        }
        for (String query : List.of("?entity_id=" + labelOfA, "?entity_type=LABEL")) {
            as(tenantB).get(BASE + "/connections" + query).then().statusCode(200)
                    .body("data.connections", hasSize(0)).body("pagination.total_results", equalTo(0));
        }

        assertThat(snapshotOfA()).isEqualTo(before);
    }

    @Test
    void tenantAsLabelAndMappingIdsAreUnknownToTenantBOnPutAndDelete() {
        String before = snapshotOfA();

        for (String body : List.of(
                "{\"labels\":[{\"label_id\":\"" + labelOfA + "\",\"name\":\"Hijacked\"}]}",
                "{\"labels\":[{\"_id\":\"" + labelOfA + "\",\"flags\":{\"connectable\":false}}]}")) {
            sameAsForAnUnknownId("PUT", LABELS, body, labelOfA).statusCode(404)
                    .body("success", equalTo(false))
                    .body("identifier", equalTo("not_found"))
                    .body("errors.field", contains("labels[0].label_id"))
                    .body("errors.index", contains(0));
        }
        for (String body : List.of("{\"labels\":[{\"label_id\":\"" + labelOfA + "\"}]}", "{\"labels\":[{\"_id\":\"" + labelOfA + "\"}]}")) {
            sameAsForAnUnknownId("DELETE", LABELS, body, labelOfA).statusCode(404)
                    .body("identifier", equalTo("not_found"))
                    .body("errors.field", contains("labels[0].label_id"));
        }
        for (String spelling : List.of("mapping_id", "label_mapping_id", "_id")) {
            sameAsForAnUnknownId("PUT", MAPPINGS, "{\"mappings\":[{\"" + spelling + "\":\"" + mappingOfA + "\",\"value\":\"B\"}]}", mappingOfA)
                    .statusCode(404)
                    .body("identifier", equalTo("not_found"))
                    .body("errors.field", contains("mappings[0].mapping_id"))
                    .body("errors.index", contains(0));
            sameAsForAnUnknownId("DELETE", MAPPINGS, "{\"label_mappings\":[{\"" + spelling + "\":\"" + mappingOfA + "\"}]}", mappingOfA)
                    .statusCode(404)
                    .body("identifier", equalTo("not_found"))
                    .body("errors.field", contains("label_mappings[0].mapping_id"));
        }
        // a label is deleted only through the labels resource, and A's is not B's to delete there either
        sameAsForAnUnknownId("DELETE", "/entities", "{\"entities\":[{\"connection_entity_id\":\"" + labelOfA + "\"}]}", labelOfA)
                .statusCode(404);

        assertThat(snapshotOfA()).isEqualTo(before);
    }

    @Test
    void tenantBCanNeitherMapNorConnectToTenantAsLabel() {
        String before = snapshotOfA();

        sameAsForAnUnknownId("POST", MAPPINGS, "{\"mappings\":[{\"label_id\":\"" + labelOfA + "\",\"entity_id\":\"p1\"}]}", labelOfA)
                .statusCode(400)
                .body("identifier", equalTo("validation_failed"))
                .body("errors.field", contains("mappings[0].label_id"))
                .body("errors.index", contains(0));
        sameAsForAnUnknownId("POST", MAPPINGS, "{\"label_mappings\":[{\"label_definition_entity_id\":\"" + labelOfA
                + "\",\"connection_entity_id\":\"p1\"}]}", labelOfA)
                .statusCode(400)
                .body("errors.field", contains("label_mappings[0].label_definition_entity_id"));
        // moving B's own mapping to A's label
        String labelOfB = asB("POST", LABELS, "{\"labels\":[{\"name\":\"B's own\"}]}").statusCode(201).extract().path("data.labels[0]._id");
        String mappingOfB = asB("POST", MAPPINGS, "{\"mappings\":[{\"label_id\":\"" + labelOfB + "\",\"entity_id\":\"p1\"}]}")
                .statusCode(201).extract().path("data.mappings[0]._id");
        sameAsForAnUnknownId("PUT", MAPPINGS, "{\"mappings\":[{\"mapping_id\":\"" + mappingOfB + "\",\"label_id\":\"" + labelOfA + "\"}]}",
                labelOfA)
                .statusCode(400)
                .body("errors.field", contains("mappings[0].label_id"));
        as(tenantB).get(BASE + MAPPINGS).then().body("data.label_mappings.label_id", contains(labelOfB));

        // a connection to A's label by ID, on either side, is a connection to an unknown entity
        sameAsForAnUnknownId("POST", "/connections", "{\"connections\":[{\"connection_from_entity_id\":\"" + labelOfA
                + "\",\"strength\":1,\"connection_to_entity\":{\"connection_entity_id\":\"p1\",\"connection_entity_type\":\"PERSON\"}}]}", labelOfA)
                .statusCode(400)
                .body("identifier", equalTo("validation_failed"))
                .body("errors.field", contains("connections[0].connection_from_entity_id"));
        sameAsForAnUnknownId("POST", "/connections", "{\"connections\":[{\"connection_from_entity_id\":\"p9\",\"connection_to_entity_id\":\""
                + labelOfA + "\",\"strength\":1}]}", labelOfA)
                .statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("connections[0].connection_to_entity_id"));
        // nor as a whole LABEL object (B has no such label)
        sameAsForAnUnknownId("POST", "/connections", "{\"connections\":[{\"strength\":1,"
                + "\"connection_from_entity\":{\"connection_entity_id\":\"p1\",\"connection_entity_type\":\"PERSON\"},"
                + "\"connection_to_entity\":{\"connection_entity_id\":\"" + labelOfA + "\",\"connection_entity_type\":\"LABEL\"}}]}", labelOfA)
                .statusCode(400)
                .body("errors.field", contains("connections[0].connection_to_entity.connection_entity_type"));
        // nor by making a LABEL entity of that ID in B's directory
        sameAsForAnUnknownId("PUT", "/entities", "{\"entities\":[{\"connection_entity_id\":\"" + labelOfA
                + "\",\"connection_entity_type\":\"LABEL\"}]}", labelOfA)
                .statusCode(400)
                .body("errors.field", contains("entities[0].connection_entity_type"));

        as(tenantB).get(BASE + "/connections").then().body("pagination.total_results", equalTo(0));
        as(tenantB).get(BASE + "/entities?entity_type=LABEL").then().body("data.entities.connection_entity_id", contains(labelOfB));
        assertThat(snapshotOfA()).isEqualTo(before);
    }

    @Test
    void typeAndNameAreUniquePerTenant() {
        String before = snapshotOfA();

        String labelOfB = asB("POST", LABELS, "{\"labels\":[{\"name\":\"Shared\",\"type\":\"category\",\"details\":{\"color\":\"red\"}},"
                + "{\"name\":\"SECOND\",\"type\":\"Tag\"}]}")
                .statusCode(201)
                .body("data.labels.name", contains("Shared", "SECOND"))
                .extract().path("data.labels[0]._id");
        assertThat(labelOfB).isNotEqualTo(labelOfA);
        // still unique within each tenant
        asB("POST", LABELS, "{\"labels\":[{\"name\":\"shared\",\"type\":\"CATEGORY\"}]}").statusCode(409)
                .body("errors.field", contains("labels[0].name"));
        post(LABELS, "{\"labels\":[{\"name\":\"shared\",\"type\":\"CATEGORY\"}]}").statusCode(409)
                .body("errors.field", contains("labels[0].name"));

        // B's label is B's: B maps it, connects it, renames it, deletes it; A sees none of it
        asB("POST", MAPPINGS, "{\"mappings\":[{\"label_id\":\"" + labelOfB + "\",\"entity_id\":\"p1\",\"details\":{\"external_id\":\"ext-a\"}}]}")
                .statusCode(201);
        asB("POST", "/connections", "{\"connections\":[{\"connection_from_entity_id\":\"" + labelOfB
                + "\",\"strength\":5,\"connection_to_entity\":{\"connection_entity_id\":\"p1\",\"connection_entity_type\":\"PERSON\"}}]}")
                .statusCode(200);
        asB("PUT", LABELS, "{\"labels\":[{\"label_id\":\"" + labelOfB + "\",\"name\":\"Renamed by B\"}]}").statusCode(200);
        as(tenantB).get(BASE + LABELS + "?name=shared").then().body("data.labels", hasSize(0));
        get(LABELS + "?name=shared").body("data.labels._id", contains(labelOfA)).body("data.labels[0].details.color", equalTo("blue"));
        get("/connections?entity_id=" + labelOfA).body("data.connections[0].connection_from_entity.connection_entity_data.name",
                equalTo("Shared"));
        asB("DELETE", LABELS, "{\"labels\":[{\"label_id\":\"" + labelOfB + "\"}]}").statusCode(200)
                .body("data.deleted_mappings", equalTo(1))
                .body("data.deleted_connections", equalTo(1));

        assertThat(snapshotOfA()).isEqualTo(before);
    }

    /** Each answer has its own request ID; everything else must be the same. */
    private static String withoutRequestId(String body) {
        return body.replaceAll(",\"request_id\":\"[^\"]*\"", "");
    }
}
