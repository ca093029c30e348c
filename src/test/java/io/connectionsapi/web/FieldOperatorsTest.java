package io.connectionsapi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.connectionsapi.support.ApiTest;
import io.connectionsapi.support.ErrorEnvelope;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code field__op=value} on every list: each operator on each type of field (numbers, dates, strings, values of a
 * set, booleans), the case-insensitive label names, and the 400s for unknown fields and operators, wrong types and
 * values that try to be query operators or patterns.
 */
class FieldOperatorsTest extends ApiTest {

    /** Connections by notes, which name them: strength, priority, status, starts_at, location_id, sides. */
    @BeforeEach
    void connections() {
        post("/connections", Map.of("connections", List.of(
                connection("minus50", -50, 1, "ACTIVE", "2026-01-01T00:00:00Z", "a.b(c)*", "PERSON", "TEAM"),
                connection("zero", 0, 2, "ACTIVE", null, null, "PERSON", "ROOM"),
                connection("ten", 10, 3, "PLANNED", "2026-02-01T00:00:00Z", "axb(c)*", "TEAM", "ROOM"),
                connection("fifty", 50.5, 4, "PAUSED", "2026-03-01T12:30:00.250Z", "loc-1", "ZONE", "PERSON"),
                connection("hundred", 100, 5, "ACTIVE", null, "loc-2", "SPACE", "LAYER")))).statusCode(200);
    }

    private static Map<String, Object> connection(String notes, Number strength, int priority, String status,
            @Nullable String startsAt, @Nullable String locationId, String fromType, String toType) {
        Map<String, Object> connection = new HashMap<>(Map.of("notes", notes, "strength", strength, "priority", priority,
                "status", status,
                "connection_from_entity", Map.of("connection_entity_id", notes + "-from", "connection_entity_type", fromType),
                "connection_to_entity", Map.of("connection_entity_id", notes + "-to", "connection_entity_type", toType)));
        connection.put("starts_at", startsAt);
        if (locationId != null) {
            connection.put("location_id", locationId);
        }
        return connection;
    }

    /** The notes of the connections a query finds, in strength order. */
    private List<String> found(String query) {
        return raw("/connections?sort=strength&" + query).statusCode(200).extract().path("data.connections.notes");
    }

    @Test
    void numbersCompareAsNumbersWithEveryOperator() {
        assertThat(found("strength__gt=10")).containsExactly("fifty", "hundred");
        assertThat(found("strength__gte=10")).containsExactly("ten", "fifty", "hundred");
        assertThat(found("strength__lt=0")).containsExactly("minus50");
        assertThat(found("strength__lte=0")).containsExactly("minus50", "zero");
        assertThat(found("strength__ne=0")).containsExactly("minus50", "ten", "fifty", "hundred");
        assertThat(found("strength__range=0,50.5")).containsExactly("zero", "ten", "fifty");
        assertThat(found("strength__range=-1e2,5E0")).containsExactly("minus50", "zero");
        assertThat(found("strength__in=-50,100,7")).containsExactly("minus50", "hundred");
        assertThat(found("strength__nin=-50,100")).containsExactly("zero", "ten", "fifty");
        assertThat(found("strength__exists=true")).hasSize(5);
        assertThat(found("strength__exists=false")).isEmpty();
        // two conditions on one field, and a number that is not a whole one against whole stored numbers
        assertThat(found("strength__gt=0&strength__lt=100")).containsExactly("ten", "fifty");
        assertThat(found("priority__gte=2.5&priority__lte=4")).containsExactly("ten", "fifty");
        get("/connections?strength__gt=10").statusCode(200).body("pagination.total_results", equalTo(2));
    }

    @Test
    void datesCompareAsInstantsWhateverTheOffsetAndUnsetDatesAreNotThere() {
        assertThat(found("starts_at__gt=2026-01-01T00:00:00Z")).containsExactly("ten", "fifty");
        assertThat(found("starts_at__gte=2026-01-01T00:00:00Z")).containsExactly("minus50", "ten", "fifty");
        assertThat(found("starts_at__lt=2026-02-01T00:00:00Z")).containsExactly("minus50");
        assertThat(found("starts_at__lte=2026-02-01T00:00:00.000Z")).containsExactly("minus50", "ten");
        assertThat(as().queryParam("starts_at__lte", "2026-02-01T01:00:00+01:00").get(BASE + "/connections?sort=strength")
                .then().statusCode(200).extract().<List<String>>path("data.connections.notes")).containsExactly("minus50", "ten");
        assertThat(found("starts_at__range=2026-01-15T00:00:00Z,2026-03-01T12:30:00.250Z")).containsExactly("ten", "fifty");
        assertThat(found("starts_at__in=2026-03-01T12:30:00.250Z,2026-01-01T00:00:00Z")).containsExactly("minus50", "fifty");
        assertThat(found("starts_at__nin=2026-03-01T12:30:00.250Z")).containsExactly("minus50", "zero", "ten", "hundred");
        assertThat(found("starts_at__ne=2026-01-01T00:00:00Z")).containsExactly("zero", "ten", "fifty", "hundred");
        assertThat(found("starts_at__exists=true")).containsExactly("minus50", "ten", "fifty");
        assertThat(found("starts_at__exists=false")).containsExactly("zero", "hundred");
        assertThat(found("created_at__lte=2999-01-01T00:00:00Z&updated_at__gt=2000-01-01T00:00:00Z")).hasSize(5);
        assertThat(found("ends_at__exists=true")).isEmpty();
    }

