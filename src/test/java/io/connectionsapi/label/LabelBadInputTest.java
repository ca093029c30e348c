package io.connectionsapi.label;

import static io.connectionsapi.support.ErrorEnvelope.at;
import static io.connectionsapi.support.ErrorEnvelope.invalid;
import static io.connectionsapi.support.ErrorEnvelope.obj;
import static io.connectionsapi.support.ErrorEnvelope.refused;
import static io.connectionsapi.support.ErrorEnvelope.str;
import static io.connectionsapi.support.ErrorEnvelope.namesOnly;
import static io.connectionsapi.support.ErrorEnvelope.rejected;
import static io.connectionsapi.support.ErrorEnvelope.top;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.connectionsapi.support.ApiTest;
import io.connectionsapi.support.ErrorEnvelope.Case;
import io.connectionsapi.support.ErrorEnvelope.Obj;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input to labels and label mappings, case by case: every rejected write gets the contract's error envelope
 * with the right status, identifier and field (and batch index where an item is at fault), leaks nothing
 * internal, and leaves the tenant's labels, mappings, connections and entities exactly as they were. The cases run
 * against one seeded tenant: labels Alpha (category) and Beta (tag), mappings Alpha→p1 and Beta→p1, and a
 * connection from Alpha to the person p1. In every write batch item 0 is valid and item 1 is the bad one, so a
 * partial write would show. Bad list parameters are a 400 naming the parameter;
 * operator-looking filter values are plain strings that match nothing. Accepted values at the edges are checked
 * alongside.
 */
class LabelBadInputTest extends ApiTest {

    static final String LABELS = "/labels";
    static final String MAPPINGS = "/labels/mapping";
    static final String CONNECTIONS = "/connections";
    static final String ENTITIES = "/entities";

    // ---------------------------------------------------------------- the seeded tenant

    /** Seeded once and shared: a rejected request changes nothing (and a case that did change it has it seeded afresh). */
    private static @Nullable Seeded seeded;

    /** The seeded tenant: its key, the IDs standing for {@code @L1 @L2 @M1 @M2} in case bodies, and its data as it must stay. */
    record Seeded(String key, Map<String, String> ids, Store store) {

        String fill(String body) {
            String filled = body;
            for (Map.Entry<String, String> id : ids.entrySet()) {
                filled = filled.replace(id.getKey(), id.getValue());
            }
            return filled;
        }
    }

    Seeded seeded() {
        if (seeded == null) {
            String tenantKey = newKey("label-bad-input-" + java.util.UUID.randomUUID().toString().substring(0, 8), "read", "write");
            List<String> labels = as(tenantKey).body("{\"labels\":[{\"name\":\"Alpha\",\"type\":\"category\",\"details\":{\"color\":\"blue\"}},"
                    + "{\"name\":\"Beta\",\"type\":\"tag\"}]}").post(BASE + LABELS).then().statusCode(201).extract().path("data.labels._id");
            as(tenantKey).body("{\"connections\":[{\"connection_from_entity_id\":\"" + labels.get(0) + "\",\"strength\":10,"
                    + "\"connection_to_entity\":{\"connection_entity_id\":\"p1\",\"connection_entity_type\":\"PERSON\"}}]}")
                    .post(BASE + CONNECTIONS).then().statusCode(200);
            List<String> mappings = as(tenantKey).body("{\"mappings\":[{\"label_id\":\"" + labels.get(0) + "\",\"entity_id\":\"p1\","
                    + "\"entity_type\":\"PERSON\",\"details\":{\"external_id\":\"ext-1\"}},"
                    + "{\"label_id\":\"" + labels.get(1) + "\",\"entity_id\":\"p1\"}]}")
                    .post(BASE + MAPPINGS).then().statusCode(201).extract().path("data.mappings._id");
            Map<String, String> ids = new LinkedHashMap<>();
            ids.put("@L1", labels.get(0));
            ids.put("@L2", labels.get(1));
            ids.put("@M1", mappings.get(0));
            ids.put("@M2", mappings.get(1));
            seeded = new Seeded(tenantKey, ids, store(tenantKey));
        }
        return seeded;
    }

    /** The tenant's data: every list in full, with its total. */
    record Store(int labelCount, List<Object> labels, int mappingCount, List<Object> mappings, int connectionCount,
            List<Object> connections, int entityCount, List<Object> entities) {
    }

    static Store store(String tenantKey) {
        var labels = list(tenantKey, LABELS + "?limit=1000&sort=_id");
        var mappings = list(tenantKey, MAPPINGS + "?limit=1000&sort=_id");
        var connections = list(tenantKey, CONNECTIONS + "?limit=1000&sort=_id");
        var entities = list(tenantKey, ENTITIES + "?limit=1000&sort=connection_entity_id");
        return new Store(labels.path("pagination.total_results"), labels.path("data.labels"),
                mappings.path("pagination.total_results"), mappings.path("data.label_mappings"),
                connections.path("pagination.total_results"), connections.path("data.connections"),
                entities.path("pagination.total_results"), entities.path("data.entities"));
    }

    private static io.restassured.response.ExtractableResponse<io.restassured.response.Response> list(String tenantKey, String pathAndQuery) {
        return given().header("x-api-key", tenantKey).get(BASE + pathAndQuery).then().statusCode(200).extract();
    }

    void assertUnchanged(Seeded tenant) {
        Store now = store(tenant.key());
        if (!now.equals(tenant.store())) {
            seeded = null;
        }
        assertThat(now).as("the tenant's labels, mappings, connections and entities after the rejected request").isEqualTo(tenant.store());
    }

    // ---------------------------------------------------------------- the checks every rejection gets

    // ---------------------------------------------------------------- raw JSON building blocks

    /** Objects nested {@code levels} deep, counting the outermost: {@code {"a":{"a":{}}}} is 3. */
    static String nested(int levels) {
        return levels == 1 ? "{}" : "{\"a\":" + nested(levels - 1) + "}";
    }

    static String batch(String key, Object valid, Object bad) {
        return "{\"" + key + "\":[" + valid + "," + bad + "]}";
    }

    static String many(String key, int count, Object item) {
        return Stream.generate(item::toString).limit(count).collect(Collectors.joining(",", "{\"" + key + "\":[", "]}"));
    }

    /** A valid new label that collides with nothing seeded. */
    static Obj newLabel() {
        return obj().with("name", str("Gamma")).with("type", str("category"));
    }

    static String createLabels(Object bad) {
        return batch("labels", obj().with("name", str("Delta")).with("type", str("category")), bad);
    }

