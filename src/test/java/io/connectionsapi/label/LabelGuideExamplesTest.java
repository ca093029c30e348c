package io.connectionsapi.label;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.connectionsapi.support.ApiTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The guide's literal example requests for labels and mappings, replayed in order. Only IDs change: the guide's
 * "random-id-7"/"random-id-8" (labels) and "random-id-9"/"random-id-10" (mappings) stand for IDs the server assigned.
 */
class LabelGuideExamplesTest extends ApiTest {

    static final String CREATE_LABELS = """
            {
            "labels": [
            {
            "name": "Label A",
            "type": "category",
            "details": {
            "color": "blue",
            "description": "Primary category"
            }
            },
            {
            "name": "Label B",
            "type": "tag",
            "details": {
            "color": "green",
            "description": "Secondary tag"
            }
            }
            ]
            }
            """;

    static final String UPDATE_LABELS = """
            {
            "labels": [
            {
            "_id": "random-id-7",
            "name": "Label A Updated",
            "type": "category",
            "details": {
            "color": "red",
            "description": "Updated primary category"
            }
            },
            {
            "_id": "random-id-8",
            "name": "Label B Updated",
            "type": "tag",
            "details": {
            "color": "yellow",
            "description": "Updated secondary tag"
            }
            }
            ]
            }
            """;

    static final String DELETE_LABELS = """
            {
            "labels": [
            {
            "label_id": "random-id-7"
            },
            {
            "label_id": "random-id-8"
            }
            ]
            }
            """;

    static final String CREATE_MAPPINGS = """
            {
            "mappings": [
            {
            "label_id": "random-id-7",
            "entity_id": "random-id-2",
            "entity_type": "PERSON",
            "details": {
            "applied_at": "2025-07-18T12:00:00Z",
            "external_id": "ext-123"
            }
            },
            {
            "label_id": "random-id-8",
            "entity_id": "random-id-3",
            "entity_type": "TEAM",
            "details": {
            "applied_at": "2025-07-18T12:01:00Z",
            "external_id": "ext-456"
            }
            }
            ]
            }
            """;

    static final String UPDATE_MAPPINGS = """
            {
            "mappings": [
            {
            "_id": "random-id-9",
            "label_id": "random-id-7",
            "entity_id": "random-id-2",
            "entity_type": "PERSON",
            "details": {
            "applied_at": "2025-07-18T12:02:00Z",
            "external_id": "ext-123"
            }
            },
            {
            "_id": "random-id-10",
            "label_id": "random-id-8",
            "entity_id": "random-id-3",
            "entity_type": "TEAM",
            "details": {
            "applied_at": "2025-07-18T12:03:00Z",
            "external_id": "ext-456"
            }
            }
            ]
            }
            """;

    static final String DELETE_MAPPINGS = """
            {
            "mappings": [
            {
            "mapping_id": "random-id-9"
            },
            {
            "mapping_id": "random-id-10"
            }
            ]
            }
            """;

    @Test
    void theGuidesLabelAndMappingExamplesSucceedInOrder() {
        List<String> labels = as().header("Accept", "*/*").body(CREATE_LABELS).post(BASE + "/labels").then()
                .statusCode(201)
                .body("identifier", equalTo("create_labels_successful"))
                .body("data.labels.name", contains("Label A", "Label B"))
                .extract().path("data.labels._id");
        as().header("Accept", "*/*").get(BASE + "/labels").then().statusCode(200)
                .body("data.labels", hasSize(2)).body("data.pagination.total_results", equalTo(2));

        List<String> mappings = as().header("Accept", "*/*").body(withIds(CREATE_MAPPINGS, labels, List.of()))
                .post(BASE + "/labels/mapping").then()
                .statusCode(201)
                .body("identifier", equalTo("create_mappings_successful"))
                .body("data.mappings.entity_id", contains("random-id-2", "random-id-3"))
                .extract().path("data.mappings._id");
        as().header("Accept", "*/*").get(BASE + "/labels/mapping").then().statusCode(200)
                .body("data.label_mappings", hasSize(2));
        as().header("Accept", "*/*").body(withIds(UPDATE_MAPPINGS, labels, mappings)).put(BASE + "/labels/mapping").then()
                .statusCode(200)
                .body("identifier", equalTo("update_mappings_successful"))
                .body("data.mappings.details.applied_at", contains("2025-07-18T12:02:00Z", "2025-07-18T12:03:00Z"));

        as().header("Accept", "*/*").body(withIds(UPDATE_LABELS, labels, mappings)).put(BASE + "/labels").then()
                .statusCode(200)
                .body("identifier", equalTo("update_labels_successful"))
                .body("data.labels.name", contains("Label A Updated", "Label B Updated"))
                .body("data.labels[1].details.color", equalTo("yellow"));

        as().header("Accept", "*/*").body(withIds(DELETE_MAPPINGS, labels, mappings)).delete(BASE + "/labels/mapping").then()
                .statusCode(200)
                .body("identifier", equalTo("delete_mappings_successful"))
                .body("data.mappings.mapping_id", contains(mappings.get(0), mappings.get(1)));
        as().header("Accept", "*/*").body(withIds(DELETE_LABELS, labels, mappings)).delete(BASE + "/labels").then()
                .statusCode(200)
                .body("identifier", equalTo("delete_labels_successful"))
                .body("data.labels.label_id", contains(labels.get(0), labels.get(1)))
                .body("data.deleted_mappings", equalTo(0));
        get("/labels").body("data.labels", hasSize(0));
    }

    private static String withIds(String body, List<String> labels, List<String> mappings) {
        String result = body.replace("\"random-id-7\"", "\"" + labels.get(0) + "\"").replace("\"random-id-8\"", "\"" + labels.get(1) + "\"");
        if (!mappings.isEmpty()) {
            result = result.replace("\"random-id-9\"", "\"" + mappings.get(0) + "\"").replace("\"random-id-10\"", "\"" + mappings.get(1) + "\"");
        }
        return result;
    }
}