    @Test
    void stringsCompareWithEveryOperatorAndPatternsMatchLiterally() {
        assertThat(found("status__ne=ACTIVE")).containsExactly("ten", "fifty");
        assertThat(found("status__in=PLANNED,PAUSED")).containsExactly("ten", "fifty");
        assertThat(found("status__nin=ACTIVE,PAUSED")).containsExactly("ten");
        assertThat(found("status__gt=P")).containsExactly("ten", "fifty");
        assertThat(found("status__gte=PLANNED")).containsExactly("ten");
        assertThat(found("status__lt=B")).containsExactly("minus50", "zero", "hundred");
        assertThat(found("status__lte=ACTIVE")).containsExactly("minus50", "zero", "hundred");
        assertThat(found("status__range=B,PL")).containsExactly("fifty");
        assertThat(found("status__startswith=PA")).containsExactly("fifty");
        assertThat(found("status__contains=NN")).containsExactly("ten");
        // regular-expression characters are themselves: "a.b(" is not "axb("
        assertThat(as().queryParam("location_id__contains", ".b(c)*").get(BASE + "/connections?sort=strength").then()
                .statusCode(200).extract().<List<String>>path("data.connections.notes")).containsExactly("minus50");
        assertThat(as().queryParam("location_id__startswith", "a.").get(BASE + "/connections?sort=strength").then()
                .statusCode(200).extract().<List<String>>path("data.connections.notes")).containsExactly("minus50");
        assertThat(as().queryParam("location_id__contains", ".*").get(BASE + "/connections").then()
                .statusCode(200).extract().<List<String>>path("data.connections.notes")).isEmpty();
        assertThat(found("location_id__startswith=loc-")).containsExactly("fifty", "hundred");
        assertThat(found("location_id__exists=false")).containsExactly("zero");
        assertThat(found("location_id__exists=true")).containsExactly("minus50", "ten", "fifty", "hundred");
        // a value shaped like a query operator is only a string that nothing equals
        assertThat(as().queryParam("status__in", "{\"$gt\":\"\"}").get(BASE + "/connections").then()
                .statusCode(200).extract().<List<String>>path("data.connections")).isEmpty();
        assertThat(found("configuration_id__exists=false")).hasSize(5);
    }

    @Test
    void entitySidesCompareByIdAndByTypeFromTheirSet() {
        assertThat(found("connection_from_entity.connection_entity_type__in=PERSON,TEAM")).containsExactly("minus50", "zero", "ten");
        assertThat(found("connection_to_entity.connection_entity_type__ne=ROOM")).containsExactly("minus50", "fifty", "hundred");
        assertThat(found("connection_to_entity.connection_entity_type__nin=ROOM,PERSON")).containsExactly("minus50", "hundred");
        assertThat(found("connection_from_entity.connection_entity_id__startswith=fi")).containsExactly("fifty");
        assertThat(found("connection_to_entity.connection_entity_id__in=ten-to,zero-to")).containsExactly("zero", "ten");
        reject("connection_from_entity.connection_entity_type__in=PERSON,ROBOT",
                "connection_from_entity.connection_entity_type__in", "must hold only LABEL, LAYER, LOCATION, PERSON");
        reject("connection_from_entity.connection_entity_type__startswith=P",
                "connection_from_entity.connection_entity_type__startswith", "the operators of connection_from_entity.connection_entity_type: ne, in, nin, exists");
    }

    @Test
    void labelNamesAndTypesCompareCaseInsensitivelyAndFlagsAsBooleans() {
        post("/labels", Map.of("labels", List.of(Map.of("name", "Board Room", "type", "Area"),
                Map.of("name", "board games", "type", "hobby", "flags", Map.of("connectable", false)),
                Map.of("name", "Quiet", "type", "area")))).statusCode(201);

        assertThat(labels("name__startswith=BOARD")).containsExactly("Board Room", "board games");
        assertThat(labels("name__contains=ROOM")).containsExactly("Board Room");
        assertThat(labels("type__in=AREA")).containsExactly("Board Room", "Quiet");
        assertThat(labels("name__gt=board%20r")).containsExactly("Board Room", "Quiet");
        assertThat(labels("flags.connectable__ne=true")).containsExactly("board games");
        assertThat(labels("flags.connectable__in=true")).containsExactly("Board Room", "Quiet");
        assertThat(labels("status__exists=true&created_at__lte=2999-01-01T00:00:00Z")).hasSize(3);
        reject("/labels?flags.connectable__ne=yes", "flags.connectable__ne", "must be true or false");
    }

