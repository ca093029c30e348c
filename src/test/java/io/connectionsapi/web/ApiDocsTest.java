package io.connectionsapi.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.connectionsapi.support.ApiTest;
import io.connectionsapi.support.OpenApiValidation;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The document clients read is the reviewed one in openapi/, and the operator endpoints need no key. */
class ApiDocsTest extends ApiTest {

    @Test
    void theServedDocumentIsTheOneInTheOpenapiFolder() throws Exception {
        JsonNode file = new YAMLMapper().readTree(Files.readString(OpenApiValidation.DOCUMENT));
        String served = given().get("/v3/api-docs").then().statusCode(200).contentType("application/json").extract().asString();

        assertThat(new JsonMapper().readTree(served)).isEqualTo(file);
        given().get("/v3/api-docs.yaml").then().statusCode(200)
                .body(equalTo(Files.readString(OpenApiValidation.DOCUMENT)));
    }

    @Test
    void swaggerUiLoadsTheServedDocumentWithTheApiKeyScheme() {
        given().redirects().follow(false).get("/swagger-ui.html").then().statusCode(302)
                .header("Location", containsString("/swagger-ui/index.html"));
        given().get("/swagger-ui/index.html").then().statusCode(200).body(containsString("Swagger UI"));
        given().get("/v3/swagger-ui-support/swagger-config").then().statusCode(200).body("url", equalTo("/v3/api-docs"));
        given().get("/v3/api-docs").then()
                .body("components.securitySchemes.ApiKeyAuth.name", equalTo("x-api-key"))
                .body("components.securitySchemes.ApiKeyAuth.in", equalTo("header"));
    }

    @Test
    void theRootNeedsNoKeyAndPointsToSwaggerUiTheDocumentAndHealth() {
        var root = given().get("/").then().statusCode(200).contentType("application/json")
                .body("name", equalTo("connections-api"))
                .body("swagger_ui", equalTo("/swagger-ui.html"))
                .body("openapi", equalTo("/v3/api-docs"))
                .body("health", equalTo("/actuator/health"))
                .extract();
        // every link it gives works without a key
        given().redirects().follow(false).get(root.<String>path("swagger_ui")).then().statusCode(302);
        given().get(root.<String>path("openapi")).then().statusCode(200).body("openapi", startsWith("3."));
        given().get(root.<String>path("health")).then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void healthAndItsProbesNeedNoKey() {
        given().get("/actuator/health").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/actuator/health/liveness").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/actuator/health/readiness").then().statusCode(200).body("status", equalTo("UP"));
    }
}
