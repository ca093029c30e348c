package io.connectionsapi.web;

import static io.connectionsapi.support.ErrorEnvelope.rejected;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import io.connectionsapi.support.ApiTest;
import io.restassured.RestAssured;
import io.restassured.config.DecoderConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** ETags on every GET, 304 for If-None-Match, and 412 for a write by path whose document changed since it was read. */
class ConditionalRequestsTest extends ApiTest {

    private static final String STRONG = "\"[A-Za-z0-9_-]{22}\"";
    private static final String WEAK = "W/" + STRONG;

    private static Map<String, Object> person(String id, String name) {
        return Map.of("connection_entity_id", id, "connection_entity_type", "PERSON", "connection_entity_data", Map.of("name", name));
    }

    private String connection() {
        return post("/connections", Map.of("connections", List.of(Map.of("strength", 10,
                "connection_from_entity", person("p1", "Ann"), "connection_to_entity", person("p2", "Bob")))))
                .statusCode(200).extract().path("data[0]._id");
    }

    private String etag(String path) {
        return get(path).statusCode(200).extract().header("ETag");
    }

    @Test
    void everyGetAnswersWithAnEtagStrongForOneDocumentWeakForALists() {
        String id = connection();
        String label = post("/labels", Map.of("labels", List.of(Map.of("name", "L")))).statusCode(201)
                .extract().path("data.labels[0]._id");
        String mapping = post("/labels/mapping", Map.of("mappings", List.of(Map.of("label_id", label, "entity_id", "p1"))))
                .statusCode(201).extract().path("data.mappings[0]._id");
        for (String list : List.of("/connections", "/labels", "/labels/mapping", "/entities")) {
            get(list).statusCode(200).header("ETag", matchesPattern(WEAK));
        }
        for (String one : List.of("/connections/" + id, "/labels/" + label, "/labels/mapping/" + mapping, "/entities/p1")) {
            get(one).statusCode(200).header("ETag", matchesPattern(STRONG));
        }
        given().header("x-api-key", ADMIN_KEY).get("/admin/v1/api-keys").then().statusCode(200)
                .header("ETag", matchesPattern(WEAK));
    }

    @Test
    void ifNoneMatchWithTheCurrentEtagIs304WithoutABodyAndAChangeMakesIt200Again() {
        String id = connection();
        String tag = etag("/connections/" + id);
        as().header("If-None-Match", tag).get(BASE + "/connections/" + id).then().statusCode(304)
                .header("ETag", tag).body(emptyString());
        as().header("If-None-Match", "\"other\", " + tag).get(BASE + "/connections/" + id).then().statusCode(304);
        as().header("If-None-Match", "W/" + tag).get(BASE + "/connections/" + id).then().statusCode(304); // weak comparison
        as().header("If-None-Match", "*").get(BASE + "/connections/" + id).then().statusCode(304);

        put("/connections/" + id, Map.of("strength", 11)).statusCode(200);
        String changed = as().header("If-None-Match", tag).get(BASE + "/connections/" + id).then().statusCode(200)
                .body("data.connections[0].strength", equalTo(11)).extract().header("ETag");
        assertThat(changed).isNotEqualTo(tag);
    }

    @Test
    void aListIs304UntilAnyOfItsDocumentsChanges() {
        connection();
        String tag = etag("/connections");
        assertThat(etag("/connections")).isEqualTo(tag);
        as().header("If-None-Match", tag).get(BASE + "/connections").then().statusCode(304).body(emptyString());
        assertThat(etag("/connections?skip=1")).isNotEqualTo(tag); // another page is another answer

        put("/entities/p2", Map.of("connection_entity_type", "PERSON", "connection_entity_data", Map.of("name", "Bobby")))
                .statusCode(200);
        as().header("If-None-Match", tag).get(BASE + "/connections").then().statusCode(200)
                .body("data.connections[0].connection_to_entity.connection_entity_data.name", equalTo("Bobby"));
    }