    private List<String> labels(String query) {
        return raw("/labels?sort=name&" + query).statusCode(200).extract().path("data.labels.name");
    }

    @Test
    void mappingsAndEntitiesTakeTheirOwnFields() {
        String label = post("/labels", Map.of("labels", List.of(Map.of("name", "Team lead")))).statusCode(201)
                .extract().path("data.labels[0]._id");
        post("/labels/mapping", Map.of("mappings", List.of(
                Map.of("label_id", label, "entity_id", "minus50-from", "entity_type", "PERSON", "value", "senior 5"),
                Map.of("label_id", label, "entity_id", "ten-from", "entity_type", "TEAM", "visibility", "public"))))
                .statusCode(201);

        assertThat(mappings("value__contains=r%205")).containsExactly("minus50-from");
        assertThat(mappings("value__exists=false")).containsExactly("ten-from");
        assertThat(mappings("visibility__exists=true&entity_type__in=TEAM")).containsExactly("ten-from");
        assertThat(mappings("label_id__in=" + label + "&entity_id__ne=ten-from")).containsExactly("minus50-from");
        assertThat(mappings("status__nin=ACTIVE")).isEmpty();

        List<String> entities = get("/entities?sort=connection_entity_id&entity_type__nin=PERSON,ROOM,LABEL&entity_id__startswith=t")
                .statusCode(200).extract().path("data.entities.connection_entity_id");
        assertThat(entities).containsExactly("ten-from");
        get("/entities?created_at__gt=2999-01-01T00:00:00Z").statusCode(200).body("pagination.total_results", equalTo(0));
    }

    private List<String> mappings(String query) {
        return raw("/labels/mapping?sort=entity_id&" + query).statusCode(200).extract().path("data.label_mappings.entity_id");
    }

    @Test
    void unknownFieldsOperatorsAndWrongTypesAre400sNamingTheParameterAndWhatIsAllowed() {
        reject("notes__contains=x", "notes__contains", "is not a known query parameter");
        reject("notes__contains=x", "notes__contains", "field__operator with a field of");
        reject("strength__like=5", "strength__like", "has no operator like; the operators of strength: ne, gt, gte, lt, lte, range, in, nin, exists");
        reject("strength__startswith=5", "strength__startswith", "has no operator startswith");
        reject("strength__gt=abc", "strength__gt", "must be a number");
        reject("strength__gt=0x10", "strength__gt", "must be a number");
        reject("strength__in=1,,2", "strength__in", "must not hold an empty value");
        reject("strength__range=1,2,3", "strength__range", "must be two values separated by a comma");
        reject("strength__range=5,1", "strength__range", "low at most high");
        reject("strength__gt=", "strength__gt", "must not be empty");
        reject("created_at__gt=yesterday", "created_at__gt", "must be an ISO-8601 date-time");
        reject("created_at__gt=2026-01-01", "created_at__gt", "must be an ISO-8601 date-time");
        reject("created_at__lt=%2B999999999-01-01T00:00:00Z", "created_at__lt", "must be an ISO-8601 date-time");
        reject("strength__lt=1e400", "strength__lt", "must be a number");
        reject("status__exists=maybe", "status__exists", "must be true or false");
        reject("status__startswith=" + "x".repeat(201), "status__startswith", "at most 200 characters");
        reject("status__gt=1&status__gt=2", "status__gt", "must be given once");
        reject("status__in=" + "a,".repeat(100) + "a", "status__in", "at most 100 comma-separated values");
        // what would be an operator in a JSON query is only an unknown parameter here
        reject("status%5B%24ne%5D=x", "status[$ne]", "is not a known query parameter");
        reject("/labels?strength__gt=1", "strength__gt", "is not a known query parameter");
    }

    /** A GET of a query written as it is sent, already encoded. */
    private io.restassured.response.ValidatableResponse raw(String pathAndQuery) {
        return as().urlEncodingEnabled(false).get(BASE + pathAndQuery).then();
    }

    private void reject(String query, String parameter, String message) {
        String path = query.startsWith("/") ? query : "/connections?" + query;
        var response = ErrorEnvelope.rejected(as().urlEncodingEnabled(false).get(BASE + path).then(), 400, "validation_failed");
        response.body("errors.find { it.field == '" + parameter.replace("'", "\\'") + "' }.message", containsString(message));
    }
}
