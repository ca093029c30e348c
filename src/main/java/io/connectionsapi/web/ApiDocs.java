package io.connectionsapi.web;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Serves the hand-written OpenAPI document from {@code openapi/} (the one the tests validate every exchange
 * against) instead of one generated from the code, so that what clients read is what was reviewed; and, at
 * {@code /}, where to find it, Swagger UI and the health check, for whoever opens the server's address.
 */
@RestController
class ApiDocs {

    static final String LOCATION = "openapi/connections-api.yaml";

    private final byte[] yaml;
    /**
     * Parsed on first request, not at start: its 240 KB of YAML took about half a second of a start on 2 cores, for
     * a document most starts never serve. {@code ApiDocsTest} parses it in every build.
     */
    private final SingletonSupplier<JsonNode> json;

    ApiDocs() throws IOException {
        try (InputStream in = new ClassPathResource(LOCATION).getInputStream()) {
            this.yaml = in.readAllBytes();
        }
        this.json = SingletonSupplier.of(() -> new YAMLMapper().readTree(yaml));
    }

    /** What {@code GET /} answers, without a key: the way in for a person or a script that knows only the address. */
    record FrontDoor(String name, String swaggerUi, String openapi, String health) {
    }

    @GetMapping(path = "/", produces = MediaType.APPLICATION_JSON_VALUE)
    FrontDoor frontDoor() {
        return new FrontDoor("connections-api", "/swagger-ui.html", "/v3/api-docs", "/actuator/health");
    }

    @GetMapping(path = "/v3/api-docs", produces = MediaType.APPLICATION_JSON_VALUE)
    JsonNode json() {
        return json.obtain();
    }

    @GetMapping(path = "/v3/api-docs.yaml", produces = "application/yaml")
    byte[] yaml() {
        return yaml;
    }
}
