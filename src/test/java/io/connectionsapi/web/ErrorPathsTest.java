package io.connectionsapi.web;

import static io.connectionsapi.support.ErrorEnvelope.INTERNALS;
import static io.connectionsapi.support.ErrorEnvelope.rejected;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import io.connectionsapi.support.ApiTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests that go wrong before any item is looked at: unknown paths, wrong methods, media types, bodies that
 * are not JSON or too large, and keys that are missing, unknown, revoked or short of a scope. Every one of them
 * gets the contract's error envelope and leaks nothing internal.
 */
class ErrorPathsTest extends ApiTest {

    static final String CONNECTIONS = BASE + "/connections";
    static final String ENTITIES = BASE + "/entities";
    static final String API_KEYS = "/admin/v1/api-keys";
    static final String VALID_BATCH = "{\"connections\":[{\"strength\":1,"
            + "\"connection_from_entity\":{\"connection_entity_id\":\"a\",\"connection_entity_type\":\"TEAM\"},"
            + "\"connection_to_entity\":{\"connection_entity_id\":\"b\",\"connection_entity_type\":\"ROOM\"}}]}";
    /** Just over the 16 MiB body limit, as valid JSON; built once. */
    static final String HUGE_BODY = "{\"connections\":[{\"notes\":\"" + "x".repeat(17 * 1024 * 1024) + "\"}]}";

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** A request sending its Content-Type exactly as given (RestAssured would otherwise append a charset). */
    RequestSpecification exactly(String apiKey) {
        return given().config(RestAssuredConfig.config().encoderConfig(
                EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .header("x-api-key", apiKey);
    }

    // ---------------------------------------------------------------- paths and methods

    @Test
    void anUnknownPathUnderTheApiIs404WithAKeyAnd401Without() {
        rejected(get("/nope"), 404, "not_found");
        rejected(get("/connections/123"), 404, "not_found");
        rejected(as().body("{}").post(BASE + "/nope").then(), 404, "not_found");
        rejected(as().get(BASE).then(), 404, "not_found");
        rejected(as(ADMIN_KEY).get("/admin/v1/nope").then(), 404, "not_found");

        rejected(given().get(BASE + "/nope").then(), 401, "unauthorized");
        rejected(given().get("/admin/v1/nope").then(), 401, "unauthorized");
    }

    @Test
    void anUnknownPathOutsideTheApiIs404WithTheEnvelope() {
        rejected(given().get("/nope").then(), 404, "not_found");
        rejected(given().contentType(ContentType.JSON).body("{}").post("/nope").then(), 404, "not_found");
        rejected(given().get("/connections").then(), 404, "not_found");
        rejected(given().get("/connections/v2/connections").then(), 404, "not_found");
    }

    @Test
    void aWrongMethodIs405WithAnAllowHeader() {
        rejected(as().body("{}").patch(CONNECTIONS).then(), 405, "method_not_allowed")
                .header("Allow", allOf(containsString("GET"), containsString("POST"), containsString("PUT"), containsString("DELETE")));
        rejected(as().body("{}").post(ENTITIES).then(), 405, "method_not_allowed")
                .header("Allow", allOf(containsString("GET"), containsString("PUT"), containsString("DELETE")));
        rejected(as(ADMIN_KEY).body("{}").put(API_KEYS).then(), 405, "method_not_allowed")
                .header("Allow", allOf(containsString("GET"), containsString("POST")));
    }

    // ---------------------------------------------------------------- media types

    @ParameterizedTest(name = "Content-Type: {0}")
    @ValueSource(strings = {"text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/json; charset=ISO-8859-1", "application/json; charset=UTF-16", "application/*", "json"})
    void aBodyThatIsNotDeclaredAsUtf8JsonIs415(String contentType) throws Exception {
        rawRejected(send(HttpRequest.newBuilder(uri(CONNECTIONS)).header("x-api-key", key).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(VALID_BATCH))), 415, "unsupported_media_type");
        get("/connections").statusCode(200).body("pagination.total_results", equalTo(0));
    }

    @Test
    void jsonWithAnExplicitUtf8CharsetIsAccepted() {
        exactly(key).contentType("application/json; charset=utf-8").body(VALID_BATCH).post(CONNECTIONS).then().statusCode(200);
    }

    @Test
    void aBodyWithoutContentTypeIs415() throws Exception {
        rawRejected(send(HttpRequest.newBuilder(uri(CONNECTIONS)).header("x-api-key", key)
                .POST(HttpRequest.BodyPublishers.ofString(VALID_BATCH))), 415, "unsupported_media_type");
        get("/connections").statusCode(200).body("pagination.total_results", equalTo(0));
    }

    @Test
    void answersAreJsonWhateverAcceptAsksFor() {
        as().accept("application/xml").get(CONNECTIONS).then()
                .statusCode(200).contentType(ContentType.JSON).body("success", equalTo(true));
        rejected(as().accept("text/html").get(BASE + "/nope").then(), 404, "not_found");
        rejected(given().accept("application/xml").get(CONNECTIONS).then(), 401, "unauthorized");
        rejected(as().accept("text/html").body("{").post(CONNECTIONS).then(), 400, "validation_failed");
    }

    // ---------------------------------------------------------------- bodies that are not a JSON object

    static Stream<Arguments> malformedBodies() {
        return Stream.of(
                Arguments.of("unclosed object", "{"),
                Arguments.of("unclosed array", "{\"connections\": [}"),
                Arguments.of("trailing garbage", "{} x"),
                Arguments.of("two objects", "{}{}"),
                Arguments.of("trailing comma", "{\"connections\": [],}"),
                Arguments.of("single quotes", "{'connections': []}"),
                Arguments.of("unquoted key", "{connections: []}"),
                Arguments.of("comment", "/* c */ {\"connections\": []}"),
                Arguments.of("bare array", "[]"),
                Arguments.of("bare number", "5"),
                Arguments.of("bare string", "\"connections\""),
                Arguments.of("bare null", "null"),
                Arguments.of("bare true", "true"),
                Arguments.of("only whitespace", "  \n "),
                Arguments.of("duplicate top-level key", "{\"connections\": [], \"connections\": []}"),
                Arguments.of("duplicate key inside an item", "{\"connections\": [{\"strength\": 1, \"strength\": 2}]}"),
                Arguments.of("raw control character in a string", "{\"connections\": [{\"notes\": \"a\u0001b\"}]}"),
                Arguments.of("number with leading zero", "{\"connections\": [{\"strength\": 01}]}"),
                Arguments.of("unterminated string", "{\"connections\": [{\"notes\": \"abc}]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void aBodyThatIsNotAJsonObjectIs400NamingTheBody(String name, String body) {
        rejected(as().body(body).post(CONNECTIONS).then(), 400, "validation_failed")
                .body("errors.field", hasItem("body"));
        get("/connections").statusCode(200).body("pagination.total_results", equalTo(0));
    }

    @Test
    void malformedJsonIs400OnEveryWrite() {
        for (String method : List.of("PUT", "DELETE")) {
            rejected(as().body("{\"connections\": [}").request(method, CONNECTIONS).then(), 400, "validation_failed")
                    .body("errors.field", hasItem("body"));
            rejected(as().body("{\"entities\": [}").request(method, ENTITIES).then(), 400, "validation_failed")
                    .body("errors.field", hasItem("body"));
        }
        rejected(as(ADMIN_KEY).body("{\"tenant_id\": ").post(API_KEYS).then(), 400, "validation_failed")
                .body("errors.field", hasItem("body"));
    }

    @Test
    void anEmptyOrMissingBodyIs400() {
        rejected(as().body("").post(CONNECTIONS).then(), 400, "validation_failed").body("errors.field", hasItem("body"));
        rejected(as().post(CONNECTIONS).then(), 400, "validation_failed").body("errors.field", hasItem("body"));
        rejected(as().delete(CONNECTIONS).then(), 400, "validation_failed").body("errors.field", hasItem("body"));
        rejected(as().put(ENTITIES).then(), 400, "validation_failed").body("errors.field", hasItem("body"));
    }

    static Stream<Arguments> invalidUtf8() {
        return Stream.of(
                Arguments.of("0xFF 0xFE", new byte[] {(byte) 0xFF, (byte) 0xFE}),
                Arguments.of("a truncated two-byte sequence", new byte[] {(byte) 0xC3}),
                Arguments.of("an overlong encoding of '/'", new byte[] {(byte) 0xC0, (byte) 0xAF}),
                Arguments.of("an encoded surrogate", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}));
    }

    /** The body is checked piece by piece (8192 characters); characters and errors across a piece's end count. */
    @Test
    void utf8IsCheckedAcrossTheWholeOfALongBody() {
        String notes = "é€𝄞".repeat(500); // 2-, 3- and 4-byte characters: 2000 characters, 4500 bytes
        String item = "{\"strength\":1,\"notes\":\"" + notes + "\","
                + "\"connection_from_entity\":{\"connection_entity_id\":\"a\",\"connection_entity_type\":\"TEAM\"},"
                + "\"connection_to_entity\":{\"connection_entity_id\":\"b\",\"connection_entity_type\":\"ROOM\"}}";
        String tenItems = String.join(",", java.util.Collections.nCopies(10, item)); // 45,000 bytes: many pieces
        exactly(key).contentType("application/json").body(("{\"connections\":[" + tenItems + "]}").getBytes(StandardCharsets.UTF_8))
                .post(CONNECTIONS).then().statusCode(200).body("data.notes", everyItem(equalTo(notes)));

        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("{\"connections\":[" + tenItems + ",{\"notes\":\"").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}); // an encoded surrogate, 45,000 bytes in
        body.writeBytes("\"}]}".getBytes(StandardCharsets.UTF_8));
        rejected(exactly(key).contentType("application/json").body(body.toByteArray()).post(CONNECTIONS).then(), 400, "validation_failed")
                .body("errors.field", hasItem("body"));
        get("/connections").statusCode(200).body("pagination.total_results", equalTo(10));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidUtf8")
    void invalidUtf8InAJsonStringIs400(String name, byte[] bad) {
        // a valid batch whose one item has notes "x<bad bytes>y"
        String[] around = VALID_BATCH.split("\"strength\":1,", 2);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes((around[0] + "\"strength\":1,\"notes\":\"x").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bad);
        body.writeBytes(("y\"," + around[1]).getBytes(StandardCharsets.UTF_8));

        rejected(exactly(key).contentType("application/json").body(body.toByteArray()).post(CONNECTIONS).then(), 400, "validation_failed")
                .body("errors.field", hasItem("body"));
        get("/connections").statusCode(200).body("pagination.total_results", equalTo(0));
    }

    // ---------------------------------------------------------------- size

    @Test
    void aBodyOver16MiBIs413() {
        rejected(as().body(HUGE_BODY).post(CONNECTIONS).then(), 413, "payload_too_large");
        get("/connections").statusCode(200).body("pagination.total_results", equalTo(0));
    }

    @Test
    void aChunkedBodyOver16MiBIs413() throws Exception {
        byte[] chunk = HUGE_BODY.substring(0, 1024 * 1024).getBytes(StandardCharsets.UTF_8);
        // no Content-Length: the body comes chunked, 17 pieces of 1 MiB
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(CONNECTIONS)).header("x-api-key", key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(Collections.enumeration(
                        Collections.nCopies(17, chunk).stream().map(bytes -> (InputStream) new ByteArrayInputStream(bytes)).toList()))));

