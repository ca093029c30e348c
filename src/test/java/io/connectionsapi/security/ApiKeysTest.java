package io.connectionsapi.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.mongodb.client.MongoDatabase;
import io.connectionsapi.support.ApiTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ApiKeysTest extends ApiTest {

    @Autowired
    MongoDatabase database;

    private io.restassured.response.ValidatableResponse createKey(Map<String, Object> body) {
        return given().header("x-api-key", ADMIN_KEY).contentType(ContentType.JSON).body(body).post("/admin/v1/api-keys").then();
    }

    @Test
    void aNewKeyIsShownOnceAndStoredOnlyAsAHash() {
        var created = createKey(Map.of("tenant_id", tenant, "name", "hr sync", "scopes", List.of("read", "write")))
                .statusCode(201)
                .body("identifier", equalTo("create_api_keys_successful"))
                .body("data.tenant_id", equalTo(tenant))
                .body("data.scopes", equalTo(List.of("read", "write")))
                .extract();
        String secret = created.path("data.api_key");
        String keyId = created.path("data.key_id");

        Document stored = database.getCollection("api_keys").find(new Document("_id", keyId)).first();
        assertThat(stored).isNotNull();
        assertThat(stored.toJson()).doesNotContain(secret);
        assertThat(stored.getString("key_hash")).hasSize(64).isNotEqualTo(secret);
        // written by Spring Data's mapping: snake_case names, BSON dates, no _class naming a Java type
        assertThat(stored.keySet()).containsExactlyInAnyOrder("_id", "tenant_id", "name", "scopes", "key_hash", "created_at");
        assertThat(stored.get("created_at")).isInstanceOf(java.util.Date.class);

        given().header("x-api-key", ADMIN_KEY).get("/admin/v1/api-keys").then().statusCode(200)
                .body("data.api_keys.key_id", hasItem(keyId))
                .body(not(org.hamcrest.Matchers.containsString(secret)));
        as(secret).get(BASE + "/connections").then().statusCode(200);
    }

    @Test
    void scopesDecideWhatAKeyMayDo() {
        String reader = newKey(tenant, "read");
        String writer = newKey(tenant, "write");

        as(reader).get(BASE + "/connections").then().statusCode(200);
        as(reader).body(Map.of("entities", List.of(Map.of("connection_entity_id", "x", "connection_entity_type", "TEAM"))))
                .put(BASE + "/entities").then().statusCode(403).body("identifier", equalTo("forbidden"));
        as(writer).get(BASE + "/connections").then().statusCode(403);
        as(writer).body(Map.of("entities", List.of(Map.of("connection_entity_id", "x", "connection_entity_type", "TEAM"))))
                .put(BASE + "/entities").then().statusCode(200);
        as(writer).get("/admin/v1/api-keys").then().statusCode(403);
    }

    @Test
    void aKeyStopsWorkingWhenItExpiresAndShowsWhenItWasLastUsed() throws Exception {
        var created = createKey(Map.of("tenant_id", tenant, "name", "short-lived", "scopes", List.of("read"),
                "expires_at", java.time.Instant.now().plusSeconds(2).toString())).statusCode(201)
                .body("data.expires_at", org.hamcrest.Matchers.notNullValue()).extract();
        String secret = created.path("data.api_key");
        as(secret).get(BASE + "/connections").then().statusCode(200);
        given().header("x-api-key", ADMIN_KEY).get("/admin/v1/api-keys").then()
                .body("data.api_keys.find { it.key_id == '" + created.path("data.key_id") + "' }.last_used_at",
                        org.hamcrest.Matchers.notNullValue());

        Thread.sleep(2_500);
        as(secret).get(BASE + "/connections").then().statusCode(401).body("identifier", equalTo("unauthorized"));
        createKey(Map.of("tenant_id", tenant, "name", "already expired", "scopes", List.of("read"),
                "expires_at", "2020-01-01T00:00:00Z")).statusCode(400).body("errors[0].field", equalTo("expires_at"));
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnce() {
        var created = createKey(Map.of("tenant_id", tenant, "name", "temp", "scopes", List.of("read"))).statusCode(201).extract();
        String secret = created.path("data.api_key");
        as(secret).get(BASE + "/connections").then().statusCode(200);

        given().header("x-api-key", ADMIN_KEY).delete("/admin/v1/api-keys/" + created.path("data.key_id")).then()
                .statusCode(200).body("identifier", equalTo("delete_api_keys_successful"));

        as(secret).get(BASE + "/connections").then().statusCode(401).body("identifier", equalTo("unauthorized"));
        given().header("x-api-key", ADMIN_KEY).delete("/admin/v1/api-keys/" + created.path("data.key_id")).then()
                .statusCode(404);
    }
}