    static String updateLabels(Object bad) {
        return batch("labels", obj().with("label_id", str("@L1")).with("details", "{\"color\":\"red\"}"), bad);
    }

    static String deleteLabels(Object bad) {
        return batch("labels", obj().with("label_id", str("@L2")), bad);
    }

    static Obj labelUpdate() {
        return obj().with("label_id", str("@L2"));
    }

    /** A valid new mapping that collides with nothing seeded. */
    static Obj newMapping() {
        return obj().with("label_id", str("@L2")).with("entity_id", str("p3")).with("entity_type", str("PERSON"));
    }

    static String createMappings(Object bad) {
        return batch("mappings", obj().with("label_id", str("@L1")).with("entity_id", str("p2")), bad);
    }

    static String updateMappings(Object bad) {
        return batch("mappings", obj().with("mapping_id", str("@M1")).with("value", str("v2")), bad);
    }

    static String deleteMappings(Object bad) {
        return batch("mappings", obj().with("mapping_id", str("@M1")), bad);
    }

    static Obj mappingUpdate() {
        return obj().with("mapping_id", str("@M2"));
    }

    static final String UNKNOWN_ID = "000000000000000000000000";

    // ---------------------------------------------------------------- the cases

    static Stream<Case> labelWrites() {
        String l1 = "labels[1].";
        String details = l1 + "details";
        return Stream.of(
                // name
                invalid("create: name missing", "POST", LABELS, createLabels(newLabel().without("name")), at(1, l1 + "name")),
                invalid("create: name null", "POST", LABELS, createLabels(newLabel().with("name", "null")), at(1, l1 + "name")),
                invalid("create: name empty", "POST", LABELS, createLabels(newLabel().with("name", "\"\"")), at(1, l1 + "name")),
                invalid("create: name of 201 characters", "POST", LABELS, createLabels(newLabel().with("name", str("n".repeat(201)))),
                        at(1, l1 + "name")),
                invalid("create: name a number", "POST", LABELS, createLabels(newLabel().with("name", "5")), at(1, l1 + "name")),
                invalid("create: name an operator", "POST", LABELS, createLabels(newLabel().with("name", "{\"$ne\":null}")), at(1, l1 + "name")),
                // type
                invalid("create: type empty", "POST", LABELS, createLabels(newLabel().with("type", "\"\"")), at(1, l1 + "type")),
                invalid("create: type of 101 characters", "POST", LABELS, createLabels(newLabel().with("type", str("t".repeat(101)))),
                        at(1, l1 + "type")),
                invalid("create: type an object", "POST", LABELS, createLabels(newLabel().with("type", "{\"$ne\":null}")), at(1, l1 + "type")),
                // details
                invalid("create: details an array", "POST", LABELS, createLabels(newLabel().with("details", "[\"blue\"]")), at(1, details)),
                invalid("create: details a string", "POST", LABELS, createLabels(newLabel().with("details", "\"blue\"")), at(1, details)),
                invalid("create: details null", "POST", LABELS, createLabels(newLabel().with("details", "null")), at(1, details)),
                invalid("create: details key $x", "POST", LABELS, createLabels(newLabel().with("details", "{\"$x\":1}")), at(1, details)),
                invalid("create: details key a.b", "POST", LABELS, createLabels(newLabel().with("details", "{\"a.b\":1}")), at(1, details)),
                invalid("create: details key empty", "POST", LABELS, createLabels(newLabel().with("details", "{\"\":1}")), at(1, details)),
                invalid("create: details key $where at depth 3", "POST", LABELS,
                        createLabels(newLabel().with("details", "{\"x\":{\"y\":{\"$where\":\"1\"}}}")), at(1, details + ".x.y")),
                invalid("create: details nested 9 deep", "POST", LABELS, createLabels(newLabel().with("details", nested(9))),
                        at(1, details + ".a".repeat(8))),
                invalid("create: details over 16 KiB", "POST", LABELS,
                        createLabels(newLabel().with("details", "{\"big\":" + str("x".repeat(16 * 1024)) + "}")), at(1, details)),
                // flags
                invalid("create: flags a string", "POST", LABELS, createLabels(newLabel().with("flags", "\"connectable\"")), at(1, l1 + "flags")),
                invalid("create: flags a boolean", "POST", LABELS, createLabels(newLabel().with("flags", "true")), at(1, l1 + "flags")),
                invalid("create: flags an array", "POST", LABELS, createLabels(newLabel().with("flags", "[]")), at(1, l1 + "flags")),
                invalid("create: flags null", "POST", LABELS, createLabels(newLabel().with("flags", "null")), at(1, l1 + "flags")),
                invalid("create: flags.connectable \"yes\"", "POST", LABELS,
                        createLabels(newLabel().with("flags", "{\"connectable\":\"yes\"}")), at(1, l1 + "flags.connectable")),
                invalid("create: flags.connectable null", "POST", LABELS,
                        createLabels(newLabel().with("flags", "{\"connectable\":null}")), at(1, l1 + "flags.connectable")),
                invalid("create: unknown flag hidden", "POST", LABELS,
                        createLabels(newLabel().with("flags", "{\"connectable\":true,\"hidden\":true}")), at(1, l1 + "flags.hidden")),
                // status, location, configuration
                invalid("create: status null", "POST", LABELS, createLabels(newLabel().with("status", "null")), at(1, l1 + "status")),
                invalid("create: status empty", "POST", LABELS, createLabels(newLabel().with("status", "\"\"")), at(1, l1 + "status")),
                invalid("create: status a number", "POST", LABELS, createLabels(newLabel().with("status", "5")), at(1, l1 + "status")),
                invalid("create: location_id a number", "POST", LABELS, createLabels(newLabel().with("location_id", "5")),
                        at(1, l1 + "location_id")),
                invalid("create: configuration_id an operator", "POST", LABELS,
                        createLabels(newLabel().with("configuration_id", "{\"$gt\":\"\"}")), at(1, l1 + "configuration_id")),
                // unknown and server-owned fields
                invalid("create: misspelled nmae", "POST", LABELS, createLabels(newLabel().without("name").with("nmae", str("Gamma"))),
                        at(1, l1 + "nmae"), at(1, l1 + "name")),
                invalid("create: client-sent _id", "POST", LABELS, createLabels(newLabel().with("_id", str("mine"))), at(1, l1 + "_id")),
                invalid("create: client-sent label_id", "POST", LABELS, createLabels(newLabel().with("label_id", str("mine"))),
                        at(1, l1 + "label_id")),
                invalid("create: client-sent created_at", "POST", LABELS,
                        createLabels(newLabel().with("created_at", str("2025-07-18T12:00:00Z"))), at(1, l1 + "created_at")),
                invalid("create: tenant_id in an item", "POST", LABELS, createLabels(newLabel().with("tenant_id", str("other"))),
                        at(1, l1 + "tenant_id")),
                invalid("create: item a number", "POST", LABELS, createLabels("5"), at(1, "labels[1]")),
                invalid("create: item null", "POST", LABELS, createLabels("null"), at(1, "labels[1]")),
                // uniqueness of (type, name), case-insensitively
                refused("create: type and name of a stored label", "POST", LABELS,
                        createLabels(obj().with("name", str("ALPHA")).with("type", str("Category"))), 409, "conflict", at(1, l1 + "name")),
                refused("create: type and name twice in one batch", "POST", LABELS,
                        createLabels(obj().with("name", str("delta")).with("type", str("CATEGORY"))), 409, "conflict", at(1, l1 + "name")),

                // PUT
                invalid("update: no label_id or _id", "PUT", LABELS, updateLabels(obj().with("name", str("x"))), at(1, l1 + "label_id")),
                invalid("update: label_id null", "PUT", LABELS, updateLabels(obj().with("label_id", "null").with("name", str("x"))),
                        at(1, l1 + "label_id")),
                invalid("update: label_id a number", "PUT", LABELS, updateLabels(obj().with("label_id", "5").with("name", str("x"))),
                        at(1, l1 + "label_id")),
                invalid("update: label_id an operator", "PUT", LABELS,
                        updateLabels(obj().with("label_id", "{\"$ne\":null}").with("name", str("x"))), at(1, l1 + "label_id")),
                invalid("update: label_id and _id naming different labels", "PUT", LABELS,
                        updateLabels(obj().with("label_id", str("@L2")).with("_id", str("@L1")).with("name", str("x"))), at(1, l1 + "_id")),
                invalid("update: duplicate label_id in one batch", "PUT", LABELS,
                        updateLabels(obj().with("label_id", str("@L1")).with("name", str("Other"))), at(1, l1 + "label_id")),
                invalid("update: same label by label_id and by _id", "PUT", LABELS,
                        updateLabels(obj().with("_id", str("@L1")).with("name", str("Other"))), at(1, l1 + "_id")),
                invalid("update: name null", "PUT", LABELS, updateLabels(labelUpdate().with("name", "null")), at(1, l1 + "name")),
                invalid("update: name empty", "PUT", LABELS, updateLabels(labelUpdate().with("name", "\"\"")), at(1, l1 + "name")),
                invalid("update: name of 201 characters", "PUT", LABELS, updateLabels(labelUpdate().with("name", str("n".repeat(201)))),
                        at(1, l1 + "name")),
                invalid("update: type of 101 characters", "PUT", LABELS, updateLabels(labelUpdate().with("type", str("t".repeat(101)))),
                        at(1, l1 + "type")),
                invalid("update: details null", "PUT", LABELS, updateLabels(labelUpdate().with("details", "null")), at(1, details)),
                invalid("update: details key $set", "PUT", LABELS, updateLabels(labelUpdate().with("details", "{\"$set\":{\"a\":1}}")),
                        at(1, details)),
                invalid("update: flags null", "PUT", LABELS, updateLabels(labelUpdate().with("flags", "null")), at(1, l1 + "flags")),
                invalid("update: flags.connectable \"yes\"", "PUT", LABELS,
                        updateLabels(labelUpdate().with("flags", "{\"connectable\":\"yes\"}")), at(1, l1 + "flags.connectable")),
                invalid("update: status null", "PUT", LABELS, updateLabels(labelUpdate().with("status", "null")), at(1, l1 + "status")),
                invalid("update: misspelled nmae", "PUT", LABELS, updateLabels(labelUpdate().with("nmae", str("x"))), at(1, l1 + "nmae")),
                invalid("update: created_at sent", "PUT", LABELS,
                        updateLabels(labelUpdate().with("created_at", str("2020-01-01T00:00:00Z"))), at(1, l1 + "created_at")),
                invalid("update: item a string", "PUT", LABELS, updateLabels(str("@L2")), at(1, "labels[1]")),
                refused("update: unknown label_id", "PUT", LABELS,
                        updateLabels(obj().with("label_id", str(UNKNOWN_ID)).with("name", str("x"))), 404, "not_found", at(1, l1 + "label_id")),
                refused("update: unknown _id", "PUT", LABELS,
                        updateLabels(obj().with("_id", str("ghost")).with("name", str("x"))), 404, "not_found", at(1, l1 + "label_id")),
                refused("update: renaming onto a stored type and name", "PUT", LABELS,
                        updateLabels(labelUpdate().with("name", str("alpha")).with("type", str("CATEGORY"))), 409, "conflict", at(1, l1 + "name")),

                // DELETE
                refused("delete: unknown label_id", "DELETE", LABELS, deleteLabels(obj().with("label_id", str(UNKNOWN_ID))), 404, "not_found",
                        at(1, l1 + "label_id")),
                refused("delete: a mapping's ID as label_id", "DELETE", LABELS, deleteLabels(obj().with("label_id", str("@M1"))), 404,
                        "not_found", at(1, l1 + "label_id")),
                invalid("delete: duplicate label_id", "DELETE", LABELS, deleteLabels(obj().with("label_id", str("@L2"))), at(1, l1 + "label_id")),
                invalid("delete: same label by label_id and by _id", "DELETE", LABELS, deleteLabels(obj().with("_id", str("@L2"))),
                        at(1, l1 + "_id")),
                invalid("delete: item with an extra field", "DELETE", LABELS,
                        deleteLabels(obj().with("label_id", str("@L1")).with("cascade", "false")), at(1, l1 + "cascade")),
                invalid("delete: no label_id", "DELETE", LABELS, deleteLabels(obj()), at(1, l1 + "label_id")),
                invalid("delete: label_id null", "DELETE", LABELS, deleteLabels(obj().with("label_id", "null")), at(1, l1 + "label_id")),
                invalid("delete: label_id an operator", "DELETE", LABELS, deleteLabels(obj().with("label_id", "{\"$ne\":null}")),
                        at(1, l1 + "label_id")),
                invalid("delete: label_id empty", "DELETE", LABELS, deleteLabels(obj().with("label_id", "\"\"")), at(1, l1 + "label_id")),
                invalid("delete: item a string", "DELETE", LABELS, deleteLabels(str("@L1")), at(1, "labels[1]")));
    }

