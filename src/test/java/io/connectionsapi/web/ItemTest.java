package io.connectionsapi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ItemTest {

    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final Violations violations = new Violations();

    private Item item(String json) {
        JsonNode node = JSON.readTree(json);
        return Item.of(node, "things", 2, violations);
    }

    private List<ErrorDetail> errors() {
        return catchThrowableOfType(ApiException.class, violations::throwIfAny).errors();
    }

    @Test
    void numbersStayIntegralWhenTheyAreAndMustBeFiniteAndInRange() {
        Item item = item("{\"a\": 75, \"b\": 12.5, \"c\": -0, \"d\": 1e309, \"e\": 101, \"f\": \"1\"}");
        assertThat(item.number("a", -100, 100)).isEqualTo(75L);
        assertThat(item.number("b", -100, 100)).isEqualTo(12.5);
        assertThat(item.number("c", -100, 100)).isEqualTo(0L);
        assertThat(item.number("d", 0, Double.MAX_VALUE)).isNull();
        assertThat(item.number("e", -100, 100)).isNull();
        assertThat(item.number("f", -100, 100)).isNull();
        assertThat(errors()).extracting(ErrorDetail::field).containsExactly("things[2].d", "things[2].e", "things[2].f");
    }

    @Test
    void datesNeedAZoneAndAreKeptToTheMillisecond() {
        Item item = item("{\"a\": \"2025-07-18T14:00:00.123456+02:00\", \"b\": \"2025-07-18T12:00:00\", \"c\": \"2025\"}");
        assertThat(item.dateTime("a")).hasToString("2025-07-18T12:00:00.123Z");
        assertThat(item.dateTime("b")).isNull();
        assertThat(item.dateTime("c")).isNull();
        assertThat(errors()).extracting(ErrorDetail::index).containsOnly(2);
    }

    @Test
    void freeFormObjectsKeepTheirValuesAndRejectOperatorAndPathKeys() {
        Document data = item("{\"d\": {\"name\": \"x\", \"n\": 3, \"list\": [1, {\"ok\": true}], \"none\": null}}").freeForm("d");
        assertThat(data).isEqualTo(new Document("name", "x").append("n", 3L)
                .append("list", List.of(1L, new Document("ok", true))).append("none", null));

        item("{\"d\": {\"$ne\": 1, \"a.b\": 2, \"\": 3, \"deep\": {\"x\": {\"$where\": 1}}}}").freeForm("d");
        assertThat(errors()).extracting(ErrorDetail::field)
                .containsExactly("things[2].d", "things[2].d", "things[2].d", "things[2].d.deep.x");
    }

    @Test
    void freeFormObjectsHaveADepthAndSizeLimit() {
        String nine = "{\"a\":".repeat(9) + "1" + "}".repeat(9);
        assertThat(item("{\"d\": " + nine + "}").freeForm("d")).isNull();
        String eight = "{\"a\":".repeat(8) + "1" + "}".repeat(8);
        assertThat(item("{\"d\": " + eight + "}").freeForm("d")).isNotNull();
        assertThat(item("{\"d\": {\"big\": \"" + "x".repeat(17 * 1024) + "\"}}").freeForm("d")).isNull();
        assertThat(errors()).extracting(ErrorDetail::message)
                .containsExactly("nests objects and arrays deeper than 8 levels", "must be at most 16 KiB of JSON");
    }

    @Test
    void unknownFieldsAreNamed() {
        Item item = item("{\"strength\": 1, \"strenght\": 2}");
        item.allowOnly(List.of("strength"));
        assertThat(errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("things[2].strenght");
            assertThat(error.index()).isEqualTo(2);
        });
    }
}