    @Test
    void aDocumentsEtagFollowsChangesThatLeaveUpdatedAtAlone() {
        String id = connection();
        String tag = etag("/connections/" + id);
        String updatedAt = get("/connections/" + id).extract().path("data.connections[0].updated_at");
        put("/entities/p1", Map.of("connection_entity_type", "PERSON", "connection_entity_data", Map.of("name", "Anna")))
                .statusCode(200);
        as().header("If-None-Match", tag).get(BASE + "/connections/" + id).then().statusCode(200)
                .body("data.connections[0].connection_from_entity.connection_entity_data.name", equalTo("Anna"))
                .body("data.connections[0].updated_at", equalTo(updatedAt));
    }

    @Test
    void largeListsStayCompressedBecauseTheirTagIsWeak() {
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(Map.of("strength", i, "connection_from_entity", person("p" + i, "P" + i), "connection_to_entity", person("t", "T")));
        }
        post("/connections", Map.of("connections", many)).statusCode(200);
        String tag = as().header("Accept-Encoding", "gzip").get(BASE + "/connections?limit=40").then().statusCode(200)
                .header("Content-Encoding", "gzip").header("ETag", matchesPattern(WEAK)).extract().header("ETag");
        as().header("Accept-Encoding", "gzip").header("If-None-Match", tag).get(BASE + "/connections?limit=40").then()
                .statusCode(304);
    }

    @Test
    void aListsEtagIsTheDigestOfTheJsonItSendsBeforeCompressionAndHeadSendsTheSame() throws Exception {
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(Map.of("strength", i, "connection_from_entity", person("p" + i, "P" + i), "connection_to_entity", person("t", "T")));
        }
        post("/connections", Map.of("connections", many)).statusCode(200);
        var plain = as().config(RestAssured.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()))
                .get(BASE + "/connections?limit=40").then().statusCode(200)
                .header("Content-Encoding", org.hamcrest.Matchers.nullValue()).extract();
        assertThat(plain.header("ETag")).isEqualTo(HeldResponseTest.weakDigest(plain.asByteArray()));
        var compressed = as().header("Accept-Encoding", "gzip").get(BASE + "/connections?limit=40").then().statusCode(200)
                .header("Content-Encoding", "gzip").extract(); // decompressed by the client
        assertThat(compressed.asByteArray()).isEqualTo(plain.asByteArray());
        assertThat(compressed.header("ETag")).isEqualTo(plain.header("ETag"));
        as().head(BASE + "/connections?limit=40").then().statusCode(200).header("ETag", plain.header("ETag"))
                .body(emptyString());
        as().header("If-None-Match", plain.header("ETag")).head(BASE + "/connections?limit=40").then().statusCode(304);
    }

    @Test
    void ifMatchWithAStaleEtagIs412AndChangesNothing() {
        String id = connection();
        String read = etag("/connections/" + id);
        put("/connections/" + id, Map.of("strength", 20)).statusCode(200); // someone else's write

        rejected(as().header("If-Match", read).body(Map.of("strength", 30)).put(BASE + "/connections/" + id).then(),
                412, "precondition_failed").body("errors[0].field", equalTo("If-Match"));
        rejected(as().header("If-Match", read).delete(BASE + "/connections/" + id).then(), 412, "precondition_failed");
        get("/connections/" + id).statusCode(200).body("data.connections[0].strength", equalTo(20));
    }

    @Test
    void ifMatchWithTheCurrentEtagWritesAndThePutAnswersWithTheNextOne() {
        String id = connection();
        String read = etag("/connections/" + id);
        String next = as().header("If-Match", read).body(Map.of("strength", 30)).put(BASE + "/connections/" + id).then()
                .statusCode(200).header("ETag", matchesPattern(STRONG)).extract().header("ETag");
        assertThat(next).isNotEqualTo(read).isEqualTo(etag("/connections/" + id));
        as().header("If-Match", next).body(Map.of("strength", 31)).put(BASE + "/connections/" + id).then().statusCode(200);
        as().header("If-Match", "*").body(Map.of("strength", 32)).put(BASE + "/connections/" + id).then().statusCode(200);
        String last = etag("/connections/" + id);
        as().header("If-Match", "\"other\", " + last).delete(BASE + "/connections/" + id).then().statusCode(200);
        rejected(get("/connections/" + id), 404, "not_found");
    }

    @Test
    void aWeakEtagNeverMatchesIfMatch() {
        String id = connection();
        String tag = etag("/connections/" + id);
        rejected(as().header("If-Match", "W/" + tag).body(Map.of("strength", 1)).put(BASE + "/connections/" + id).then(),
                412, "precondition_failed");
        rejected(as().header("If-Match", etag("/connections")).get(BASE + "/connections").then(), 412, "precondition_failed");
        as().header("If-Match", tag).get(BASE + "/connections/" + id).then().statusCode(200);
    }

    @Test
    void preconditionsOnAnUnknownDocumentLeaveThe404() {
        rejected(as().header("If-Match", "*").body(Map.of("strength", 1)).put(BASE + "/connections/nope").then(), 404, "not_found");
        rejected(as().header("If-Match", "\"x\"").delete(BASE + "/labels/nope").then(), 404, "not_found");
    }

    @Test
    void ifNoneMatchStarMakesAnEntityPutCreateOnly() {
        put("/entities/room-9", Map.of("connection_entity_type", "ROOM")).statusCode(200);
        rejected(as().header("If-None-Match", "*").body(Map.of("connection_entity_type", "ROOM", "connection_entity_data",
                Map.of("name", "changed"))).put(BASE + "/entities/room-9").then(), 412, "precondition_failed")
                .body("errors[0].field", equalTo("If-None-Match"));
        as().header("If-None-Match", "*").body(Map.of("connection_entity_type", "ROOM")).put(BASE + "/entities/room-10")
                .then().statusCode(200);
        rejected(as().header("If-Match", "*").body(Map.of("connection_entity_type", "ROOM")).put(BASE + "/entities/room-11").then(),
                412, "precondition_failed");
        rejected(get("/entities/room-11"), 404, "not_found");
        get("/entities/room-9").body("data.entities[0].connection_entity_data", equalTo(Map.of()));
    }

    @Test
    void batchWritesRefuseConditionalHeadersRatherThanIgnoreThem() {
        String id = connection();
        String tag = etag("/connections/" + id);
        rejected(as().header("If-Match", tag).body(Map.of("connections", List.of(Map.of("connection_id", id, "strength", 5))))
                .put(BASE + "/connections").then(), 400, "validation_failed").body("errors[0].field", equalTo("If-Match"));
        rejected(as().header("If-None-Match", "*").body(Map.of("labels", List.of(Map.of("name", "x"))))
                .post(BASE + "/labels").then(), 400, "validation_failed").body("errors[0].field", equalTo("If-None-Match"));
        get("/connections/" + id).body("data.connections[0].strength", equalTo(10));
        get("/labels").body("data.labels", org.hamcrest.Matchers.hasSize(0));
    }

    @Test
    void malformedConditionalHeadersAre400() {
        for (String bad : List.of("abc", "\"open", "*, \"a\"", "")) {
            rejected(as().header("If-None-Match", bad).get(BASE + "/connections").then(), 400, "validation_failed")
                    .body("errors[0].field", equalTo("If-None-Match"));
        }
    }

    @Test
    void a304NeedsTheKeyLikeA200() {
        String id = connection();
        String tag = etag("/connections/" + id);
        rejected(given().header("If-None-Match", tag).get(BASE + "/connections/" + id).then(), 401, "unauthorized");
        rejected(as(newKey("other-" + tenant, "read")).header("If-None-Match", tag).get(BASE + "/connections/" + id).then(),
                404, "not_found");
    }

    @Test
    void ofTwoWritesRacingWithTheSameEtagOneWinsAndTheOtherIs412() throws Exception {
        String id = connection();
        String tag = etag("/connections/" + id);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int strength : new int[] {21, 22}) {
                Callable<Integer> write = () -> {
                    start.await();
                    return as().header("If-Match", tag).body(Map.of("strength", strength)).put(BASE + "/connections/" + id)
                            .then().extract().statusCode();
                };
                answers.add(pool.submit(write));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 412);
        } finally {
            pool.shutdownNow();
        }
        get("/connections/" + id).body("data.connections[0].strength", not(equalTo(10)));
    }
}
