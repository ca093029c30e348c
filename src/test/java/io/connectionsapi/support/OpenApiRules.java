package io.connectionsapi.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectionsapi.web.Field;
import io.connectionsapi.web.RuleTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Holds the OpenAPI document's request schemas to a resource's {@link RuleTable}: the same properties (the
 * table's fields and the ones its resource reads by hand), and for each field of the table the same type and
 * format, bounds, lengths, allowed values, pattern, nullability, required-ness and scalar default. A rule changed
 * in one place and not the other fails here.
 */
public final class OpenApiRules {

    private static final JsonNode SCHEMAS = read().path("components").path("schemas");

    private OpenApiRules() {
    }

    private static JsonNode read() {
        try {
            return new YAMLMapper().readTree(Files.readString(OpenApiValidation.DOCUMENT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The create (or whole-object) schema agrees with the table, required fields and defaults included. */
    public static void assertCreateAgrees(RuleTable table, String schema) {
        SoftAssertions softly = new SoftAssertions();
        compare(softly, table, table.createAlso(), schema(schema), schema, true);
        softly.assertAll();
    }

    /** The update schema agrees with the table; nothing is required of an update and it has no defaults. */
    public static void assertUpdateAgrees(RuleTable table, String schema) {
        SoftAssertions softly = new SoftAssertions();
        compare(softly, table, table.updateAlso(), schema(schema), schema, false);
        softly.assertAll();
    }

    private static JsonNode schema(String name) {
        JsonNode schema = SCHEMAS.path(name);
        assertThat(schema.isObject()).as("schema %s in the OpenAPI document", name).isTrue();
        return schema;
    }

    private static JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asString(null);
        return ref == null ? node : SCHEMAS.path(ref.substring(ref.lastIndexOf('/') + 1));
    }

    private static void compare(SoftAssertions softly, RuleTable table, List<String> byHand, JsonNode schema, String where,
            boolean create) {
        Set<String> expected = new TreeSet<>(byHand);
        table.fields().forEach(field -> expected.add(field.name()));
        softly.assertThat(new TreeSet<>(schema.path("properties").propertyNames())).as("%s: properties", where)
                .isEqualTo(expected);
        softly.assertThat(schema.path("additionalProperties").asBoolean(true)).as("%s: additionalProperties", where).isFalse();
        Set<String> required = new LinkedHashSet<>();
        schema.path("required").values().forEach(name -> required.add(name.asString()));
        List<String> tableRequired = new ArrayList<>();
        if (create) {
            table.fields().stream().filter(field -> field.schema().required()).forEach(field -> tableRequired.add(field.name()));
        }
        softly.assertThat(required).as("%s: required", where).containsExactlyInAnyOrderElementsOf(tableRequired);
        for (Field<?> field : table.fields()) {
            JsonNode property = resolve(schema.path("properties").path(field.name()));
            compareField(softly, field.schema(), property, where + "." + field.name(), create);
        }
    }

    private static void compareField(SoftAssertions softly, Field.Schema rule, JsonNode property, String where, boolean create) {
        softly.assertThat(property.path("type").asString(null)).as("%s: type", where).isEqualTo(rule.type());
        softly.assertThat(property.path("format").asString(null)).as("%s: format", where).isEqualTo(rule.format());
        softly.assertThat(number(property, "minimum")).as("%s: minimum", where).isEqualTo(rule.minimum());
        softly.assertThat(number(property, "maximum")).as("%s: maximum", where).isEqualTo(rule.maximum());
        softly.assertThat(integer(property, "minLength")).as("%s: minLength", where).isEqualTo(rule.minLength());
        softly.assertThat(integer(property, "maxLength")).as("%s: maxLength", where).isEqualTo(rule.maxLength());
        softly.assertThat(allowed(property)).as("%s: enum", where).isEqualTo(rule.allowed());
        String pattern = property.path("pattern").asString(null);
        softly.assertThat(pattern).as("%s: pattern", where).isEqualTo(rule.pattern() == null ? null : "^" + rule.pattern() + "$");
        softly.assertThat(property.path("nullable").asBoolean(false)).as("%s: nullable", where).isEqualTo(rule.nullable());
        if ("array".equals(rule.type())) {
            softly.assertThat(property.path("minItems").asInt(0)).as("%s: minItems", where).isEqualTo(1);
            softly.assertThat(property.path("uniqueItems").asBoolean(false)).as("%s: uniqueItems", where).isTrue();
        }
        if (create) {
            JsonNode shown = property.get("default");
            Object sent = shown == null ? null : shown.isNumber() ? (Object) shown.longValue() : shown.isBoolean() ? shown.asBoolean() : shown.asString();
            softly.assertThat(sent).as("%s: default", where).isEqualTo(rule.defaultValue());
        }
        if (rule.fields() != null) {
            compare(softly, rule.fields(), rule.fields().createAlso(), property, where, true);
        }
    }

    private static @Nullable Double number(JsonNode property, String name) {
        return property.has(name) ? property.get(name).asDouble() : null;
    }

    private static @Nullable Integer integer(JsonNode property, String name) {
        return property.has(name) ? property.get(name).asInt() : null;
    }

    /** The allowed values, of the field or of an array's items; a nullable enum lists null, which is not a value. */
    private static @Nullable Set<String> allowed(JsonNode property) {
        JsonNode values = property.has("enum") ? property.get("enum") : resolve(property.path("items")).get("enum");
        if (values == null) {
            return null;
        }
        Set<String> allowed = new TreeSet<>();
        values.values().forEach(value -> {
            if (!value.isNull()) {
                allowed.add(value.asString());
            }
        });
        return allowed;
    }
}
