package io.connectionsapi.web;

import static io.connectionsapi.support.ErrorEnvelope.at;
import static io.connectionsapi.support.ErrorEnvelope.invalid;
import static io.connectionsapi.support.ErrorEnvelope.obj;
import static io.connectionsapi.support.ErrorEnvelope.refused;
import static io.connectionsapi.support.ErrorEnvelope.str;
import static io.connectionsapi.support.ErrorEnvelope.names;
import static io.connectionsapi.support.ErrorEnvelope.rejected;
import static io.connectionsapi.support.ErrorEnvelope.top;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.connectionsapi.support.ApiTest;
import io.connectionsapi.support.ErrorEnvelope.Case;
import io.connectionsapi.support.ErrorEnvelope.Obj;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input, case by case: every rejected request gets the contract's error envelope with the right status,
 * identifier and field (and batch index where an item is at fault), leaks nothing internal, and changes nothing.
 * The cases run against a tenant holding two connections (a→b, b→c) and an unused entity d, so that "nothing
 * changed" means something and operator-looking filters have something they could wrongly match. Accepted values
 * at the edges (strength ±100 and -0, the longest notes, the deepest data) are checked alongside.
 */
class BadInputTest extends ApiTest {

    static final String CONNECTIONS = "/connections";
    static final String ENTITIES = "/entities";
    static final String API_KEYS = "/admin/v1/api-keys";

    /** What must never appear in a response body: class names, stack frames, driver and framework text. */

    /**
     * The tenant the parameterized cases run against, seeded once: a rejected request changes nothing, so every
     * case can start from the same data (and it is seeded afresh after a case that did change it).
     */
    private static @Nullable Seeded seeded;

    /** A seeded tenant: its key, its two connections' IDs, and its data as it must stay. */
    record Seeded(String key, String id1, String id2, Store store) {
    }

    Seeded seeded() {
        if (seeded == null) {
            String tenantKey = newKey("bad-input-" + java.util.UUID.randomUUID().toString().substring(0, 8), "read", "write");
            List<String> ids = as(tenantKey).body("{\"connections\":[" + connection("a", "TEAM", "b", "ROOM", 10) + ","
                    + connection("b", "ROOM", "c", "PERSON", 20) + "]}").post(BASE + CONNECTIONS)
                    .then().statusCode(200).extract().path("data._id");
            as(tenantKey).body("{\"entities\":[" + entity("d", "ZONE") + "]}").put(BASE + ENTITIES).then().statusCode(200);
            seeded = new Seeded(tenantKey, ids.get(0), ids.get(1), store(tenantKey));
        }
        return seeded;
    }

    /** Asserts that the seeded tenant's data is as it was, and has the tenant seeded afresh if it is not. */
    void assertUnchanged(Seeded tenant) {
        Store now = store(tenant.key());
        if (!now.equals(tenant.store())) {
            seeded = null;
        }
        assertThat(now).as("the tenant's connections and entities after the rejected request").isEqualTo(tenant.store());
    }

    // ---------------------------------------------------------------- the checks every rejection gets

    // ---------------------------------------------------------------- raw JSON building blocks

    static Obj entity(String id, String type) {
        return obj().with("connection_entity_id", str(id)).with("connection_entity_type", str(type))
                .with("connection_entity_data", "{\"name\":" + str(id) + "}");
    }

    static Obj connection(String from, String fromType, String to, String toType, int strength) {
        return obj().with("connection_from_entity", entity(from, fromType).toString())
                .with("connection_to_entity", entity(to, toType).toString()).with("strength", String.valueOf(strength));
    }

    /** A valid GUIDE-form create item between two entities that do not exist yet. */
    static Obj newConnection() {
        return connection("n1", "TEAM", "n2", "ROOM", 10);
    }

    /** A valid create item whose from entity has {@code data} as its data. */
    static Obj withFromData(String data) {
        return newConnection().with("connection_from_entity", entity("n1", "TEAM").with("connection_entity_data", data).toString());
    }

    static Obj withFrom(Obj fromEntity) {
        return newConnection().with("connection_from_entity", fromEntity.toString());
    }

    /** A batch whose item 0 is valid and item 1 is {@code bad}: the fault must be reported at index 1. */
    static String batch(String key, Object valid, Object bad) {
        return "{\"" + key + "\":[" + valid + "," + bad + "]}";
    }

    static String create(Object bad) {
        return batch("connections", newConnection(), bad);
    }

    static String update(Object bad) {
        return batch("connections", obj().with("connection_id", str("@id1")).with("strength", "11"), bad);
    }

    static String remove(Object bad) {
        return batch("connections", obj().with("connection_id", str("@id2")), bad);
    }

    static String upsertEntities(Object bad) {
        return batch("entities", entity("n3", "ZONE"), bad);
    }

    static String deleteEntities(Object bad) {
        return batch("entities", obj().with("connection_entity_id", str("d")), bad);
    }

    /** Objects nested {@code levels} deep, counting the outermost: {@code {"a":{"a":{}}}} is 3. */
    static String nested(int levels) {
        return levels == 1 ? "{}" : "{\"a\":" + nested(levels - 1) + "}";
    }

    static String manyItems(String key, int count, Object item) {
        return Stream.generate(item::toString).limit(count).collect(Collectors.joining(",", "{\"" + key + "\":[", "]}"));
    }

