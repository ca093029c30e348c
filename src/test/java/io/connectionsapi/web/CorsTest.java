package io.connectionsapi.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.connectionsapi.ConnectionsApiApplication;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** CORS is off unless origins are configured (the shared test context configures none: OperatorViewTest). */
class CorsTest {

    @Test
    void configuredOriginsMayCallFromABrowserAndOthersGetNoCorsHeaders(@TempDir Path dir) {
        String key = "cors-test-key-0123456789abcdef";
        try (var app = new SpringApplicationBuilder(ConnectionsApiApplication.class).run("--server.port=0",
                "--connections.store.data-dir=" + dir, "--connections.store.mongodb-uri=",
                "--connections.security.api-key=" + key, "--connections.cors.allowed-origins=https://planner.example")) {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));

            var preflight = given().port(port).header("Origin", "https://planner.example")
                    .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "x-api-key,content-type,if-match")
                    .options("/connections/v1/connections");
            assertThat(preflight.statusCode()).isEqualTo(200);
            assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://planner.example");

            var allowed = given().port(port).header("Origin", "https://planner.example").header("x-api-key", key)
                    .header("Prefer", "count=none").get("/connections/v1/connections");
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://planner.example");
            assertThat(allowed.header("Access-Control-Expose-Headers")).contains("ETag"); // for If-Match from a browser
            assertThat(allowed.header("Access-Control-Expose-Headers")).contains("Preference-Applied");
            assertThat(allowed.header("Preference-Applied")).isEqualTo("count=none");

            var other = given().port(port).header("Origin", "https://evil.example").header("x-api-key", key)
                    .header(RequestLog.HEADER, "cors-refusal-1").get("/connections/v1/connections");
            assertThat(other.statusCode()).isEqualTo(403);
            assertThat(other.jsonPath().getString("identifier")).isEqualTo("forbidden");
            assertThat(other.jsonPath().getString("message")).isEqualTo("This origin may not call the API from a browser.");
            assertThat(other.jsonPath().getString("request_id")).isEqualTo("cors-refusal-1");
            assertThat(other.header("Access-Control-Allow-Origin")).isNull();
        }
    }
}