    static Stream<Case> mappingWrites() {
        String m1 = "mappings[1].";
        return Stream.of(
                // the label
                invalid("create: label_id missing", "POST", MAPPINGS, createMappings(newMapping().without("label_id")), at(1, m1 + "label_id")),
                invalid("create: label_id null", "POST", MAPPINGS, createMappings(newMapping().with("label_id", "null")), at(1, m1 + "label_id")),
                invalid("create: label_id an operator", "POST", MAPPINGS, createMappings(newMapping().with("label_id", "{\"$ne\":null}")),
                        at(1, m1 + "label_id")),
                invalid("create: label_id and label_definition_entity_id different", "POST", MAPPINGS,
                        createMappings(newMapping().with("label_definition_entity_id", str("@L1"))), at(1, m1 + "label_definition_entity_id")),
                invalid("create: label_id of no label", "POST", MAPPINGS, createMappings(newMapping().with("label_id", str("ghost"))),
                        at(1, m1 + "label_id")),
                invalid("create: label_definition_entity_id of no label", "POST", MAPPINGS,
                        createMappings(newMapping().without("label_id").with("label_definition_entity_id", str(UNKNOWN_ID))),
                        at(1, m1 + "label_definition_entity_id")),
                invalid("create: label_id of a PERSON entity", "POST", MAPPINGS, createMappings(newMapping().with("label_id", str("p1"))),
                        at(1, m1 + "label_id")),
                invalid("create: label_id of a mapping", "POST", MAPPINGS, createMappings(newMapping().with("label_id", str("@M1"))),
                        at(1, m1 + "label_id")),
                // the entity
                invalid("create: entity_id missing", "POST", MAPPINGS, createMappings(newMapping().without("entity_id")), at(1, m1 + "entity_id")),
                invalid("create: entity_id null", "POST", MAPPINGS, createMappings(newMapping().with("entity_id", "null")), at(1, m1 + "entity_id")),
                invalid("create: entity_id empty", "POST", MAPPINGS, createMappings(newMapping().with("entity_id", "\"\"")), at(1, m1 + "entity_id")),
                invalid("create: entity_id of 201 characters", "POST", MAPPINGS,
                        createMappings(newMapping().with("entity_id", str("e".repeat(201)))), at(1, m1 + "entity_id")),
                invalid("create: entity_id a number", "POST", MAPPINGS, createMappings(newMapping().with("entity_id", "7")), at(1, m1 + "entity_id")),
                invalid("create: entity_id and connection_entity_id different", "POST", MAPPINGS,
                        createMappings(newMapping().with("connection_entity_id", str("p4"))), at(1, m1 + "connection_entity_id")),
                invalid("create: entity_type ALIEN", "POST", MAPPINGS, createMappings(newMapping().with("entity_type", str("ALIEN"))),
                        at(1, m1 + "entity_type")),
                invalid("create: entity_type lower case", "POST", MAPPINGS, createMappings(newMapping().with("entity_type", str("person"))),
                        at(1, m1 + "entity_type")),
                // the other fields
                invalid("create: value of 1001 characters", "POST", MAPPINGS, createMappings(newMapping().with("value", str("v".repeat(1001)))),
                        at(1, m1 + "value")),
                invalid("create: value a number", "POST", MAPPINGS, createMappings(newMapping().with("value", "1")), at(1, m1 + "value")),
                invalid("create: visibility empty", "POST", MAPPINGS, createMappings(newMapping().with("visibility", "\"\"")),
                        at(1, m1 + "visibility")),
                invalid("create: visibility of 101 characters", "POST", MAPPINGS,
                        createMappings(newMapping().with("visibility", str("v".repeat(101)))), at(1, m1 + "visibility")),
                invalid("create: details null", "POST", MAPPINGS, createMappings(newMapping().with("details", "null")), at(1, m1 + "details")),
                invalid("create: details an array", "POST", MAPPINGS, createMappings(newMapping().with("details", "[]")), at(1, m1 + "details")),
                invalid("create: details key $x", "POST", MAPPINGS, createMappings(newMapping().with("details", "{\"$x\":1}")),
                        at(1, m1 + "details")),
                invalid("create: details nested 9 deep", "POST", MAPPINGS, createMappings(newMapping().with("details", nested(9))),
                        at(1, m1 + "details" + ".a".repeat(8))),
                invalid("create: status null", "POST", MAPPINGS, createMappings(newMapping().with("status", "null")), at(1, m1 + "status")),
                invalid("create: location_id a number", "POST", MAPPINGS, createMappings(newMapping().with("location_id", "5")),
                        at(1, m1 + "location_id")),
                invalid("create: misspelled lable_id", "POST", MAPPINGS,
                        createMappings(newMapping().without("label_id").with("lable_id", str("@L2"))), at(1, m1 + "lable_id"), at(1, m1 + "label_id")),
                invalid("create: client-sent _id", "POST", MAPPINGS, createMappings(newMapping().with("_id", str("mine"))), at(1, m1 + "_id")),
                invalid("create: client-sent mapping_id", "POST", MAPPINGS, createMappings(newMapping().with("mapping_id", str("mine"))),
                        at(1, m1 + "mapping_id")),
                invalid("create: item an array", "POST", MAPPINGS, createMappings("[" + newMapping() + "]"), at(1, "mappings[1]")),
                invalid("create: both mappings and label_mappings keys", "POST", MAPPINGS,
                        "{\"mappings\":[" + newMapping() + "],\"label_mappings\":[" + newMapping().with("entity_id", str("p5")) + "]}",
                        top("label_mappings")),
                // under the OAS batch key, errors name the items as the client sent them
                invalid("create under label_mappings: label_definition_entity_id of no label", "POST", MAPPINGS,
                        batch("label_mappings", newMapping(), obj().with("label_definition_entity_id", str("ghost")).with("connection_entity_id", str("p4"))),
                        at(1, "label_mappings[1].label_definition_entity_id")),
                invalid("create under label_mappings: unknown field", "POST", MAPPINGS,
                        batch("label_mappings", newMapping(), newMapping().with("entity_id", str("p4")).with("colour", str("red"))),
                        at(1, "label_mappings[1].colour")),
                refused("create under label_mappings: label and entity twice in one batch", "POST", MAPPINGS,
                        batch("label_mappings", newMapping(), newMapping()), 409, "conflict", at(1, "label_mappings[1].entity_id")),
                refused("create under label_mappings: label and entity of a stored mapping", "POST", MAPPINGS,
                        batch("label_mappings", newMapping(), obj().with("label_definition_entity_id", str("@L1")).with("connection_entity_id", str("p1"))),
                        409, "conflict", at(1, "label_mappings[1].entity_id")),
                // uniqueness of (label, entity)
                refused("create: label and entity twice in one batch", "POST", MAPPINGS,
                        createMappings(obj().with("label_id", str("@L1")).with("entity_id", str("p2"))), 409, "conflict", at(1, m1 + "entity_id")),
                refused("create: label and entity of a stored mapping", "POST", MAPPINGS,
                        createMappings(obj().with("label_id", str("@L1")).with("entity_id", str("p1"))), 409, "conflict", at(1, m1 + "entity_id")),
                refused("create: label and entity of a stored mapping, OpenAPI spellings", "POST", MAPPINGS,
                        createMappings(obj().with("label_definition_entity_id", str("@L2")).with("connection_entity_id", str("p1"))), 409,
                        "conflict", at(1, m1 + "entity_id")),

                // PUT
                invalid("update: no mapping_id, label_mapping_id or _id", "PUT", MAPPINGS, updateMappings(obj().with("value", str("x"))),
                        at(1, m1 + "mapping_id")),
                invalid("update: mapping_id null", "PUT", MAPPINGS, updateMappings(obj().with("mapping_id", "null").with("value", str("x"))),
                        at(1, m1 + "mapping_id")),
                invalid("update: mapping_id an operator", "PUT", MAPPINGS,
                        updateMappings(obj().with("mapping_id", "{\"$ne\":null}").with("value", str("x"))), at(1, m1 + "mapping_id")),
                invalid("update: mapping_id and label_mapping_id naming different mappings", "PUT", MAPPINGS,
                        updateMappings(mappingUpdate().with("label_mapping_id", str("@M1"))), at(1, m1 + "label_mapping_id")),
                invalid("update: mapping_id and _id naming different mappings", "PUT", MAPPINGS,
                        updateMappings(mappingUpdate().with("_id", str("@M1"))), at(1, m1 + "_id")),
                invalid("update: duplicate mapping_id in one batch", "PUT", MAPPINGS,
                        updateMappings(obj().with("mapping_id", str("@M1")).with("value", str("v3"))), at(1, m1 + "mapping_id")),
                invalid("update: same mapping by mapping_id and by label_mapping_id", "PUT", MAPPINGS,
                        updateMappings(obj().with("label_mapping_id", str("@M1")).with("value", str("v3"))), at(1, m1 + "label_mapping_id")),
                invalid("update: label_id of no label", "PUT", MAPPINGS, updateMappings(mappingUpdate().with("label_id", str("ghost"))),
                        at(1, m1 + "label_id")),
                invalid("update: label_id null", "PUT", MAPPINGS, updateMappings(mappingUpdate().with("label_id", "null")), at(1, m1 + "label_id")),
                invalid("update: label_id and label_definition_entity_id different", "PUT", MAPPINGS,
                        updateMappings(mappingUpdate().with("label_id", str("@L1")).with("label_definition_entity_id", str("@L2"))),
                        at(1, m1 + "label_definition_entity_id")),
                invalid("update: entity_id null", "PUT", MAPPINGS, updateMappings(mappingUpdate().with("entity_id", "null")),
                        at(1, m1 + "entity_id")),
                invalid("update: entity_id of 201 characters", "PUT", MAPPINGS,
                        updateMappings(mappingUpdate().with("entity_id", str("e".repeat(201)))), at(1, m1 + "entity_id")),
                invalid("update: entity_type ALIEN", "PUT", MAPPINGS, updateMappings(mappingUpdate().with("entity_type", str("ALIEN"))),
                        at(1, m1 + "entity_type")),
                invalid("update: value of 1001 characters", "PUT", MAPPINGS,
                        updateMappings(mappingUpdate().with("value", str("v".repeat(1001)))), at(1, m1 + "value")),
                invalid("update: visibility empty", "PUT", MAPPINGS, updateMappings(mappingUpdate().with("visibility", "\"\"")),
                        at(1, m1 + "visibility")),
                invalid("update: status null", "PUT", MAPPINGS, updateMappings(mappingUpdate().with("status", "null")), at(1, m1 + "status")),
                invalid("update: unknown field", "PUT", MAPPINGS, updateMappings(mappingUpdate().with("valeu", str("x"))), at(1, m1 + "valeu")),
                invalid("update: created_at sent", "PUT", MAPPINGS,
                        updateMappings(mappingUpdate().with("created_at", str("2020-01-01T00:00:00Z"))), at(1, m1 + "created_at")),
                refused("update: unknown mapping_id", "PUT", MAPPINGS,
                        updateMappings(obj().with("mapping_id", str(UNKNOWN_ID)).with("value", str("x"))), 404, "not_found",
                        at(1, m1 + "mapping_id")),
                refused("update: a label's ID as mapping_id", "PUT", MAPPINGS,
                        updateMappings(obj().with("mapping_id", str("@L1")).with("value", str("x"))), 404, "not_found",
                        at(1, m1 + "mapping_id")),
                refused("update under label_mappings: unknown label_mapping_id", "PUT", MAPPINGS,
                        batch("label_mappings", obj().with("label_mapping_id", str("@M1")).with("value", str("v2")),
                                obj().with("label_mapping_id", str(UNKNOWN_ID)).with("value", str("x"))), 404, "not_found",
                        at(1, "label_mappings[1].mapping_id")),
                invalid("update under label_mappings: duplicate label_mapping_id", "PUT", MAPPINGS,
                        batch("label_mappings", obj().with("label_mapping_id", str("@M1")).with("value", str("v2")),
                                obj().with("label_mapping_id", str("@M1")).with("value", str("x"))), at(1, "label_mappings[1].label_mapping_id")),
                refused("update: moving a mapping onto a stored label and entity", "PUT", MAPPINGS,
                        updateMappings(mappingUpdate().with("label_id", str("@L1"))), 409, "conflict", at(1, m1 + "entity_id")),

                // DELETE
                refused("delete: unknown mapping_id", "DELETE", MAPPINGS, deleteMappings(obj().with("mapping_id", str(UNKNOWN_ID))), 404,
                        "not_found", at(1, m1 + "mapping_id")),
                refused("delete: unknown label_mapping_id", "DELETE", MAPPINGS, deleteMappings(obj().with("label_mapping_id", str("ghost"))),
                        404, "not_found", at(1, m1 + "mapping_id")),
                refused("delete under label_mappings: unknown label_mapping_id", "DELETE", MAPPINGS,
                        batch("label_mappings", obj().with("label_mapping_id", str("@M1")), obj().with("label_mapping_id", str(UNKNOWN_ID))),
                        404, "not_found", at(1, "label_mappings[1].mapping_id")),
                invalid("delete: duplicate mapping_id", "DELETE", MAPPINGS, deleteMappings(obj().with("mapping_id", str("@M1"))),
                        at(1, m1 + "mapping_id")),
                invalid("delete: same mapping by mapping_id and by _id", "DELETE", MAPPINGS, deleteMappings(obj().with("_id", str("@M1"))),
                        at(1, m1 + "_id")),
                invalid("delete: item with an extra field", "DELETE", MAPPINGS,
                        deleteMappings(obj().with("mapping_id", str("@M2")).with("force", "true")), at(1, m1 + "force")),
                invalid("delete: item with a label_id", "DELETE", MAPPINGS,
                        deleteMappings(obj().with("mapping_id", str("@M2")).with("label_id", str("@L2"))), at(1, m1 + "label_id")),
                invalid("delete: no mapping_id", "DELETE", MAPPINGS, deleteMappings(obj()), at(1, m1 + "mapping_id")),
                invalid("delete: mapping_id null", "DELETE", MAPPINGS, deleteMappings(obj().with("mapping_id", "null")), at(1, m1 + "mapping_id")),
                invalid("delete: mapping_id an operator", "DELETE", MAPPINGS, deleteMappings(obj().with("mapping_id", "{\"$ne\":null}")),
                        at(1, m1 + "mapping_id")));
    }