    static final String DATA = "connections[1].connection_from_entity.connection_entity_data";
    static final String FROM = "connections[1].connection_from_entity";

    // ---------------------------------------------------------------- the cases

    static Stream<Case> connectionWrites() {
        String c1 = "connections[1].";
        return Stream.of(
                // strength: wrong types
                invalid("create: strength as a string", "POST", CONNECTIONS, create(newConnection().with("strength", "\"10\"")), at(1, c1 + "strength")),
                invalid("create: strength as a boolean", "POST", CONNECTIONS, create(newConnection().with("strength", "true")), at(1, c1 + "strength")),
                invalid("create: strength as an object", "POST", CONNECTIONS, create(newConnection().with("strength", "{}")), at(1, c1 + "strength")),
                invalid("create: strength as an array", "POST", CONNECTIONS, create(newConnection().with("strength", "[10]")), at(1, c1 + "strength")),
                invalid("create: strength null", "POST", CONNECTIONS, create(newConnection().with("strength", "null")), at(1, c1 + "strength")),
                invalid("create: strength missing", "POST", CONNECTIONS, create(newConnection().without("strength")), at(1, c1 + "strength")),
                // strength: out of range, not finite, too big to represent
                invalid("create: strength 101", "POST", CONNECTIONS, create(newConnection().with("strength", "101")), at(1, c1 + "strength")),
                invalid("create: strength 100.0001", "POST", CONNECTIONS, create(newConnection().with("strength", "100.0001")), at(1, c1 + "strength")),
                invalid("create: strength -100.5", "POST", CONNECTIONS, create(newConnection().with("strength", "-100.5")), at(1, c1 + "strength")),
                invalid("create: strength 1e309 (beyond double)", "POST", CONNECTIONS, create(newConnection().with("strength", "1e309")), at(1, c1 + "strength")),
                invalid("create: strength 1e400", "POST", CONNECTIONS, create(newConnection().with("strength", "1e400")), at(1, c1 + "strength")),
                invalid("create: strength -1e400", "POST", CONNECTIONS, create(newConnection().with("strength", "-1e400")), at(1, c1 + "strength")),
                invalid("create: strength 123456789012345678901234567890", "POST", CONNECTIONS,
                        create(newConnection().with("strength", "123456789012345678901234567890")), at(1, c1 + "strength")),
                invalid("create: strength NaN (not JSON)", "POST", CONNECTIONS, create(newConnection().with("strength", "NaN")), top("body")),
                invalid("create: strength Infinity (not JSON)", "POST", CONNECTIONS, create(newConnection().with("strength", "Infinity")), top("body")),
                // the other plain fields
                invalid("create: priority negative", "POST", CONNECTIONS, create(newConnection().with("priority", "-1")), at(1, c1 + "priority")),
                invalid("create: priority as a string", "POST", CONNECTIONS, create(newConnection().with("priority", "\"1\"")), at(1, c1 + "priority")),
                invalid("create: priority null", "POST", CONNECTIONS, create(newConnection().with("priority", "null")), at(1, c1 + "priority")),
                invalid("create: priority 1e400", "POST", CONNECTIONS, create(newConnection().with("priority", "1e400")), at(1, c1 + "priority")),
                invalid("create: status empty", "POST", CONNECTIONS, create(newConnection().with("status", "\"\"")), at(1, c1 + "status")),
                invalid("create: status a number", "POST", CONNECTIONS, create(newConnection().with("status", "5")), at(1, c1 + "status")),
                invalid("create: status an object", "POST", CONNECTIONS, create(newConnection().with("status", "{\"$ne\":null}")), at(1, c1 + "status")),
                invalid("create: status null", "POST", CONNECTIONS, create(newConnection().with("status", "null")), at(1, c1 + "status")),
                invalid("create: notes of 2001 characters", "POST", CONNECTIONS, create(newConnection().with("notes", str("n".repeat(2001)))), at(1, c1 + "notes")),
                invalid("create: notes a number", "POST", CONNECTIONS, create(newConnection().with("notes", "42")), at(1, c1 + "notes")),
                invalid("create: starts_at not a date", "POST", CONNECTIONS, create(newConnection().with("starts_at", "\"tomorrow\"")), at(1, c1 + "starts_at")),
                invalid("create: starts_at without a time zone", "POST", CONNECTIONS,
                        create(newConnection().with("starts_at", "\"2025-07-18T12:00:00\"")), at(1, c1 + "starts_at")),
                invalid("create: starts_at a day that does not exist", "POST", CONNECTIONS,
                        create(newConnection().with("starts_at", "\"2025-02-30T12:00:00Z\"")), at(1, c1 + "starts_at")),
                invalid("create: starts_at epoch seconds", "POST", CONNECTIONS, create(newConnection().with("starts_at", "1721304000")), at(1, c1 + "starts_at")),
                invalid("create: ends_at before starts_at", "POST", CONNECTIONS, create(newConnection()
                        .with("starts_at", "\"2025-07-18T12:00:00Z\"").with("ends_at", "\"2025-07-18T11:59:59Z\"")), at(1, c1 + "ends_at")),
                invalid("create: ends_at equal to starts_at (other offset)", "POST", CONNECTIONS, create(newConnection()
                        .with("starts_at", "\"2025-07-18T12:00:00Z\"").with("ends_at", "\"2025-07-18T14:00:00+02:00\"")), at(1, c1 + "ends_at")),
                invalid("create: location_id a number", "POST", CONNECTIONS, create(newConnection().with("location_id", "5")), at(1, c1 + "location_id")),
                invalid("create: location_id of 201 characters", "POST", CONNECTIONS,
                        create(newConnection().with("location_id", str("l".repeat(201)))), at(1, c1 + "location_id")),
                invalid("create: location_id with a control character", "POST", CONNECTIONS,
                        create(newConnection().with("location_id", "\"a\\nb\"")), at(1, c1 + "location_id")),
                invalid("create: configuration_id an object", "POST", CONNECTIONS,
                        create(newConnection().with("configuration_id", "{\"$gt\":\"\"}")), at(1, c1 + "configuration_id")),
                // unknown and server-owned fields
                invalid("create: misspelled strenght", "POST", CONNECTIONS,
                        create(newConnection().without("strength").with("strenght", "10")), at(1, c1 + "strenght"), at(1, c1 + "strength")),
                invalid("create: client-sent _id", "POST", CONNECTIONS, create(newConnection().with("_id", "\"mine\"")), at(1, c1 + "_id")),
                invalid("create: client-sent created_at", "POST", CONNECTIONS,
                        create(newConnection().with("created_at", "\"2025-07-18T12:00:00Z\"")), at(1, c1 + "created_at")),
                invalid("create: tenant_id in an item", "POST", CONNECTIONS, create(newConnection().with("tenant_id", "\"other\"")), at(1, c1 + "tenant_id")),
                // the two sides
                invalid("create: both connection_from_entity_id and connection_from_entity", "POST", CONNECTIONS,
                        create(newConnection().with("connection_from_entity_id", "\"a\"")), at(1, c1 + "connection_from_entity_id")),
                invalid("create: no from side at all", "POST", CONNECTIONS,
                        create(newConnection().without("connection_from_entity")), at(1, c1 + "connection_from_entity_id")),
                invalid("create: no to side at all", "POST", CONNECTIONS,
                        create(newConnection().without("connection_to_entity")), at(1, c1 + "connection_to_entity_id")),
                invalid("create: from equals to (entity objects)", "POST", CONNECTIONS,
                        create(newConnection().with("connection_to_entity", entity("n1", "TEAM").toString())), at(1, c1 + "connection_to_entity")),
                invalid("create: from equals to (directory IDs)", "POST", CONNECTIONS, create(obj().with("connection_from_entity_id", "\"a\"")
                        .with("connection_to_entity_id", "\"a\"").with("strength", "1")), at(1, c1 + "connection_to_entity_id")),
                invalid("create: unknown directory ID", "POST", CONNECTIONS, create(obj().with("connection_from_entity_id", "\"a\"")
                        .with("connection_to_entity_id", "\"ghost\"").with("strength", "1")), at(1, c1 + "connection_to_entity_id")),
                invalid("create: directory ID null", "POST", CONNECTIONS, create(obj().with("connection_from_entity_id", "null")
                        .with("connection_to_entity_id", "\"a\"").with("strength", "1")), at(1, c1 + "connection_from_entity_id")),
                invalid("create: directory ID an object", "POST", CONNECTIONS, create(obj().with("connection_from_entity_id", "{\"$ne\":null}")
                        .with("connection_to_entity_id", "\"a\"").with("strength", "1")), at(1, c1 + "connection_from_entity_id")),
                invalid("create: entity object as a string", "POST", CONNECTIONS,
                        create(newConnection().with("connection_from_entity", "\"n1\"")), at(1, FROM)),
                invalid("create: entity object null", "POST", CONNECTIONS, create(newConnection().with("connection_from_entity", "null")), at(1, FROM)),
                invalid("create: entity type ALIEN", "POST", CONNECTIONS,
                        create(withFrom(entity("n1", "ALIEN"))), at(1, FROM + ".connection_entity_type")),
                invalid("create: entity type lower case", "POST", CONNECTIONS,
                        create(withFrom(entity("n1", "team"))), at(1, FROM + ".connection_entity_type")),
                invalid("create: entity type missing", "POST", CONNECTIONS,
                        create(withFrom(entity("n1", "TEAM").without("connection_entity_type"))), at(1, FROM + ".connection_entity_type")),
                invalid("create: connection_entity_id missing", "POST", CONNECTIONS,
                        create(withFrom(entity("n1", "TEAM").without("connection_entity_id"))), at(1, FROM + ".connection_entity_id")),
                invalid("create: connection_entity_id of 201 characters", "POST", CONNECTIONS,
                        create(withFrom(entity("e".repeat(201), "TEAM"))), at(1, FROM + ".connection_entity_id")),
                invalid("create: connection_entity_id empty", "POST", CONNECTIONS,
                        create(withFrom(entity("", "TEAM"))), at(1, FROM + ".connection_entity_id")),
                invalid("create: connection_entity_id a number", "POST", CONNECTIONS,
                        create(withFrom(entity("x", "TEAM").with("connection_entity_id", "7"))), at(1, FROM + ".connection_entity_id")),
                invalid("create: unknown field in an entity object", "POST", CONNECTIONS,
                        create(withFrom(entity("n1", "TEAM").with("colour", "\"red\""))), at(1, FROM + ".colour")),
                // free-form entity data
                invalid("create: data key $ne", "POST", CONNECTIONS, create(withFromData("{\"$ne\":1}")), at(1, DATA)),
                invalid("create: data key with a dot", "POST", CONNECTIONS, create(withFromData("{\"a.b\":1}")), at(1, DATA)),
                invalid("create: data key empty", "POST", CONNECTIONS, create(withFromData("{\"\":1}")), at(1, DATA)),
                invalid("create: data key $where at depth 3", "POST", CONNECTIONS,
                        create(withFromData("{\"x\":{\"y\":{\"$where\":\"sleep(1000)\"}}}")), at(1, DATA + ".x.y")),
                invalid("create: data key $ inside an array", "POST", CONNECTIONS,
                        create(withFromData("{\"list\":[{\"$set\":1}]}")), at(1, DATA + ".list[0]")),
                invalid("create: data nested 9 deep", "POST", CONNECTIONS, create(withFromData(nested(9))), at(1, DATA + ".a".repeat(8))),
                invalid("create: data arrays nested 9 deep", "POST", CONNECTIONS,
                        create(withFromData("{\"l\":" + "[".repeat(8) + "]".repeat(8) + "}")), at(1, DATA + ".l" + "[0]".repeat(7))),
                invalid("create: data over 16 KiB", "POST", CONNECTIONS,
                        create(withFromData("{\"big\":" + str("x".repeat(16 * 1024)) + "}")), at(1, DATA)),
                invalid("create: data key with NUL", "POST", CONNECTIONS, create(withFromData("{\"a\\u0000b\":1}")), at(1, DATA)),
                invalid("create: data number 1e400", "POST", CONNECTIONS, create(withFromData("{\"n\":1e400}")), at(1, DATA + ".n")),
                invalid("create: data an array", "POST", CONNECTIONS, create(withFromData("[]")), at(1, DATA)),
                invalid("create: data a string", "POST", CONNECTIONS, create(withFromData("\"data\"")), at(1, DATA)),
                invalid("create: data null", "POST", CONNECTIONS, create(withFromData("null")), at(1, DATA)),
                // items that are not objects
                invalid("create: item a number", "POST", CONNECTIONS, create("5"), at(1, "connections[1]")),
                invalid("create: item a string", "POST", CONNECTIONS, create("\"connection\""), at(1, "connections[1]")),
                invalid("create: item null", "POST", CONNECTIONS, create("null"), at(1, "connections[1]")),
                invalid("create: item an array", "POST", CONNECTIONS, create("[" + newConnection() + "]"), at(1, "connections[1]")),
                // the batch itself
                invalid("create: batch an object", "POST", CONNECTIONS, "{\"connections\":" + newConnection() + "}", top("connections")),
                invalid("create: batch a string", "POST", CONNECTIONS, "{\"connections\":\"all\"}", top("connections")),
                invalid("create: batch null", "POST", CONNECTIONS, "{\"connections\":null}", top("connections")),
                invalid("create: empty batch", "POST", CONNECTIONS, "{\"connections\":[]}", top("connections")),
                invalid("create: batch key missing", "POST", CONNECTIONS, "{}", top("connections")),
                invalid("create: batch key misspelled", "POST", CONNECTIONS, "{\"connection\":[" + newConnection() + "]}", top("connection")),
                invalid("create: unknown top-level key", "POST", CONNECTIONS,
                        "{\"connections\":[" + newConnection() + "],\"dry_run\":true}", top("dry_run")),
                refused("create: 1001 items", "POST", CONNECTIONS, manyItems("connections", 1001, newConnection()),
                        413, "payload_too_large", top("connections")),

                // PUT
                invalid("update: duplicate connection_id", "PUT", CONNECTIONS,
                        update(obj().with("connection_id", str("@id1")).with("strength", "12")), at(1, c1 + "connection_id")),
                invalid("update: same connection by connection_id and by _id", "PUT", CONNECTIONS,
                        update(obj().with("_id", str("@id1")).with("strength", "12")), at(1, c1 + "_id")),
                invalid("update: no connection_id or _id", "PUT", CONNECTIONS, update(obj().with("strength", "12")), at(1, c1 + "connection_id")),
                invalid("update: connection_id null", "PUT", CONNECTIONS,
                        update(obj().with("connection_id", "null").with("strength", "12")), at(1, c1 + "connection_id")),
                invalid("update: connection_id a number", "PUT", CONNECTIONS,
                        update(obj().with("connection_id", "5").with("strength", "12")), at(1, c1 + "connection_id")),
                invalid("update: connection_id an operator", "PUT", CONNECTIONS,
                        update(obj().with("connection_id", "{\"$ne\":null}").with("strength", "12")), at(1, c1 + "connection_id")),
                invalid("update: connection_id and _id naming different connections", "PUT", CONNECTIONS,
                        update(obj().with("connection_id", str("@id2")).with("_id", str("@id1")).with("strength", "12")), at(1, c1 + "_id")),
                invalid("update: strength null", "PUT", CONNECTIONS,
                        update(obj().with("connection_id", str("@id2")).with("strength", "null")), at(1, c1 + "strength")),
                invalid("update: strength 101", "PUT", CONNECTIONS,
                        update(obj().with("connection_id", str("@id2")).with("strength", "101")), at(1, c1 + "strength")),
                invalid("update: strength as a string", "PUT", CONNECTIONS,
                        update(obj().with("connection_id", str("@id2")).with("strength", "\"5\"")), at(1, c1 + "strength")),
                invalid("update: priority null", "PUT", CONNECTIONS,
                        update(obj().with("connection_id", str("@id2")).with("priority", "null")), at(1, c1 + "priority")),
                invalid("update: status null", "PUT", CONNECTIONS,
                        update(obj().with("connection_id", str("@id2")).with("status", "null")), at(1, c1 + "status")),
                invalid("update: misspelled strenght", "PUT", CONNECTIONS,
                        update(obj().with("connection_id", str("@id2")).with("strenght", "5")), at(1, c1 + "strenght")),
                invalid("update: created_at sent", "PUT", CONNECTIONS,
                        update(obj().with("connection_id", str("@id2")).with("created_at", "\"2020-01-01T00:00:00Z\"")), at(1, c1 + "created_at")),
                invalid("update: ends_at before starts_at", "PUT", CONNECTIONS, update(obj().with("connection_id", str("@id2"))
                        .with("starts_at", "\"2025-01-02T00:00:00Z\"").with("ends_at", "\"2025-01-01T00:00:00Z\"")), at(1, c1 + "ends_at")),
                invalid("update: entity changing type", "PUT", CONNECTIONS, update(obj().with("connection_id", str("@id2"))
                        .with("connection_from_entity", entity("b", "PERSON").toString())), at(1, c1 + "connection_from_entity.connection_entity_type")),
                invalid("update: re-pointing to an unknown directory ID", "PUT", CONNECTIONS, update(obj().with("connection_id", str("@id2"))
                        .with("connection_to_entity_id", "\"ghost\"")), at(1, c1 + "connection_to_entity_id")),
                invalid("update: re-pointing so that from equals to", "PUT", CONNECTIONS, update(obj().with("connection_id", str("@id2"))
                        .with("connection_to_entity_id", "\"b\"")), at(1, "connections[1]")),
                invalid("update: item a number", "PUT", CONNECTIONS, update("5"), at(1, "connections[1]")),
                invalid("update: empty batch", "PUT", CONNECTIONS, "{\"connections\":[]}", top("connections")),
                refused("update: unknown connection_id", "PUT", CONNECTIONS,
                        update(obj().with("connection_id", "\"000000000000000000000000\"").with("strength", "5")), 404, "not_found",
                        at(1, c1 + "connection_id")),

                // DELETE
                invalid("delete: duplicate connection_id", "DELETE", CONNECTIONS, remove(obj().with("connection_id", str("@id2"))), at(1, c1 + "connection_id")),
                invalid("delete: same connection by connection_id and by _id", "DELETE", CONNECTIONS, remove(obj().with("_id", str("@id2"))), at(1, c1 + "_id")),
                invalid("delete: unknown field in an item", "DELETE", CONNECTIONS,
                        remove(obj().with("connection_id", str("@id1")).with("force", "true")), at(1, c1 + "force")),
                invalid("delete: no connection_id", "DELETE", CONNECTIONS, remove(obj()), at(1, c1 + "connection_id")),
                invalid("delete: connection_id null", "DELETE", CONNECTIONS, remove(obj().with("connection_id", "null")), at(1, c1 + "connection_id")),
                invalid("delete: connection_id an operator", "DELETE", CONNECTIONS,
                        remove(obj().with("connection_id", "{\"$ne\":null}")), at(1, c1 + "connection_id")),
                invalid("delete: connection_id empty", "DELETE", CONNECTIONS, remove(obj().with("connection_id", "\"\"")), at(1, c1 + "connection_id")),
                invalid("delete: item a string", "DELETE", CONNECTIONS, remove(str("@id1")), at(1, "connections[1]")),
                invalid("delete: empty batch", "DELETE", CONNECTIONS, "{\"connections\":[]}", top("connections")),
                invalid("delete: batch key missing", "DELETE", CONNECTIONS, "{}", top("connections")),
                refused("delete: unknown connection_id", "DELETE", CONNECTIONS, remove(obj().with("connection_id", "\"missing\"")),
                        404, "not_found", at(1, c1 + "connection_id")),
                refused("delete: 1001 items", "DELETE", CONNECTIONS, manyItems("connections", 1001, obj().with("connection_id", str("@id1"))),
                        413, "payload_too_large", top("connections")));
    }

