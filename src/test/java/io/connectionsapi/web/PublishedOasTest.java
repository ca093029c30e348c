package io.connectionsapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import io.connectionsapi.support.ApiTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real answers of every operation the published gospace OpenAPI document describes validate against that document's
 * own schemas, read from the reference file at test time (it is gospace's, so it is not copied into the project).
 * Strict clients generate their types from it: a {@code null} where it says {@code string} breaks them.
 */
class PublishedOasTest extends ApiTest {

    /** Beside the clone, as in CI. */
    static final Path PUBLISHED = Path.of("..", "shared", "reference", "gospace-connections-api-openapi-2.0.md");

    /** "GET /connections" to the validator built from the block that describes it. */
    private static Map<String, OpenApiInteractionValidator> OPERATIONS = Map.of();

    /**
     * The published document is gospace's, not part of this repository: CI has it beside the clone and requires it
     * ({@code CONNECTIONS_TEST_REQUIRE_REFERENCE=true}, set by {@code .ci/run}); a clone without it skips this test,
     * saying where the document was looked for.
     */
    @BeforeAll
    static void publishedDocument() {
        if (Files.isReadable(PUBLISHED)) {
            OPERATIONS = operations();
        }
    }

    /** Per test, so that a skip is counted and its reason reported like any other. */
    @BeforeEach
    void publishedDocumentAtHand() {
        if (!Files.isReadable(PUBLISHED)) {
            String where = "The published OAS is expected at " + PUBLISHED.toAbsolutePath() + " (../shared beside the clone)";
            if ("true".equals(System.getenv("CONNECTIONS_TEST_REQUIRE_REFERENCE"))) {
                throw new AssertionError(where);
            }
            Assumptions.abort(where + "; without it the answers are not checked against it");
        }
    }

    private final Map<String, Integer> validated = new HashMap<>();

    private static Map<String, OpenApiInteractionValidator> operations() {
        String text;
        try {
            text = Files.readString(PUBLISHED);
        } catch (IOException e) {
            throw new AssertionError("The published OAS is expected at " + PUBLISHED.toAbsolutePath()
                    + " (../shared beside the clone)", e);
        }
        Map<String, OpenApiInteractionValidator> operations = new LinkedHashMap<>();
        Matcher block = Pattern.compile("```json\\s*\\n(.*?)\\n```", Pattern.DOTALL).matcher(text);
        JsonMapper json = JsonMapper.builder().build();
        while (block.find()) {
            JsonNode document = json.readTree(block.group(1));
            // The validator forbids properties a schema does not name unless told otherwise; OpenAPI allows them
            // where additionalProperties is absent (the published document relies on that: data.pagination).
            OpenApiInteractionValidator validator = OpenApiInteractionValidator
                    .createForInlineApiSpecification(block.group(1))
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE).build())
                    .build();
            for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
                for (String method : path.getValue().propertyNames()) {
                    operations.put(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey(), validator);
                }
            }
        }
        assertThat(operations).as("operations found in %s", PUBLISHED).isNotEmpty();
        return operations;
    }

    @Test
    void everyOperationThePublishedDocumentDescribesAnswersWithinItsSchemas() {
        // Sparse documents: every optional field left unset, where a null would break the published schemas.
        put("/entities", Map.of("entities", List.of(
                Map.of("connection_entity_id", "p1", "connection_entity_type", "PERSON"),
                Map.of("connection_entity_id", "r1", "connection_entity_type", "ROOM",
                        "connection_entity_data", Map.of("name", "Room 1"))))).statusCode(200);
        Response sparse = published("POST", "/connections", Map.of("connections", List.of(Map.of(
                "connection_from_entity_id", "p1", "connection_to_entity_id", "r1", "strength", 10))));
        String sparseId = sparse.path("data[0]._id");
        // And a full one, in the guide's form, with every optional field set.
        Response full = published("POST", "/connections", Map.of("connections", List.of(Map.of(
                "connection_from_entity", Map.of("connection_entity_id", "t1", "connection_entity_type", "TEAM",
                        "connection_entity_data", Map.of("name", "Team")),
                "connection_to_entity_id", "r1", "strength", -20, "priority", 2, "status", "PLANNED",
                "configuration_id", "cfg", "location_id", "loc", "notes", "n",
                "starts_at", "2026-11-24T10:00:00Z", "ends_at", "2026-11-25T10:00:00.5+01:00"))));
        String fullId = full.path("data[0]._id");

        Map<String, Object> clear = new HashMap<>(Map.of("connection_id", fullId, "strength", 30));
        clear.put("location_id", null);
        clear.put("notes", null);
        published("PUT", "/connections", Map.of("connections", List.of(clear, Map.of("connection_id", sparseId, "priority", 3))));
        published("GET", "/connections", null);
        published("GET", "/connections?connection_id=" + sparseId, null);

        String untyped = published("POST", "/labels", Map.of("labels", List.of(Map.of("name", "Untyped"))))
                .path("data.labels[0]._id");
        published("POST", "/labels", Map.of("labels", List.of(Map.of("name", "Typed", "type", "floor",
                "location_id", "loc", "configuration_id", "cfg", "details", Map.of("color", "red")))));
        published("GET", "/labels", null);
        published("GET", "/labels?label_id=" + untyped, null);

        published("POST", "/labels/mapping", Map.of("mappings", List.of(Map.of("label_id", untyped, "entity_id", "p1"),
                Map.of("label_id", untyped, "entity_id", "x9", "entity_type", "ROOM", "value", "v", "visibility", "PUBLIC",
                        "location_id", "loc", "configuration_id", "cfg"))));
        published("GET", "/labels/mapping", null);
        published("GET", "/labels/mapping?label_id=" + untyped, null);

        assertThat(new TreeSet<>(validated.keySet())).as("operations of %s whose answers were validated", PUBLISHED)
                .isEqualTo(new TreeSet<>(OPERATIONS.keySet()));
    }

    /**
     * Sends the request and, when the published document describes its operation, checks the answer against it.
     * Writes it does not describe (label and mapping creates) only prepare data.
     */
    private Response published(String method, String pathAndQuery, Object body) {
        var request = as();
        if (body != null) {
            request.body(body);
        }
        Response response = request.request(method, BASE + pathAndQuery);
        assertThat(response.statusCode()).as("%s %s: %s", method, pathAndQuery, response.asString()).isLessThan(300);
        String path = pathAndQuery.split("\\?")[0];
        OpenApiInteractionValidator validator = OPERATIONS.get(method + " " + path);
        if (validator != null) {
            SimpleResponse.Builder received = SimpleResponse.Builder.status(response.statusCode())
                    .withBody(response.asString());
            response.getHeaders().forEach(header -> received.withHeader(header.getName(), header.getValue()));
            ValidationReport report = validator.validateResponse(BASE + path, Request.Method.valueOf(method), received.build());
            assertThat(report.getMessages()).as("%s %s against %s; answer: %s", method, pathAndQuery, PUBLISHED,
                    response.asString()).isEmpty();
            validated.merge(method + " " + path, 1, Integer::sum);
        }
        return response;
    }
}
