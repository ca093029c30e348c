package io.connectionsapi.web;

import static io.connectionsapi.support.ErrorEnvelope.top;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.connectionsapi.support.ApiTest;
import io.connectionsapi.support.CommandGuard;
import io.connectionsapi.support.ErrorEnvelope;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} on the writes under {@code /connections/v1}, with Stripe's semantics: the same key with
 * the same request replays the first success ({@code Idempotent-Replayed: true}) and changes nothing; with another
 * request it is a 409 {@code idempotency_key_reused}; while the first is running a 409 {@code request_in_progress};
 * keys belong to the tenant; failures are not remembered; a remembered answer is not replayed once it has expired.
 */
class IdempotencyTest extends ApiTest {

    private static final String KEY = "Idempotency-Key";
    private static final String REPLAYED = "Idempotent-Replayed";
    private static final JsonMapper JSON = new JsonMapper();

    @Autowired
    MongoDatabase database;

    // ---------------------------------------------------------------------------------------------------------
    // replay
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void aRepeatedPostReplaysTheFirstAnswerByteForByteAndCreatesNothingMore() {
        String body = connections(2, "a");

        Response first = send("POST", "/connections", body, "create-1");
        assertThat(first.statusCode()).as(first.asString()).isEqualTo(200);
        assertThat(first.getHeader(REPLAYED)).as("header on a first answer").isNull();
        List<String> ids = first.path("data._id");
        assertThat(ids).hasSize(2);

        for (int attempt = 0; attempt < 2; attempt++) {
            Response again = send("POST", "/connections", body, "create-1");
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.getHeader(REPLAYED)).isEqualTo("true");
            assertThat(again.asByteArray()).as("replayed body").isEqualTo(first.asByteArray());
            assertThat(again.contentType()).isEqualTo(first.contentType());
        }

