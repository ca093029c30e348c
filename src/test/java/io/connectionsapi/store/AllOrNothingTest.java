package io.connectionsapi.store;

import static io.connectionsapi.support.ErrorEnvelope.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.connectionsapi.support.ApiTest;
import io.connectionsapi.support.ErrorEnvelope;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A write batch that the store refuses part-way (a unique index: a label name or a label mapping that exists
 * already) is a 409 and changes nothing, wherever the refused item stands: the items after it are not kept either,
 * and neither are the directory entries or connections that show a label.
 */
class AllOrNothingTest extends ApiTest {

    // ---------------------------------------------------------------------------------------------------------
    // PUT /labels
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void aLabelBatchWhoseFirstItemTakesANameChangesNothing() {
        String one = createLabel("one", "category");
        String two = createLabel("two", "category");
        createLabel("three", "category");
        putEntity("p1", "PERSON");
        String connection = connect("p1", two);

        ValidatableResponse refused = put("/labels", Map.of("labels", List.of(
                Map.of("label_id", one, "name", "THREE"),
                Map.of("label_id", two, "name", "deux", "details", Map.of("color", "red")))));

        ErrorEnvelope.namesOnly(ErrorEnvelope.rejected(refused, 409, "conflict"), List.of(at(0, "labels[0].name")));
        assertLabel(one, "one", null);
        assertLabel(two, "two", null);
        get("/entities?entity_id=" + two).body("data.entities[0].connection_entity_data.name", equalTo("two"));
        get("/connections?connection_id=" + connection)
                .body("data.connections[0].connection_to_entity.connection_entity_data.name", equalTo("two"));
        get("/labels?name=deux").body("data.labels", hasSize(0));
    }

    @Test
    void aLabelBatchRefusedInTheMiddleKeepsNeitherTheItemsBeforeNorAfter() {
        String one = createLabel("one", "category");
        String two = createLabel("two", "category");
        createLabel("three", "category");
        String four = createLabel("four", "category");

        ValidatableResponse refused = put("/labels", Map.of("labels", List.of(
                Map.of("label_id", one, "name", "uno"),
                Map.of("label_id", two, "name", "Three"),
                Map.of("label_id", four, "name", "quatre"))));

        ErrorEnvelope.namesOnly(ErrorEnvelope.rejected(refused, 409, "conflict"), List.of(at(1, "labels[1].name")));
        assertLabel(one, "one", null);
        assertLabel(two, "two", null);
        assertLabel(four, "four", null);
        get("/entities?entity_id=" + four).body("data.entities[0].connection_entity_data.name", equalTo("four"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // POST /labels
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void aNewLabelBatchWhoseFirstItemTakesANameCreatesNothing() {
        createLabel("taken", "category");

        ValidatableResponse refused = post("/labels", Map.of("labels", List.of(
                Map.of("name", "Taken", "type", "Category"), Map.of("name", "fresh", "type", "category"))));

        ErrorEnvelope.namesOnly(ErrorEnvelope.rejected(refused, 409, "conflict"), List.of(at(0, "labels[0].name")));
        get("/labels").body("pagination.total_results", equalTo(1));
        get("/entities?entity_type=LABEL").body("pagination.total_results", equalTo(1));
    }

    // ---------------------------------------------------------------------------------------------------------
    // PUT /labels/mapping
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void aMappingBatchWhoseFirstItemMovesOntoATakenPairChangesNothing() {
        String a = createLabel("A", null);
        String b = createLabel("B", null);
        String m1 = map(a, "p1");
        map(a, "p2");
        String m3 = map(b, "p3");

        ValidatableResponse refused = put("/labels/mapping", Map.of("mappings", List.of(
                Map.of("mapping_id", m1, "entity_id", "p2"),
                Map.of("mapping_id", m3, "value", "changed", "visibility", "PUBLIC"))));

        ErrorEnvelope.namesOnly(ErrorEnvelope.rejected(refused, 409, "conflict"), List.of(at(0, "mappings[0].entity_id")));
        get("/labels/mapping?mapping_id=" + m1).body("data.label_mappings[0].entity_id", equalTo("p1"))
                .body("data.label_mappings[0].label_id", equalTo(a));
        get("/labels/mapping?mapping_id=" + m3).body("data.label_mappings[0].value", equalTo(null))
                .body("data.label_mappings[0].visibility", equalTo(null));
        get("/labels/mapping").body("pagination.total_results", equalTo(3));
    }

    @Test
    void aMappingBatchWhoseFirstItemMovesToALabelMappedAlreadyChangesNothing() {
        String a = createLabel("A", null);
        String b = createLabel("B", null);
        map(a, "p1");
        String m2 = map(b, "p1");
        String m3 = map(b, "p3");

        ValidatableResponse refused = put("/labels/mapping", Map.of("mappings", List.of(
                Map.of("mapping_id", m2, "label_id", a),
                Map.of("mapping_id", m3, "entity_id", "p9"))));

        ErrorEnvelope.rejected(refused, 409, "conflict");
        List<Integer> blamed = refused.extract().path("errors.index");
        assertThat(blamed).as("items blamed").isNotEmpty().containsOnly(0);
        get("/labels/mapping?mapping_id=" + m2).body("data.label_mappings[0].label_id", equalTo(b));
        get("/labels/mapping?mapping_id=" + m3).body("data.label_mappings[0].entity_id", equalTo("p3"));
        get("/labels/mapping?entity_id=p9").body("data.label_mappings", hasSize(0));
    }

    // ---------------------------------------------------------------------------------------------------------
    // POST /labels/mapping
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void aNewMappingBatchWhoseFirstItemIsMappedAlreadyCreatesNothing() {
        String a = createLabel("A", null);
        String b = createLabel("B", null);
        map(a, "p1");

        ValidatableResponse refused = post("/labels/mapping", Map.of("mappings", List.of(
                Map.of("label_id", a, "entity_id", "p1"), Map.of("label_id", b, "entity_id", "p5"))));

        ErrorEnvelope.namesOnly(ErrorEnvelope.rejected(refused, 409, "conflict"), List.of(at(0, "mappings[0].entity_id")));
        get("/labels/mapping").body("pagination.total_results", equalTo(1));
        get("/labels/mapping?label_id=" + b).body("data.label_mappings", hasSize(0));
    }

    // ---------------------------------------------------------------------------------------------------------

    private void assertLabel(String id, String name, Object color) {
        get("/labels?label_id=" + id).statusCode(200)
                .body("data.labels[0].name", equalTo(name))
                .body("data.labels[0].details.color", equalTo(color));
        get("/entities?entity_id=" + id).statusCode(200)
                .body("data.entities[0].connection_entity_data.name", equalTo(name));
    }

    private String createLabel(String name, String type) {
        Map<String, Object> label = type == null ? Map.of("name", name) : Map.of("name", name, "type", type);
        return post("/labels", Map.of("labels", List.of(label))).statusCode(201).extract().path("data.labels[0]._id");
    }

    private String map(String label, String entity) {
        return post("/labels/mapping", Map.of("mappings", List.of(Map.of("label_id", label, "entity_id", entity))))
                .statusCode(201).extract().path("data.mappings[0]._id");
    }

    private void putEntity(String id, String type) {
        put("/entities", Map.of("entities", List.of(Map.of("connection_entity_id", id, "connection_entity_type", type))))
                .statusCode(200);
    }

    private String connect(String from, String to) {
        return post("/connections", Map.of("connections", List.of(Map.of("connection_from_entity_id", from,
                "connection_to_entity_id", to, "strength", 5)))).statusCode(200).extract().path("data[0]._id");
    }
}
