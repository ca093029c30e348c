package io.connectionsapi.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import io.connectionsapi.support.ApiTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What an operator sees: request IDs, one access-log line per request, metrics and build info. */
class OperatorViewTest extends ApiTest {

    private final ByteArrayOutputStream accessLog = new ByteArrayOutputStream();
    private final Logger access = (Logger) LoggerFactory.getLogger("access");
    private final OutputStreamAppender<ILoggingEvent> capture = new OutputStreamAppender<>();
    private @Nullable Level accessLevel;

    /**
     * The access log as the console prints it, in the console's pattern: the tests' logging keeps it off the
     * console (logback-test.xml), and so does this capture.
     */
    @BeforeEach
    @SuppressWarnings("unchecked")
    void captureAccessLog() {
        LoggerContext context = access.getLoggerContext();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        var console = (OutputStreamAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE");
        encoder.setPattern(((PatternLayoutEncoder) console.getEncoder()).getPattern());
        encoder.start();
        capture.setContext(context);
        capture.setEncoder(encoder);
        capture.setOutputStream(accessLog);
        capture.start();
        accessLevel = access.getLevel();
        access.setAdditive(false);
        access.addAppender(capture);
        access.setLevel(Level.INFO);
    }

    @AfterEach
    void accessLogAsBefore() {
        access.setLevel(accessLevel);
        access.detachAppender(capture);
        access.setAdditive(true);
        capture.stop();
    }

    private String accessLog() {
        return accessLog.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyRequestHasAnIdThatIsEchoedLoggedAndQuotedInErrors() {
        String generated = as().get(BASE + "/connections").then().statusCode(200)
                .header(RequestLog.HEADER, matchesPattern("[0-9a-f-]{36}")).extract().header(RequestLog.HEADER);
        as().header(RequestLog.HEADER, "client-chosen-42").get(BASE + "/connections?limit=0").then().statusCode(400)
                .header(RequestLog.HEADER, "client-chosen-42")
                .body("request_id", equalTo("client-chosen-42"));
        as().header(RequestLog.HEADER, "bad id with spaces").get(BASE + "/connections").then()
                .header(RequestLog.HEADER, matchesPattern("[0-9a-f-]{36}"));

        assertThat(accessLog()).containsPattern("\\[" + generated + "\\].*GET /connections/v1/connections 200 \\d+ms tenant="
                + tenant + " key=key_")
                .contains("GET /connections/v1/connections 400")
                .doesNotContain(key);
    }

    @Test
    void anUnauthenticatedRequestIsLoggedWithoutAnyKey() {
        given().header("x-api-key", "not-a-real-key-123").get(BASE + "/labels").then().statusCode(401)
                .body("request_id", notNullValue());
        assertThat(accessLog()).contains("GET /connections/v1/labels 401").contains("tenant=- key=-")
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
