package io.connectionsapi.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import io.connectionsapi.support.ApiTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** What an operator sees: request IDs, one access-log line per request, metrics and build info. */
@ExtendWith(OutputCaptureExtension.class)
class OperatorViewTest extends ApiTest {

    @Test
    void everyRequestHasAnIdThatIsEchoedLoggedAndQuotedInErrors(CapturedOutput output) {
        String generated = as().get(BASE + "/connections").then().statusCode(200)
                .header(RequestLog.HEADER, matchesPattern("[0-9a-f-]{36}")).extract().header(RequestLog.HEADER);
        as().header(RequestLog.HEADER, "client-chosen-42").get(BASE + "/connections?limit=0").then().statusCode(400)
                .header(RequestLog.HEADER, "client-chosen-42")
                .body("request_id", equalTo("client-chosen-42"));
        as().header(RequestLog.HEADER, "bad id with spaces").get(BASE + "/connections").then()
                .header(RequestLog.HEADER, matchesPattern("[0-9a-f-]{36}"));

        assertThat(output.getOut()).containsPattern("\\[" + generated + "\\].*GET /connections/v1/connections 200 \\d+ms tenant="
                + tenant + " key=key_")
                .contains("GET /connections/v1/connections 400")
                .doesNotContain(key);
    }

    @Test
    void anUnauthenticatedRequestIsLoggedWithoutAnyKey(CapturedOutput output) {
        given().header("x-api-key", "not-a-real-key-123").get(BASE + "/labels").then().statusCode(401)
                .body("request_id", notNullValue());
        assertThat(output.getOut()).contains("GET /connections/v1/labels 401").contains("tenant=- key=-")
                .doesNotContain("not-a-real-key-123");
    }

    @Test
    void prometheusShowsRequestLatencyMongoDbAndDocumentCounters() {
        post("/connections", Map.of("connections", List.of(Map.of("strength", 1,
                "connection_from_entity", Map.of("connection_entity_id", "a", "connection_entity_type", "TEAM"),
                "connection_to_entity", Map.of("connection_entity_id", "b", "connection_entity_type", "ROOM")))))
                .statusCode(200);
        get("/connections").statusCode(200);

        String metrics = given().get("/actuator/prometheus").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .containsPattern("http_server_requests_seconds_bucket\\{.*status=\"200\".*uri=\"/connections/v1/connections\"")
                .contains("mongodb_driver_commands_seconds")
                .contains("mongodb_driver_pool_size")
                .containsPattern("connections_api_documents_total\\{operation=\"created\",resource=\"connections\"\\} [1-9]");
    }

    @Test
    void answersAreNeitherSniffedNorCachedAndCarryNoServerBanner() {
        var answer = as().header("Origin", "https://evil.example").get(BASE + "/connections").then().statusCode(200).extract();
        assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
        assertThat(answer.header("Server")).isNull();
        assertThat(answer.header("Access-Control-Allow-Origin")).isNull();
        given().get("/nope").then().statusCode(404).header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void onlyHealthInfoAndPrometheusOfTheActuatorAreExposed() {
        for (String hidden : List.of("env", "beans", "configprops", "heapdump", "threaddump", "loggers", "mappings", "shutdown")) {
            given().get("/actuator/" + hidden).then().statusCode(404).body("identifier", equalTo("not_found"));
        }
        given().get("/actuator").then().statusCode(200)
                .body("_links.keySet()", org.hamcrest.Matchers.containsInAnyOrder("self", "health", "health-path", "info", "prometheus"));
    }

    @Test
    void infoShowsTheVersionAndTheCommit() {
        given().get("/actuator/info").then().statusCode(200)
                .body("build.version", equalTo("0.1.0-SNAPSHOT"))
                .body("git.commit.id", notNullValue());
    }
}