    static Stream<Case> entityWrites() {
        String e1 = "entities[1].";
        return Stream.of(
                invalid("entities: changing a stored entity's type", "PUT", ENTITIES, upsertEntities(entity("a", "PERSON")),
                        at(1, e1 + "connection_entity_type")),
                invalid("entities: one new ID with two types in one batch", "PUT", ENTITIES, upsertEntities(entity("n3", "ROOM")),
                        at(1, e1 + "connection_entity_type")),
                invalid("entities: type ALIEN", "PUT", ENTITIES, upsertEntities(entity("n4", "ALIEN")), at(1, e1 + "connection_entity_type")),
                invalid("entities: type missing", "PUT", ENTITIES, upsertEntities(entity("n4", "ROOM").without("connection_entity_type")),
                        at(1, e1 + "connection_entity_type")),
                invalid("entities: type a number", "PUT", ENTITIES, upsertEntities(entity("n4", "ROOM").with("connection_entity_type", "3")),
                        at(1, e1 + "connection_entity_type")),
                invalid("entities: connection_entity_id missing", "PUT", ENTITIES, upsertEntities(entity("n4", "ROOM").without("connection_entity_id")),
                        at(1, e1 + "connection_entity_id")),
                invalid("entities: connection_entity_id null", "PUT", ENTITIES, upsertEntities(entity("n4", "ROOM").with("connection_entity_id", "null")),
                        at(1, e1 + "connection_entity_id")),
                invalid("entities: connection_entity_id of 201 characters", "PUT", ENTITIES, upsertEntities(entity("e".repeat(201), "ROOM")),
                        at(1, e1 + "connection_entity_id")),
                invalid("entities: data key $ne", "PUT", ENTITIES,
                        upsertEntities(entity("n4", "ROOM").with("connection_entity_data", "{\"$ne\":null}")), at(1, e1 + "connection_entity_data")),
                invalid("entities: data nested 9 deep", "PUT", ENTITIES,
                        upsertEntities(entity("n4", "ROOM").with("connection_entity_data", nested(9))), at(1, e1 + "connection_entity_data" + ".a".repeat(8))),
                invalid("entities: data null", "PUT", ENTITIES,
                        upsertEntities(entity("n4", "ROOM").with("connection_entity_data", "null")), at(1, e1 + "connection_entity_data")),
                invalid("entities: data an array", "PUT", ENTITIES,
                        upsertEntities(entity("n4", "ROOM").with("connection_entity_data", "[1]")), at(1, e1 + "connection_entity_data")),
                invalid("entities: unknown field", "PUT", ENTITIES, upsertEntities(entity("n4", "ROOM").with("colour", "\"red\"")), at(1, e1 + "colour")),
                invalid("entities: item a number", "PUT", ENTITIES, upsertEntities("5"), at(1, "entities[1]")),
                invalid("entities: empty batch", "PUT", ENTITIES, "{\"entities\":[]}", top("entities")),
                invalid("entities: batch under the connections key", "PUT", ENTITIES, "{\"connections\":[" + entity("n4", "ROOM") + "]}",
                        top("connections")),
                refused("entities: 1001 items", "PUT", ENTITIES, manyItems("entities", 1001, entity("n4", "ROOM")), 413, "payload_too_large",
                        top("entities")),

                refused("entities: deleting an entity a connection uses", "DELETE", ENTITIES,
                        deleteEntities(obj().with("connection_entity_id", "\"a\"")), 409, "conflict", at(1, e1 + "connection_entity_id")),
                refused("entities: deleting an unknown entity", "DELETE", ENTITIES,
                        deleteEntities(obj().with("connection_entity_id", "\"ghost\"")), 404, "not_found", at(1, e1 + "connection_entity_id")),
                invalid("entities: deleting one entity twice", "DELETE", ENTITIES,
                        deleteEntities(obj().with("connection_entity_id", "\"d\"")), at(1, e1 + "connection_entity_id")),
                invalid("entities: delete item without ID", "DELETE", ENTITIES, deleteEntities(obj()), at(1, e1 + "connection_entity_id")),
                invalid("entities: delete item with an operator ID", "DELETE", ENTITIES,
                        deleteEntities(obj().with("connection_entity_id", "{\"$ne\":null}")), at(1, e1 + "connection_entity_id")),
                invalid("entities: delete item with an unknown field", "DELETE", ENTITIES,
                        deleteEntities(obj().with("connection_entity_id", "\"c\"").with("force", "true")), at(1, e1 + "force")),
                invalid("entities: delete item a string", "DELETE", ENTITIES, deleteEntities("\"d\""), at(1, "entities[1]")),
                invalid("entities: empty delete batch", "DELETE", ENTITIES, "{\"entities\":[]}", top("entities")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"connectionWrites", "entityWrites"})
    void aBadWriteIsRefusedWithItsFieldAndChangesNothing(Case bad) {
        Seeded tenant = seeded();
        String body = bad.body().replace("@id1", tenant.id1()).replace("@id2", tenant.id2());
        try {
            ValidatableResponse response = as(tenant.key()).body(body).request(bad.method(), BASE + bad.path()).then();

            rejected(response, bad.status(), bad.identifier());
            names(response, bad.faults());
            assertUnchanged(tenant);
        } catch (AssertionError accepted) {
            seeded = null; // the request may have changed the data the next case starts from
            throw accepted;
        }
    }

    // ---------------------------------------------------------------- list query parameters

    /** A list request with bad query parameters: {@code query} as sent, {@code parameter} as the error's field. */
    record Query(String name, String path, String query, String parameter) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Query> badListParameters() {
        List<Query> queries = new ArrayList<>();
        for (String path : List.of(CONNECTIONS, ENTITIES)) {
            String on = path.substring(1) + ": ";
            queries.addAll(List.of(
                    new Query(on + "limit 0", path, "limit=0", "limit"),
                    new Query(on + "limit 1001", path, "limit=1001", "limit"),
                    new Query(on + "limit abc", path, "limit=abc", "limit"),
                    new Query(on + "limit 2.5", path, "limit=2.5", "limit"),
                    new Query(on + "limit with a space", path, "limit=%205", "limit"),
                    new Query(on + "limit empty", path, "limit=", "limit"),
                    new Query(on + "skip -1", path, "skip=-1", "skip"),
                    new Query(on + "skip 99999999999999999999", path, "skip=99999999999999999999", "skip"),
                    new Query(on + "sort password", path, "sort=password", "sort"),
                    new Query(on + "sort tenant_id", path, "sort=tenant_id", "sort"),
                    new Query(on + "sort empty", path, "sort=", "sort"),
                    new Query(on + "order up", path, "order=up", "order"),
                    new Query(on + "entity_type ALIEN", path, "entity_type=ALIEN", "entity_type"),
                    new Query(on + "fields unknown", path, "fields=strenght", "fields"),
                    new Query(on + "unknown parameter entity_typ", path, "entity_typ=PERSON", "entity_typ"),
                    new Query(on + "operator-style parameter entity_id[$ne]", path, "entity_id%5B%24ne%5D=x", "entity_id[$ne]"),
                    new Query(on + "repeated parameter limit", path, "limit=1&limit=2", "limit"),
                    new Query(on + "repeated filter entity_id", path, "entity_id=a&entity_id=b", "entity_id"),
                    new Query(on + "empty filter value", path, "entity_id=", "entity_id"),
                    new Query(on + "filter value of 201 characters", path, "entity_id=" + "e".repeat(201), "entity_id")));
        }
        queries.add(new Query("entities: a connections-only filter", ENTITIES, "status=ACTIVE", "status"));
        queries.add(new Query("connections: sort by connection_entity_data", CONNECTIONS,
                "sort=connection_from_entity.connection_entity_data", "sort"));
        return queries.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badListParameters")
    void aBadListParameterIsA400NamingIt(Query bad) {
        ValidatableResponse response = as().urlEncodingEnabled(false).get(BASE + bad.path() + "?" + bad.query()).then();

        rejected(response, 400, "validation_failed");
        names(response, List.of(top(bad.parameter())));
        assertThat((String) response.extract().path("message")).contains(bad.parameter());
    }

    static Stream<String> operatorLookingValues() {
        return Stream.of("{\"$ne\":null}", "{\"$gt\":\"\"}", "/.*/", ".*", "[$ne]", "*", "$where", "{\"$exists\":true}");
    }

    static final Map<String, List<String>> PLAIN_FILTERS = Map.of(
            CONNECTIONS, List.of("connection_id", "entity_id", "external_id", "location_id", "configuration_id", "status"),
            ENTITIES, List.of("entity_id", "external_id"));

    @ParameterizedTest(name = "filter value {0}")
    @MethodSource("operatorLookingValues")
    void anOperatorLookingFilterValueIsAPlainStringThatMatchesNothing(String value) {
        Seeded tenant = seeded();
        PLAIN_FILTERS.forEach((path, filters) -> {
            for (String filter : filters) {
                as(tenant.key()).queryParam(filter, value).get(BASE + path).then()
                        .statusCode(200)
                        .body("success", equalTo(true))
                        .body("data." + path.substring(1), hasSize(0))
                        .body("pagination.total_results", equalTo(0));
            }
        });
    }

    // ---------------------------------------------------------------- API keys

    static Stream<Case> badApiKeys() {
        return Stream.of(
                invalid("api-keys: tenant_id missing", "POST", API_KEYS, validKey().without("tenant_id"), top("tenant_id")),
                invalid("api-keys: tenant_id null", "POST", API_KEYS, validKey().with("tenant_id", "null"), top("tenant_id")),
                invalid("api-keys: tenant_id empty", "POST", API_KEYS, validKey().with("tenant_id", "\"\""), top("tenant_id")),
                invalid("api-keys: tenant_id with spaces", "POST", API_KEYS, validKey().with("tenant_id", "\"acme corp\""), top("tenant_id")),
                invalid("api-keys: tenant_id of 65 characters", "POST", API_KEYS, validKey().with("tenant_id", str("t".repeat(65))), top("tenant_id")),
                invalid("api-keys: tenant_id with a slash", "POST", API_KEYS, validKey().with("tenant_id", "\"a/b\""), top("tenant_id")),
                invalid("api-keys: tenant_id an operator", "POST", API_KEYS, validKey().with("tenant_id", "{\"$ne\":null}"), top("tenant_id")),
                invalid("api-keys: scopes empty", "POST", API_KEYS, validKey().with("scopes", "[]"), top("scopes")),
                invalid("api-keys: unknown scope root", "POST", API_KEYS, validKey().with("scopes", "[\"root\"]"), top("scopes")),
                invalid("api-keys: scope in upper case", "POST", API_KEYS, validKey().with("scopes", "[\"READ\"]"), top("scopes")),
                invalid("api-keys: duplicated scope", "POST", API_KEYS, validKey().with("scopes", "[\"read\",\"read\"]"), top("scopes")),
                invalid("api-keys: scopes a string", "POST", API_KEYS, validKey().with("scopes", "\"read\""), top("scopes")),
                invalid("api-keys: scopes missing", "POST", API_KEYS, validKey().without("scopes"), top("scopes")),
                invalid("api-keys: name missing", "POST", API_KEYS, validKey().without("name"), top("name")),
                invalid("api-keys: name empty", "POST", API_KEYS, validKey().with("name", "\"\""), top("name")),
                invalid("api-keys: name a number", "POST", API_KEYS, validKey().with("name", "5"), top("name")),
                invalid("api-keys: unknown field", "POST", API_KEYS, validKey().with("expiry", "\"2030-01-01T00:00:00Z\""), top("expiry")),
                invalid("api-keys: expires_at in the past", "POST", API_KEYS, validKey().with("expires_at", "\"2020-01-01T00:00:00Z\""), top("expires_at")),
                invalid("api-keys: expires_at not a date", "POST", API_KEYS, validKey().with("expires_at", "\"tomorrow\""), top("expires_at")),
                invalid("api-keys: client-sent api_key", "POST", API_KEYS, validKey().with("api_key", "\"chosen-secret\""), top("api_key")),
                invalid("api-keys: body an array", "POST", API_KEYS, "[" + validKey() + "]", top("body")));
    }

    /** A valid key request, to spoil one field of. */
    private static Obj validKey() {
        return obj().with("tenant_id", "\"acme\"").with("name", "\"key\"").with("scopes", "[\"read\"]");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badApiKeys")
    void aBadApiKeyRequestIsRefusedAndCreatesNoKey(Case bad) {
        List<Object> before = apiKeys();

        ValidatableResponse response = given().header("x-api-key", ADMIN_KEY).contentType(ContentType.JSON).body(bad.body())
                .request(bad.method(), bad.path()).then();

        rejected(response, bad.status(), bad.identifier());
        names(response, bad.faults());
        assertThat(apiKeys()).as("API keys after the rejected request").isEqualTo(before);
    }

    // ---------------------------------------------------------------- what is accepted at the edges

    @Test
    void strengthAtItsBoundsAndMinusZeroAreAccepted() {
        String body = "{\"connections\":["
                + connection("n1", "TEAM", "n2", "ROOM", 0).with("strength", "-100") + ","
                + connection("n2", "ROOM", "n3", "ZONE", 0).with("strength", "100") + ","
                + connection("n3", "ZONE", "n4", "SPACE", 0).with("strength", "-0") + ","
                + connection("n4", "SPACE", "n5", "LAYER", 0).with("strength", "1e2") + ","
                + connection("n5", "LAYER", "n6", "LOCATION", 0).with("strength", "-100.0") + "]}";

        post(CONNECTIONS, body).statusCode(200)
                .body("data.strength", contains(-100, 100, 0, 100, -100));
        get(CONNECTIONS + "?sort=strength&limit=3").statusCode(200).body("data.connections.strength", contains(-100, -100, 0));
    }

    @Test
    void otherFieldsAtTheirLimitsAreAccepted() {
        Obj item = connection("n1", "TEAM", "n2", "ROOM", 5)
                .with("priority", "0")
                .with("status", str("S".repeat(100)))
                .with("notes", str("n".repeat(2000)))
                .with("location_id", str("l".repeat(200)))
                .with("starts_at", "\"0001-01-01T00:00:00Z\"")
                .with("ends_at", "\"9999-12-31T23:59:59Z\"")
                .with("connection_to_entity", entity("e".repeat(200), "ROOM").with("connection_entity_data", nested(8)).toString());

        post(CONNECTIONS, "{\"connections\":[" + item + "]}").statusCode(200)
                .body("data[0].priority", equalTo(0))
                .body("data[0].notes.length()", equalTo(2000))
                .body("data[0].connection_to_entity.connection_entity_data.a.a.a.a.a.a.a", equalTo(Map.of()));
    }

    @Test
    void listParametersAtTheirBoundsAreAccepted() {
        String tenantKey = seeded().key();
        as(tenantKey).get(BASE + CONNECTIONS + "?limit=1&skip=0").then().statusCode(200).body("data.connections", hasSize(1));
        as(tenantKey).get(BASE + CONNECTIONS + "?limit=1000&order=desc&sort=strength").then().statusCode(200)
                .body("data.connections.strength", contains(20, 10));
        as(tenantKey).get(BASE + CONNECTIONS + "?skip=" + (Integer.MAX_VALUE - 1000)).then().statusCode(200)
                .body("data.connections", hasSize(0));
        as(tenantKey).get(BASE + ENTITIES + "?limit=1000&sort=connection_entity_type&order=asc").then().statusCode(200)
                .body("data.entities.connection_entity_type", contains("PERSON", "ROOM", "TEAM", "ZONE"));
    }

    @Test
    void everyBadItemOfABatchIsReportedInOne400() {
        Store before = store(key);
        String body = "{\"connections\":[" + newConnection().with("strength", "101") + "," + newConnection() + ","
                + newConnection().with("notes", "7").with("strenght", "1") + "]}";

        ValidatableResponse response = rejected(post(CONNECTIONS, body), 400, "validation_failed")
                .body("errors.index", contains(0, 2, 2));
        names(response, List.of(at(0, "connections[0].strength"), at(2, "connections[2].notes"), at(2, "connections[2].strenght")));
        assertThat(store(key)).isEqualTo(before);
    }

    // ---------------------------------------------------------------- the tenant's data, to compare

    record Store(int connectionCount, List<Object> connections, int entityCount, List<Object> entities) {
    }

    static Store store(String tenantKey) {
        var connections = given().header("x-api-key", tenantKey).get(BASE + CONNECTIONS + "?limit=1000&sort=_id")
                .then().statusCode(200).extract();
        var entities = given().header("x-api-key", tenantKey).get(BASE + ENTITIES + "?limit=1000&sort=connection_entity_id")
                .then().statusCode(200).extract();
        return new Store(connections.path("pagination.total_results"), connections.path("data.connections"),
                entities.path("pagination.total_results"), entities.path("data.entities"));
    }

    List<Object> apiKeys() {
        return given().header("x-api-key", ADMIN_KEY).get(API_KEYS).then().statusCode(200).extract().path("data.api_keys");
    }
}