    /** The batch itself, wrong in the same ways on every write of both resources. */
    static Stream<Case> badBatches() {
        List<Case> cases = new ArrayList<>();
        Map<String, Obj> items = new LinkedHashMap<>();
        items.put("POST " + LABELS, newLabel());
        items.put("PUT " + LABELS, labelUpdate().with("name", str("x")));
        items.put("DELETE " + LABELS, obj().with("label_id", str("@L2")));
        items.put("POST " + MAPPINGS, newMapping());
        items.put("PUT " + MAPPINGS, mappingUpdate().with("value", str("x")));
        items.put("DELETE " + MAPPINGS, obj().with("mapping_id", str("@M2")));
        items.forEach((operation, item) -> {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(operation.indexOf(' ') + 1);
            String key = path.equals(LABELS) ? "labels" : "mappings";
            String on = operation + ": ";
            cases.add(invalid(on + "empty batch", method, path, "{\"" + key + "\":[]}", top(key)));
            cases.add(invalid(on + "batch key missing", method, path, "{}", top(key)));
            cases.add(invalid(on + "batch an object", method, path, "{\"" + key + "\":" + item + "}", top(key)));
            cases.add(invalid(on + "batch a string", method, path, "{\"" + key + "\":\"all\"}", top(key)));
            cases.add(invalid(on + "batch null", method, path, "{\"" + key + "\":null}", top(key)));
            cases.add(invalid(on + "batch key misspelled", method, path, "{\"" + key + "s\":[" + item + "]}", top(key + "s")));
            cases.add(invalid(on + "unknown top-level key", method, path, "{\"" + key + "\":[" + item + "],\"dry_run\":true}",
                    top("dry_run")));
            cases.add(invalid(on + "body an array", method, path, "[" + item + "]", top("body")));
            cases.add(refused(on + "1001 items", method, path, many(key, 1001, item), 413, "payload_too_large", top(key)));
        });
        // the batch under the OAS key is named as sent, like its items
        for (String method : List.of("POST", "PUT", "DELETE")) {
            Obj item = items.get(method + " " + MAPPINGS);
            String on = method + " " + MAPPINGS + " under label_mappings: ";
            cases.add(invalid(on + "empty batch", method, MAPPINGS, "{\"label_mappings\":[]}", top("label_mappings")));
            cases.add(invalid(on + "batch an object", method, MAPPINGS, "{\"label_mappings\":" + item + "}", top("label_mappings")));
            cases.add(refused(on + "1001 items", method, MAPPINGS, many("label_mappings", 1001, item), 413, "payload_too_large",
                    top("label_mappings")));
        }
        cases.add(invalid("POST " + LABELS + ": batch under the mappings key", "POST", LABELS, "{\"mappings\":[" + newLabel() + "]}",
                top("mappings")));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"labelWrites", "mappingWrites", "badBatches"})
    void aBadWriteIsRefusedWithItsFieldAndChangesNothing(Case bad) {
        Seeded tenant = seeded();
        try {
            ValidatableResponse response = as(tenant.key()).body(tenant.fill(bad.body())).request(bad.method(), BASE + bad.path()).then();

            rejected(response, bad.status(), bad.identifier());
            namesOnly(response, bad.faults());
            assertUnchanged(tenant);
        } catch (AssertionError failed) {
            seeded = null; // the request may have changed the data the next case starts from
            throw failed;
        }
    }

    // ---------------------------------------------------------------- list query parameters

    /** A list request with bad query parameters: {@code query} as sent (already encoded), {@code parameter} as the error's field. */
    record Query(String name, String path, String query, String parameter) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Query> badListParameters() {
        List<Query> queries = new ArrayList<>();
        for (String path : List.of(LABELS, MAPPINGS)) {
            String on = "GET " + path + ": ";
            queries.addAll(List.of(
                    new Query(on + "limit 0", path, "limit=0", "limit"),
                    new Query(on + "limit 1001", path, "limit=1001", "limit"),
                    new Query(on + "limit abc", path, "limit=abc", "limit"),
                    new Query(on + "skip -1", path, "skip=-1", "skip"),
                    new Query(on + "order up", path, "order=up", "order"),
                    new Query(on + "sort empty", path, "sort=", "sort"),
                    new Query(on + "sort tenant_id", path, "sort=tenant_id", "sort"),
                    new Query(on + "sort details.external_id", path, "sort=details.external_id", "sort"),
                    new Query(on + "sort location_id", path, "sort=location_id", "sort"),
                    new Query(on + "repeated parameter limit", path, "limit=1&limit=2", "limit"),
                    new Query(on + "repeated filter label_id", path, "label_id=a&label_id=b", "label_id"),
                    new Query(on + "empty filter label_id", path, "label_id=", "label_id"),
                    new Query(on + "filter label_id of 201 characters", path, "label_id=" + "l".repeat(201), "label_id"),
                    new Query(on + "operator-style parameter label_id[$ne]", path, "label_id%5B%24ne%5D=x", "label_id[$ne]"),
                    new Query(on + "unknown parameter connection_id", path, "connection_id=x", "connection_id")));
        }
        String labels = "GET " + LABELS + ": ";
        queries.addAll(List.of(
                new Query(labels + "unknown parameter nmae", LABELS, "nmae=Alpha", "nmae"),
                new Query(labels + "a mappings-only filter entity_type", LABELS, "entity_type=LABEL", "entity_type"),
                new Query(labels + "a mappings-only filter entity_id", LABELS, "entity_id=p1", "entity_id"),
                new Query(labels + "repeated filter name", LABELS, "name=Alpha&name=Beta", "name"),
                new Query(labels + "repeated filter type", LABELS, "type=tag&type=category", "type"),
                new Query(labels + "sort label_id", LABELS, "sort=label_id", "sort"),
                new Query(labels + "sort name_key", LABELS, "sort=name_key", "sort"),
                new Query(labels + "sort details.color", LABELS, "sort=details.color", "sort"),
                new Query(labels + "sort flags.connectable", LABELS, "sort=flags.connectable", "sort"),
                new Query(labels + "sort connection_entity_id", LABELS, "sort=connection_entity_id", "sort"),
                new Query(labels + "sort entity_id", LABELS, "sort=entity_id", "sort")));
        String mappings = "GET " + MAPPINGS + ": ";
        queries.addAll(List.of(
                new Query(mappings + "entity_type ALIEN", MAPPINGS, "entity_type=ALIEN", "entity_type"),
                new Query(mappings + "entity_type plural", MAPPINGS, "entity_type=persons", "entity_type"),
                new Query(mappings + "fields of a connection", MAPPINGS, "fields=strength", "fields"),
                new Query(labels + "fields with a free-form key", LABELS, "fields=details.color", "fields"),
                new Query(mappings + "unknown parameter entity", MAPPINGS, "entity=p1", "entity"),
                new Query(mappings + "a labels-only filter name", MAPPINGS, "name=Alpha", "name"),
                new Query(mappings + "repeated filter mapping_id", MAPPINGS, "mapping_id=a&mapping_id=b", "mapping_id"),
                new Query(mappings + "repeated filter entity_id", MAPPINGS, "entity_id=p1&entity_id=p2", "entity_id"),
                new Query(mappings + "empty filter external_id", MAPPINGS, "external_id=", "external_id"),
                new Query(mappings + "sort value", MAPPINGS, "sort=value", "sort"),
                new Query(mappings + "sort status", MAPPINGS, "sort=status", "sort"),
                new Query(mappings + "sort name", MAPPINGS, "sort=name", "sort"),
                new Query(mappings + "sort label_definition_entity_id", MAPPINGS, "sort=label_definition_entity_id", "sort"),
                new Query(mappings + "sort connection_entity_id", MAPPINGS, "sort=connection_entity_id", "sort"),
                new Query(mappings + "sort visibility", MAPPINGS, "sort=visibility", "sort")));
        return queries.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badListParameters")
    void aBadListParameterIsA400NamingIt(Query bad) {
        Seeded tenant = seeded();
        ValidatableResponse response = as(tenant.key()).urlEncodingEnabled(false).get(BASE + bad.path() + "?" + bad.query()).then();

        rejected(response, 400, "validation_failed");
        namesOnly(response, List.of(top(bad.parameter())));
        assertThat((String) response.extract().path("message")).contains(bad.parameter());
        assertUnchanged(tenant);
    }

    static Stream<String> operatorLookingValues() {
        return Stream.of("{\"$ne\":null}", "{\"$gt\":\"\"}", "/.*/", ".*", "[$ne]", "*", "$where", "{\"$exists\":true}", "%", "^A");
    }

    static final Map<String, List<String>> PLAIN_FILTERS = Map.of(
            LABELS, List.of("label_id", "name", "type"),
            MAPPINGS, List.of("mapping_id", "label_mapping_id", "label_id", "entity_id", "external_id"));

    @ParameterizedTest(name = "filter value {0}")
    @MethodSource("operatorLookingValues")
    void anOperatorLookingFilterValueIsAPlainStringThatMatchesNothing(String value) {
        Seeded tenant = seeded();
        PLAIN_FILTERS.forEach((path, filters) -> {
            String listed = path.equals(LABELS) ? "data.labels" : "data.label_mappings";
            for (String filter : filters) {
                as(tenant.key()).queryParam(filter, value).get(BASE + path).then()
                        .statusCode(200)
                        .body("success", equalTo(true))
                        .body(listed, hasSize(0))
                        .body("pagination.total_results", equalTo(0))
                        .body("data.pagination.total_results", equalTo(0));
            }
        });
    }

    @Test
    void theSameFiltersFindTheSeededData() {
        // the control for the test above: the filters do match when given the stored values
        Seeded tenant = seeded();
        String l1 = tenant.ids().get("@L1");
        String m1 = tenant.ids().get("@M1");
        for (String query : List.of("label_id=" + l1, "name=alpha", "name=ALPHA", "type=Category")) {
            as(tenant.key()).get(BASE + LABELS + "?" + query).then().statusCode(200)
                    .body("data.labels._id", contains(l1)).body("pagination.total_results", equalTo(1));
        }
        for (String query : List.of("mapping_id=" + m1, "label_mapping_id=" + m1, "label_id=" + l1, "external_id=ext-1",
                "entity_type=PERSON")) {
            as(tenant.key()).get(BASE + MAPPINGS + "?" + query).then().statusCode(200)
                    .body("data.label_mappings._id", contains(m1)).body("pagination.total_results", equalTo(1));
        }
        as(tenant.key()).get(BASE + MAPPINGS + "?entity_id=p1").then().statusCode(200).body("pagination.total_results", equalTo(2));
    }

    @Test
    void everyWhitelistedSortIsAcceptedBothWays() {
        Seeded tenant = seeded();
        for (String sort : List.of("name", "type", "status", "created_at", "updated_at", "_id")) {
            for (String order : List.of("asc", "desc")) {
                as(tenant.key()).get(BASE + LABELS + "?sort=" + sort + "&order=" + order + "&limit=1000&skip=0").then()
                        .statusCode(200).body("data.labels", hasSize(2));
            }
        }
        for (String sort : List.of("label_id", "entity_id", "entity_type", "created_at", "updated_at", "_id")) {
            for (String order : List.of("asc", "desc")) {
                as(tenant.key()).get(BASE + MAPPINGS + "?sort=" + sort + "&order=" + order + "&limit=1&skip=1").then()
                        .statusCode(200).body("data.label_mappings", hasSize(1)).body("pagination.total_results", equalTo(2));
            }
        }
        as(tenant.key()).get(BASE + LABELS + "?sort=name&order=desc").then().body("data.labels.name", contains("Beta", "Alpha"));
    }

    // ---------------------------------------------------------------- what is accepted at the edges

    @Test
    void namesAtTheirLimitsAreAccepted() {
        String longest = "n".repeat(200);
        String rtlAndEmoji = "\u200F\u05EA\u05D5\u05D5\u05D9\u05EA \uD83C\uDFF7\uFE0F \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
        String emojis = "\uD83D\uDE00".repeat(200); // 200 characters, 400 UTF-16 units
        List<String> ids = post(LABELS, Map.of("labels", List.of(Map.of("name", longest), Map.of("name", rtlAndEmoji),
                Map.of("name", emojis), Map.of("name", "x", "type", "t".repeat(100)))))
                .statusCode(201)
                .body("data.labels.name", contains(longest, rtlAndEmoji, emojis, "x"))
                .extract().path("data.labels._id");

        as().queryParam("name", rtlAndEmoji).get(BASE + LABELS).then().statusCode(200)
                .body("data.labels._id", contains(ids.get(1)))
                .body("data.labels[0].entity_data.name", equalTo(rtlAndEmoji));
        get(LABELS + "?name=" + longest.toUpperCase()).statusCode(200).body("data.labels._id", contains(ids.get(0)));
        // a name the labels accept is a name the filter accepts: 200 characters, even when they take 400 UTF-16 units
        as().queryParam("name", emojis).get(BASE + LABELS).then().statusCode(200).body("data.labels._id", contains(ids.get(2)));
        get(ENTITIES + "?entity_id=" + ids.get(1)).statusCode(200)
                .body("data.entities[0].connection_entity_data.name", equalTo(rtlAndEmoji));
    }

    @Test
    void typeNullOnCreateIsLeftUnsetAndEmptyFlagsAreConnectable() {
        String id = post(LABELS, "{\"labels\":[{\"name\":\"untyped\",\"type\":null,\"flags\":{}}]}").statusCode(201)
                .body("data.labels[0]", not(hasKey("type")))
                .body("data.labels[0].flags.connectable", equalTo(true))
                .extract().path("data.labels[0]._id");

        get(LABELS + "?label_id=" + id).statusCode(200)
                .body("data.labels[0]", not(hasKey("type")))
                .body("data.labels[0].entity_data", not(hasKey("type")))
                .body("data.labels[0].flags.connectable", equalTo(true))
                .body("data.labels[0].details", equalTo(Map.of()));
        // connectable: a connection may end at it
        post(CONNECTIONS, Map.of("connections", List.of(Map.of("connection_from_entity_id", id, "strength", 1,
                "connection_to_entity", Map.of("connection_entity_id", "p1", "connection_entity_type", "PERSON"))))).statusCode(200);
        // and an untyped label's name is unique among untyped labels only
        post(LABELS, "{\"labels\":[{\"name\":\"UNTYPED\"}]}").statusCode(409);
        post(LABELS, "{\"labels\":[{\"name\":\"untyped\",\"type\":\"tag\"}]}").statusCode(201);
    }

    @Test
    void freeFormAndMappingFieldsAtTheirLimitsAreAccepted() {
        // a label's details sit one level down in its directory entry, which may nest 8 levels like any entity data
        String label = post(LABELS, "{\"labels\":[{\"name\":\"deep\",\"details\":" + nested(7) + "}]}").statusCode(201)
                .body("data.labels[0].details.a.a.a.a.a.a", equalTo(Map.of()))
                .extract().path("data.labels[0]._id");

        post(MAPPINGS, "{\"mappings\":[" + obj().with("label_id", str(label)).with("entity_id", str("e".repeat(200)))
                .with("entity_type", str("ROOM")).with("value", str("v".repeat(1000))).with("visibility", str("V".repeat(100)))
                .with("details", nested(8)) + "]}")
                .statusCode(201)
                .body("data.mappings[0].entity_id.length()", equalTo(200))
                .body("data.mappings[0].value.length()", equalTo(1000))
                .body("data.mappings[0].details.a.a.a.a.a.a.a", equalTo(Map.of()));
    }

    @Test
    void theLabelMappingsKeyIsAcceptedOnEveryWrite() {
        String label = post(LABELS, "{\"labels\":[{\"name\":\"mapped\"}]}").statusCode(201).extract().path("data.labels[0]._id");

        String mapping = post(MAPPINGS, "{\"label_mappings\":[{\"label_definition_entity_id\":\"" + label
                + "\",\"connection_entity_id\":\"p1\",\"entity_type\":\"PERSON\"}]}")
                .statusCode(201)
                .body("identifier", equalTo("create_mappings_successful"))
                .body("data.mappings[0].label_id", equalTo(label))
                .body("data.mappings[0].entity_id", equalTo("p1"))
                .extract().path("data.mappings[0]._id");
        put(MAPPINGS, "{\"label_mappings\":[{\"label_mapping_id\":\"" + mapping + "\",\"value\":\"v\"}]}").statusCode(200)
                .body("data.mappings[0].value", equalTo("v"));
        delete(MAPPINGS, "{\"label_mappings\":[{\"label_mapping_id\":\"" + mapping + "\"}]}").statusCode(200)
                .body("data.mappings[0].mapping_id", equalTo(mapping));
        get(MAPPINGS).statusCode(200).body("data.label_mappings", hasSize(0)).body("pagination.total_results", equalTo(0));
    }

    @Test
    void everyBadItemOfABatchIsReportedInOne400() {
        Store before = store(key);
        String body = "{\"labels\":[{\"name\":\"\"},{\"name\":\"ok\"},{\"name\":\"x\",\"type\":5,\"colour\":\"red\"}]}";

        ValidatableResponse response = rejected(post(LABELS, body), 400, "validation_failed");
        namesOnly(response, List.of(at(0, "labels[0].name"), at(2, "labels[2].type"), at(2, "labels[2].colour")));
        assertThat(store(key)).isEqualTo(before);
    }
}
