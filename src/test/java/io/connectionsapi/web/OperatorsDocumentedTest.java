package io.connectionsapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectionsapi.support.OpenApiValidation;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The OpenAPI document lists exactly the {@code field__operator} parameters each list accepts, each with an example,
 * and every list takes its operators and {@code cursor}: what Swagger UI shows is what the server does.
 */
class OperatorsDocumentedTest {

    private static final Map<String, String> LISTS = Map.of(
            "connection.ConnectionController", "Connection",
            "label.LabelController", "Label",
            "mapping.MappingController", "Mapping",
            "entity.EntityController", "Entity");

    @Test
    void everyListDocumentsExactlyTheOperatorsItAccepts() throws Exception {
        JsonNode document = new YAMLMapper().readTree(Files.readString(OpenApiValidation.DOCUMENT));
        for (Map.Entry<String, String> list : LISTS.entrySet()) {
            Set<String> accepted = new TreeSet<>();
            spec(list.getKey()).compared().values().forEach(field -> field.operators()
                    .forEach(operator -> accepted.add(field.name() + ListSpec.OPERATOR_SEPARATOR + operator.spelling())));

            JsonNode properties = document.at("/components/schemas/" + list.getValue() + "Operators/properties");
            Set<String> documented = new TreeSet<>(properties.propertyNames());
            assertThat(documented).as("%sOperators in the OpenAPI document", list.getValue()).isEqualTo(accepted);
            for (String name : documented) {
                JsonNode property = properties.get(name);
                assertThat(property.has("example") || property.has("$ref")).as("%s has an example", name).isTrue();
            }
        }
    }

    @Test
    void everyListOperationTakesItsOperatorsAndACursor() throws Exception {
        JsonNode document = new YAMLMapper().readTree(Files.readString(OpenApiValidation.DOCUMENT));
        Map<String, String> paths = Map.of("/connections/v1/connections", "Connection", "/connections/v1/labels", "Label",
                "/connections/v1/labels/mapping", "Mapping", "/connections/v1/entities", "Entity");
        paths.forEach((path, name) -> {
            String parameters = document.get("paths").get(path).get("get").get("parameters").toString();
            assertThat(parameters).as(path).contains("#/components/parameters/" + name + "Operators")
                    .contains("#/components/parameters/Cursor");
        });
        JsonNode pagination = document.at("/components/schemas/Pagination/properties");
        assertThat(pagination.has("next") && pagination.has("previous") && pagination.has("next_cursor")).isTrue();
    }

    private static ListSpec spec(String controller) {
        try {
            var field = Class.forName("io.connectionsapi." + controller).getDeclaredField("LIST");
            field.setAccessible(true);
            return (ListSpec) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(controller, e);
        }
    }
}