        List<String> stored = get("/connections?limit=100").statusCode(200).extract().path("data.connections._id");
        assertThat(stored).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(records(tenant, "create-1")).hasSize(1);
    }

    @Test
    void aRepeatedPutReplaysTheFirstAnswerAndDoesNotRunAgain() {
        String id = send("POST", "/connections", connections(1, "p"), null).then().statusCode(200).extract().path("data[0]._id");
        String body = json(Map.of("connections", List.of(Map.of("connection_id", id, "strength", 20))));

        Response first = send("PUT", "/connections", body, "update-1");
        assertThat(first.statusCode()).as(first.asString()).isEqualTo(200);
        assertThat(first.getHeader(REPLAYED)).isNull();
        assertThat((Integer) first.path("data[0].strength")).isEqualTo(20);
        // changed since by another request: a replay must not run the first one again
        put("/connections", Map.of("connections", List.of(Map.of("connection_id", id, "strength", 30)))).statusCode(200);

        Response again = send("PUT", "/connections", body, "update-1");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.getHeader(REPLAYED)).isEqualTo("true");
        assertThat(again.asByteArray()).as("replayed body").isEqualTo(first.asByteArray());

        get("/connections?connection_id=" + id).statusCode(200)
                .body("data.connections[0].strength", equalTo(30));
    }

    @Test
    void aRepeatedDeleteReplaysTheFirst200InsteadOfA404() {
        List<String> ids = send("POST", "/connections", connections(2, "d"), null).then().statusCode(200).extract().path("data._id");
        String body = json(Map.of("connections", List.of(Map.of("connection_id", ids.get(0)))));

        Response first = send("DELETE", "/connections", body, "delete-1");
        assertThat(first.statusCode()).as(first.asString()).isEqualTo(200);
        assertThat(first.getHeader(REPLAYED)).isNull();
        assertThat((String) first.path("data.connections[0].connection_id")).isEqualTo(ids.get(0));

        Response again = send("DELETE", "/connections", body, "delete-1");
        assertThat(again.statusCode()).as(again.asString()).isEqualTo(200);
        assertThat(again.getHeader(REPLAYED)).isEqualTo("true");
        assertThat(again.asByteArray()).as("replayed body").isEqualTo(first.asByteArray());

        // without the key, the same request runs again and finds nothing to delete
        Response unkeyed = send("DELETE", "/connections", body, null);
        ErrorEnvelope.rejected(unkeyed.then(), 404, "not_found");
        List<String> left = get("/connections").statusCode(200).extract().path("data.connections._id");
        assertThat(left).containsExactly(ids.get(1));
    }

    @Test
    void theKeyCoversOtherWritesUnderConnectionsV1Too() {
        String body = json(Map.of("labels", List.of(Map.of("name", "Quiet zone", "type", "category"))));

        Response first = send("POST", "/labels", body, "label-1");
        assertThat(first.statusCode()).as(first.asString()).isEqualTo(201);
        Response again = send("POST", "/labels", body, "label-1");
        assertThat(again.statusCode()).as("a replay, not a 409 name taken: " + again.asString()).isEqualTo(201);
        assertThat(again.getHeader(REPLAYED)).isEqualTo("true");
        assertThat(again.asByteArray()).isEqualTo(first.asByteArray());
        get("/labels").statusCode(200).body("data.labels", hasSize(1));
    }

    // ---------------------------------------------------------------------------------------------------------
    // reuse, tenants, failures
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void theSameKeyWithAnotherRequestIs409AndWritesNothing() {
        Response first = send("POST", "/connections", connections(1, "first"), "reused");
        assertThat(first.statusCode()).isEqualTo(200);
        String firstId = first.path("data[0]._id");

        // another body, another method and path, another query: each another request
        Response otherBody = send("POST", "/connections", connections(3, "second"), "reused");
        ErrorEnvelope.rejected(otherBody.then(), 409, "idempotency_key_reused");
        assertThat(otherBody.getHeader(REPLAYED)).isNull();
        Response otherPath = send("PUT", "/entities", json(Map.of("entities", List.of(Map.of("connection_entity_id", "new-team",
                "connection_entity_type", "TEAM")))), "reused");
        ErrorEnvelope.rejected(otherPath.then(), 409, "idempotency_key_reused");
        Response otherQuery = as().header(KEY, "reused").body(connections(1, "first")).post(BASE + "/connections?x=1");
        assertThat(otherQuery.statusCode()).as(otherQuery.asString()).isEqualTo(409);
        assertThat((String) otherQuery.path("identifier")).isEqualTo("idempotency_key_reused");

        List<String> stored = get("/connections?limit=100").statusCode(200).extract().path("data.connections._id");
        assertThat(stored).containsExactly(firstId);
        get("/entities?entity_id=new-team").statusCode(200).body("data.entities", hasSize(0));
        // the key still replays its own request
        Response replay = send("POST", "/connections", connections(1, "first"), "reused");
        assertThat(replay.getHeader(REPLAYED)).isEqualTo("true");
        assertThat(replay.asByteArray()).isEqualTo(first.asByteArray());
    }

    @Test
    void keysBelongToTheTenantOfTheApiKey() {
        String body = connections(1, "shared");
        Response mine = send("POST", "/connections", body, "shared-key");
        assertThat(mine.statusCode()).isEqualTo(200);

        String otherTenant = tenant + "-other";
        String otherKey = newKey(otherTenant, "read", "write");
        Response theirs = as(otherKey).header(KEY, "shared-key").body(body).post(BASE + "/connections");
        assertThat(theirs.statusCode()).as(theirs.asString()).isEqualTo(200);
        assertThat(theirs.getHeader(REPLAYED)).as("another tenant's same key runs fresh").isNull();
        assertThat((String) theirs.path("data[0]._id")).isNotEqualTo(mine.path("data[0]._id"));
        // and with another body it is not a reuse either: the keys are not the same key
        Response theirsAgain = as(otherKey).header(KEY, "other-key").body(connections(2, "x")).post(BASE + "/connections");
        assertThat(theirsAgain.statusCode()).isEqualTo(200);

        assertThat(total(key)).isEqualTo(1);
        assertThat(total(otherKey)).isEqualTo(3);
        assertThat(records(tenant, "shared-key")).hasSize(1);
        assertThat(records(otherTenant, "shared-key")).hasSize(1);
    }

    @Test
    void aFailedRequestIsNotRememberedSoTheFixedOneRunsWithTheSameKey() {
        String invalid = json(Map.of("connections", List.of(guideForm("bad", 500))));
        Response refused = send("POST", "/connections", invalid, "fix-me");
        ErrorEnvelope.rejected(refused.then(), 400, "validation_failed");
        assertThat(records(tenant, "fix-me")).isEmpty();
        // sent again as it was, it is refused again (not replayed, not a 409)
        ErrorEnvelope.rejected(send("POST", "/connections", invalid, "fix-me").then(), 400, "validation_failed");

        String fixed = json(Map.of("connections", List.of(guideForm("bad", 50))));
        Response created = send("POST", "/connections", fixed, "fix-me");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(200);
        assertThat(created.getHeader(REPLAYED)).isNull();
        Response replayed = send("POST", "/connections", fixed, "fix-me");
        assertThat(replayed.getHeader(REPLAYED)).isEqualTo("true");
        assertThat(replayed.asByteArray()).isEqualTo(created.asByteArray());
        assertThat(total(key)).isEqualTo(1);
    }

    @Test
    void aMalformedKeyIs400NamingTheHeaderAndWritesNothing() {
        String body = connections(1, "k");
        Map<String, RequestSpecification> cases = new LinkedHashMap<>();
        cases.put("empty", as().header(KEY, ""));
        cases.put("256 characters", as().header(KEY, "k".repeat(256)));
        cases.put("a space", as().header(KEY, "two words"));
        cases.put("a tab", as().header(KEY, "tab\tbed"));
        cases.put("sent twice", as().header(KEY, "one").header(KEY, "two"));
        cases.put("sent twice, same value", as().header(KEY, "same").header(KEY, "same"));
        cases.forEach((name, request) -> {
            Response refused = request.body(body).post(BASE + "/connections");
            assertThat(refused.statusCode()).as(name + ": " + refused.asString()).isEqualTo(400);
            ErrorEnvelope.names(ErrorEnvelope.rejected(refused.then(), 400, "validation_failed"), List.of(top(KEY)));
        });
        assertThat(total(key)).isZero();

        // the longest key, of every printable character but the space, is fine
        StringBuilder printable = new StringBuilder();
        for (char c = '!'; c <= '~'; c++) {
            printable.append(c);
        }
        String longest = (printable.toString() + printable + printable).substring(0, 255);
        Response created = send("POST", "/connections", body, longest);
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(200);
        assertThat(send("POST", "/connections", body, longest).getHeader(REPLAYED)).isEqualTo("true");
        assertThat(total(key)).isEqualTo(1);
    }

    @Test
    void readsAndTheAdminApiIgnoreTheKey() {
        as().header(KEY, "not a valid key").get(BASE + "/connections").then().statusCode(200);

        Map<String, Object> request = Map.of("tenant_id", tenant, "name", "twice", "scopes", List.of("read"));
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Response created = given().header("x-api-key", ADMIN_KEY).header(KEY, "admin-key").contentType(ContentType.JSON)
                    .body(request).post("/admin/v1/api-keys");
            assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
            assertThat(created.getHeader(REPLAYED)).isNull();
            secrets.add(created.path("data.api_key"));
        }
        assertThat(secrets.get(0)).isNotEqualTo(secrets.get(1));
        assertThat(records(tenant, "admin-key")).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------
    // expiry
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void anExpiredRecordIsNotReplayedAndTheRequestRunsAgain() {
        String body = connections(2, "e");
        Instant before = Instant.now();
        Response first = send("POST", "/connections", body, "expiring");
        assertThat(first.statusCode()).isEqualTo(200);
        List<Document> records = records(tenant, "expiring");
        assertThat(records).hasSize(1);
        Document old = records.get(0);
        // kept for the retention (24 h by default)
        assertThat(old.getDate("expires_at").toInstant())
                .isBetween(before.plus(Duration.ofHours(24)).minusSeconds(60), Instant.now().plus(Duration.ofHours(24)).plusSeconds(60));
        assertThat(old.getDate("created_at").toInstant()).isBetween(before.minusSeconds(60), Instant.now().plusSeconds(60));
        assertThat(old.getString("fingerprint")).isNotBlank();
        assertThat(old.getInteger("status")).isEqualTo(200);

        long expired = CommandGuard.outside(() -> database.getCollection("idempotency_keys").updateOne(
                new Document("tenant_id", tenant).append("key", "expiring"),
                new Document("$set", new Document("expires_at", Date.from(Instant.now().minusSeconds(60))))).getModifiedCount());
        assertThat(expired).isEqualTo(1);

        Response second = send("POST", "/connections", body, "expiring");
        assertThat(second.statusCode()).as(second.asString()).isEqualTo(200);
        assertThat(second.getHeader(REPLAYED)).as("an expired record is not replayed").isNull();
        List<String> firstIds = first.path("data._id");
        List<String> secondIds = second.path("data._id");
        assertThat(secondIds).hasSize(2).doesNotContainAnyElementsOf(firstIds);
        assertThat(total(key)).isEqualTo(4);

        List<Document> now = records(tenant, "expiring");
        assertThat(now).as("records of the key").hasSize(1);
        assertThat(now.get(0).get("_id")).as("the old record is replaced").isNotEqualTo(old.get("_id"));
        assertThat(now.get(0).getDate("expires_at").toInstant()).isAfter(Instant.now().plus(Duration.ofHours(23)));

        Response third = send("POST", "/connections", body, "expiring");
        assertThat(third.getHeader(REPLAYED)).isEqualTo("true");
        assertThat(third.asByteArray()).as("replays the second answer").isEqualTo(second.asByteArray());
        assertThat(total(key)).isEqualTo(4);
    }

    // ---------------------------------------------------------------------------------------------------------
    // concurrency
    // ---------------------------------------------------------------------------------------------------------

    /**
     * Two identical requests with one key sent at once, round after round: one of them runs and the other is either
     * a 409 {@code request_in_progress} (it came while the first was running) or the replay of the first (it came
     * after); exactly one batch is stored each round.
     * <p>
     * The batch is large enough that the requests overlap: on the embedded store a GUIDE-form item costs some
     * milliseconds, so a batch of 200 runs for seconds while the second request arrives within milliseconds. Every
     * round sends the same entities (only the key changes), so that the shared store grows by 200 connections a
     * round and not by 400 entities more, and the tenant's data is removed at the end: later test classes share
     * this store, and its queries scan what it holds.
     */
    @Test
    void twoIdenticalRequestsAtOnceRunOnce() throws Exception {
        int rounds = 10;
        int size = 200;
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        ExecutorService racers = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < rounds; round++) {
                String body = connections(size, "race");
                String idempotencyKey = "race-" + round;
                CountDownLatch start = new CountDownLatch(1);
                List<CompletableFuture<Response>> sent = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    sent.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await();
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                        Response response = send("POST", "/connections", body, idempotencyKey);
                        response.asByteArray(); // the whole body, on this thread
                        return response;
                    }, racers));
                }
                start.countDown();
                Response a = sent.get(0).get(120, TimeUnit.SECONDS);
                Response b = sent.get(1).get(120, TimeUnit.SECONDS);
                String context = "round " + round + ": " + a.statusCode() + " " + a.getHeader(REPLAYED) + " / "
                        + b.statusCode() + " " + b.getHeader(REPLAYED) + " " + (a.statusCode() == 409 ? a.asString() : "")
                        + (b.statusCode() == 409 ? b.asString() : "");

                Response ran = a.statusCode() == 200 && a.getHeader(REPLAYED) == null ? a : b;
                Response other = ran == a ? b : a;
                assertThat(ran.statusCode()).as(context).isEqualTo(200);
                assertThat(ran.getHeader(REPLAYED)).as(context).isNull();
                assertThat((List<?>) ran.path("data")).as(context).hasSize(size);
                if (other.statusCode() == 409) {
                    ErrorEnvelope.rejected(other.then(), 409, "request_in_progress");
                    outcomes.merge("200 + 409 request_in_progress", 1, Integer::sum);
                } else {
                    assertThat(other.statusCode()).as(context).isEqualTo(200);
                    assertThat(other.getHeader(REPLAYED)).as(context).isEqualTo("true");
                    assertThat(other.asByteArray()).as(context).isEqualTo(ran.asByteArray());
                    outcomes.merge("200 + 200 replayed", 1, Integer::sum);
                }
                assertThat(total(key)).as(context + ": connections stored").isEqualTo((round + 1) * size);
                assertThat(records(tenant, idempotencyKey)).as(context + ": records").hasSize(1);
            }
        } finally {
            racers.shutdownNow();
            racers.awaitTermination(10, TimeUnit.SECONDS);
            for (String collection : List.of("connections", "entities", "idempotency_keys")) {
                CommandGuard.outside(() -> database.getCollection(collection).deleteMany(new Document("tenant_id", tenant)));
            }
            System.out.println("IdempotencyTest concurrent outcomes over " + rounds + " rounds: " + outcomes);
        }
        assertThat(outcomes).as("outcomes").containsKey("200 + 409 request_in_progress");
    }

    // ---------------------------------------------------------------------------------------------------------
    // helpers
    // ---------------------------------------------------------------------------------------------------------

    /** A request as this test's tenant, with the key unless it is null; the body is sent as these exact bytes. */
    private Response send(String method, String path, String body, @Nullable String idempotencyKey) {
        RequestSpecification request = as().body(body);
        if (idempotencyKey != null) {
            request = request.header(KEY, idempotencyKey);
        }
        return request.request(method, BASE + path);
    }

    /** A batch of {@code count} GUIDE-form connections between entities named after {@code prefix}. */
    private static String connections(int count, String prefix) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(guideForm(prefix + "-" + i, i % 100));
        }
        return json(Map.of("connections", items));
    }

    private static Map<String, Object> guideForm(String id, int strength) {
        return Map.of("strength", strength,
                "connection_from_entity", Map.of("connection_entity_id", "from-" + id, "connection_entity_type", "PERSON",
                        "connection_entity_data", Map.of("first_name", "P " + id)),
                "connection_to_entity", Map.of("connection_entity_id", "to-" + id, "connection_entity_type", "TEAM",
                        "connection_entity_data", Map.of("name", "T " + id)));
    }

    private static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    /** How many connections the tenant of {@code apiKey} has. */
    private int total(String apiKey) {
        return as(apiKey).noFilters().get(BASE + "/connections?limit=1").then().statusCode(200).extract().path("pagination.total_results");
    }

    /** The records stored for one key of one tenant. */
    private List<Document> records(String tenantId, String idempotencyKey) {
        MongoCollection<Document> records = database.getCollection("idempotency_keys");
        return CommandGuard.outside(() -> records.find(new Document("tenant_id", tenantId).append("key", idempotencyKey))
                .into(new ArrayList<>()));
    }
}