        rawRejected(send(request), 413, "payload_too_large");
    }

    // ---------------------------------------------------------------- keys and scopes

    @Test
    void aMissingUnknownBlankOrRepeatedKeyIs401() throws Exception {
        rejected(given().get(CONNECTIONS).then(), 401, "unauthorized");
        rejected(given().contentType(ContentType.JSON).body(VALID_BATCH).post(CONNECTIONS).then(), 401, "unauthorized");
        rejected(given().get(API_KEYS).then(), 401, "unauthorized");
        rejected(given().header("x-api-key", "not-a-key").get(CONNECTIONS).then(), 401, "unauthorized");
        rejected(given().header("x-api-key", "").get(CONNECTIONS).then(), 401, "unauthorized");
        rejected(given().header("x-api-key", "   ").get(CONNECTIONS).then(), 401, "unauthorized");
        // two header lines, each with the valid key (over a socket, so that no client folds them into one)
        rawRejected(overSocket("GET " + CONNECTIONS + " HTTP/1.0", "x-api-key: " + key, "x-api-key: " + key), 401, "unauthorized");
        rejected(given().header("x-api-key", key + "x").get(CONNECTIONS).then(), 401, "unauthorized");
        rejected(given().header("Authorization", "Bearer " + key).get(CONNECTIONS).then(), 401, "unauthorized");
    }

    @Test
    void theKeyIsCheckedBeforeTheBody() {
        rejected(given().contentType(ContentType.JSON).body("{").post(CONNECTIONS).then(), 401, "unauthorized");
        rejected(given().contentType("text/plain").body("x").post(CONNECTIONS).then(), 401, "unauthorized");
    }

    @Test
    void aReadOnlyKeyCanListButNotWrite() {
        String readOnly = newKey(tenant, "read");

        as(readOnly).get(CONNECTIONS).then().statusCode(200);
        as(readOnly).get(ENTITIES).then().statusCode(200);
        rejected(as(readOnly).body(VALID_BATCH).post(CONNECTIONS).then(), 403, "forbidden");
        rejected(as(readOnly).body(VALID_BATCH).put(CONNECTIONS).then(), 403, "forbidden");
        rejected(as(readOnly).body(VALID_BATCH).delete(CONNECTIONS).then(), 403, "forbidden");
        rejected(as(readOnly).body("{\"entities\":[]}").put(ENTITIES).then(), 403, "forbidden");
        rejected(as(readOnly).get(API_KEYS).then(), 403, "forbidden");
        get("/connections").statusCode(200).body("pagination.total_results", equalTo(0));
    }

    @Test
    void aWriteOnlyKeyCanWriteButNotList() {
        String writeOnly = newKey(tenant, "write");

        rejected(as(writeOnly).get(CONNECTIONS).then(), 403, "forbidden");
        rejected(as(writeOnly).get(ENTITIES).then(), 403, "forbidden");
        as(writeOnly).body(VALID_BATCH).post(CONNECTIONS).then().statusCode(200);
    }

    @Test
    void aKeyWithoutAdminScopeCannotManageKeys() {
        String readWrite = newKey(tenant, "read", "write");

        rejected(as(readWrite).get(API_KEYS).then(), 403, "forbidden");
        rejected(as(readWrite).body(Map.of("tenant_id", tenant, "name", "escalate", "scopes", List.of("admin")))
                .post(API_KEYS).then(), 403, "forbidden");
        rejected(as(readWrite).delete(API_KEYS + "/anything").then(), 403, "forbidden");
    }

    @Test
    void aRevokedKeyIs401AtOnce() {
        var created = as(ADMIN_KEY).body(Map.of("tenant_id", tenant, "name", "short-lived", "scopes", List.of("read")))
                .post(API_KEYS).then().statusCode(201).extract();
        String keyId = created.path("data.key_id");
        String secret = created.path("data.api_key");
        as(secret).get(CONNECTIONS).then().statusCode(200);

        as(ADMIN_KEY).delete(API_KEYS + "/" + keyId).then().statusCode(200).body("data.key_id", equalTo(keyId));

        rejected(as(secret).get(CONNECTIONS).then(), 401, "unauthorized");
        rejected(as(ADMIN_KEY).delete(API_KEYS + "/" + keyId).then(), 404, "not_found");
    }

    @Test
    void revokingAnUnknownKeyIs404() {
        rejected(as(ADMIN_KEY).delete(API_KEYS + "/key_does_not_exist").then(), 404, "not_found");
    }

    // ---------------------------------------------------------------- framework-level oddities

    @Test
    void aMalformedPercentEncodingInTheQueryIsA400Envelope() throws Exception {
        rawRejected(overSocket("GET " + CONNECTIONS + "?limit=%zz HTTP/1.0", "x-api-key: " + key), 400, "validation_failed");
    }

    @Test
    void anEncodedSlashInThePathGetsTheEnvelope() {
        ValidatableResponse response = as().urlEncodingEnabled(false).get(CONNECTIONS + "%2Fx").then();
        int status = response.extract().statusCode();
        assertThat(status).isIn(400, 404);
        rejected(response, status, status == 400 ? "validation_failed" : "not_found");
    }

    // ---------------------------------------------------------------- open endpoints

    @Test
    void theApiDocumentNeedsNoKey() {
        given().get("/v3/api-docs").then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("openapi", equalTo("3.0.3"))
                .body("paths", hasKey("/connections/v1/connections"))
                .body("paths", hasKey("/connections/v1/entities"));
    }

    @Test
    void healthNeedsNoKey() {
        given().get("/actuator/health").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/actuator/health/liveness").then().statusCode(200).body("status", notNullValue());
        given().get("/actuator/health/readiness").then().statusCode(200).body("status", notNullValue());
    }

    // ---------------------------------------------------------------- raw exchanges

    private static URI uri(String path) {
        return URI.create("http://localhost:" + RestAssured.port + path);
    }

    /** A response read without RestAssured. */
    record Raw(int status, String contentType, String body) {
    }

    private static Raw send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        return new Raw(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    /** An HTTP/1.0 exchange over a plain socket, for request lines no HTTP client would send. */
    private static Raw overSocket(String requestLine, String... headers) throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            String request = requestLine + "\r\nHost: localhost\r\n" + String.join("", Stream.of(headers).map(h -> h + "\r\n").toList()) + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String head = response.substring(0, response.indexOf("\r\n\r\n"));
            String contentType = head.lines().filter(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:"))
                    .map(line -> line.substring("content-type:".length()).strip()).findFirst().orElse("");
            return new Raw(Integer.parseInt(head.split(" ")[1]), contentType, response.substring(head.length() + 4));
        }
    }

    /** The envelope checks of {@link BadInputTest#rejected}, for an exchange made without RestAssured. */
    // ---------------------------------------------------------------- request IDs

    /**
     * Each way an error is answered, told apart by what only it says: the envelope quotes the request's ID, the
     * one the X-Request-Id header carries (CORS refusals: {@link CorsTest}).
     */
    @Test
    void everyErrorPathQuotesTheRequestId() throws Exception {
        // the controller advice
        quotesTheRequestId(as().header(RequestLog.HEADER, "advice-1").get(BASE + "/nope").then(), "advice-1", 404,
                "There is no resource at " + BASE + "/nope.");
        // the key check, a filter
        quotesTheRequestId(given().header(RequestLog.HEADER, "key-check-1").get(CONNECTIONS).then(), "key-check-1", 401,
                "This request needs an API key in the x-api-key header.");
        // the unit of work, a filter
        quotesTheRequestId(as().header(RequestLog.HEADER, "unit-1").header(UnitOfWorkFilter.KEY_HEADER, "has spaces")
                .body(VALID_BATCH).post(CONNECTIONS).then(), "unit-1", 400,
                UnitOfWorkFilter.KEY_HEADER + " must be 1 to 255 printable ASCII characters without spaces.");
        // the error page, where the container sends what failed outside the handlers
        quotesTheRequestId(given().header(RequestLog.HEADER, "error-page-1").get("/error").then(), "error-page-1", 500,
                "Something went wrong on our side; the failure was logged.");
        // Tomcat's error valve, for a request refused before any filter ran
        ValidatableResponse valve = given().header(RequestLog.HEADER, "valve-1").urlEncodingEnabled(false)
                .get(CONNECTIONS + "%2Fx").then();
        quotesTheRequestId(valve, "valve-1", valve.extract().statusCode(),
                "The request was rejected (" + valve.extract().path("identifier") + "): check its path, query and headers.");
        // and an ID is made for a request without one
        String made = given().urlEncodingEnabled(false).get(CONNECTIONS + "%2Fx").then().extract().header(RequestLog.HEADER);
        assertThat(made).matches("[0-9a-f-]{36}");
    }

    private static void quotesTheRequestId(ValidatableResponse response, String requestId, int status, String message) {
        response.statusCode(status).header(RequestLog.HEADER, requestId)
                .body("request_id", equalTo(requestId)).body("message", equalTo(message));
    }

    private static void rawRejected(Raw response, int status, String identifier) {
        assertThat(response.status()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.contentType()).as("content type of %s", response.body()).startsWith("application/json");
        JsonPath body = JsonPath.from(response.body());
        assertThat(body.getBoolean("success")).isFalse();
        assertThat(body.getString("identifier")).isEqualTo(identifier);
        assertThat(body.getString("message")).isNotBlank();
        assertThat(body.getList("errors")).isNotNull();
        for (String internal : INTERNALS) {
            assertThat(response.body()).as("response body leaks internals (%s)", internal).doesNotContain(internal);
        }
    }
}
