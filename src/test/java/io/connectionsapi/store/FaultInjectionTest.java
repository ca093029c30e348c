package io.connectionsapi.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import io.connectionsapi.support.ApiTest;
import io.connectionsapi.support.ErrorEnvelope;
import io.connectionsapi.support.ExpectedLogs;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.bson.Document;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a client sees when the store fails under a request the way a MongoDB deployment does (an election, a node
 * shutting down, a write concern not met, a time limit, a dropped connection, too many requests): a 503
 * {@code service_unavailable} with {@code Retry-After}, and nothing of the request kept. The faults come from
 * MongoDB's own {@code failCommand} fail point, which mongod has with {@code enableTestCommands} (the test
 * container sets it) and the embedded store with {@code connections.store.embedded-test-commands}; against a
 * MongoDB without it, these tests are skipped with that reason.
 */
class FaultInjectionTest extends ApiTest {

    private static final int NOT_WRITABLE_PRIMARY = 10107;
    private static final int INTERRUPTED_AT_SHUTDOWN = 11600;
    private static final int WRITE_CONCERN_FAILED = 64;
    private static final int MAX_TIME_MS_EXPIRED = 50;

    @Autowired
    MongoClient client;

    @Autowired
    StoreGate gate;

    @BeforeEach
    void failPointAvailable() {
        try {
            failPoint(new Document("configureFailPoint", "failCommand").append("mode", "off"));
        } catch (MongoCommandException e) {
            Assumptions.abort("this MongoDB has no failCommand fail point (start mongod with --setParameter"
                    + " enableTestCommands=1): " + e.getErrorMessage());
        }
    }

    @Test
    void aBatchWhoseConnectionsCannotBeInsertedKeepsNoneOfTheEntitiesItBrought() {
        ValidatableResponse answer = failing("insert", NOT_WRITABLE_PRIMARY, "alwaysOn", () -> post("/connections",
                Map.of("connections", List.of(guide("p1", "t1"), guide("p2", "t1"), guide("p3", "t2")))));

        unavailable(answer);
        get("/connections").body("pagination.total_results", equalTo(0));
        get("/entities").body("pagination.total_results", equalTo(0));
    }

    @Test
    void anEntityChangeThatFailsHalfWayLeavesTheDirectoryAndTheConnectionsAsTheyWere() {
        post("/connections", Map.of("connections", List.of(guide("p1", "t1")))).statusCode(200);

        // the directory's own update goes through, the refresh of the connections showing it fails
        ValidatableResponse answer = failing("update", INTERRUPTED_AT_SHUTDOWN, new Document("skip", 1), () -> put("/entities",
                Map.of("entities", List.of(Map.of("connection_entity_id", "p1", "connection_entity_type", "PERSON",
                        "connection_entity_data", Map.of("name", "Renamed"))))));

        unavailable(answer);
        get("/entities?entity_id=p1").body("data.entities[0].connection_entity_data.name", equalTo("p1"));
        get("/connections?entity_id=p1")
                .body("data.connections[0].connection_from_entity.connection_entity_data.name", equalTo("p1"));
    }

    @Test
    void aLabelCascadeWhoseWriteConcernFailsKeepsTheLabelItsMappingsAndConnections() {
        String label = post("/labels", Map.of("labels", List.of(Map.of("name", "Team A")))).statusCode(201)
                .extract().path("data.labels[0]._id");
        put("/entities", Map.of("entities", List.of(Map.of("connection_entity_id", "p1", "connection_entity_type", "PERSON"))))
                .statusCode(200);
        post("/labels/mapping", Map.of("mappings", List.of(Map.of("label_id", label, "entity_id", "p1")))).statusCode(201);
        post("/connections", Map.of("connections", List.of(Map.of("connection_from_entity_id", "p1",
                "connection_to_entity_id", label, "strength", 5)))).statusCode(200);

        ValidatableResponse answer = failing("delete", WRITE_CONCERN_FAILED, new Document("skip", 1),
                () -> delete("/labels", Map.of("labels", List.of(Map.of("label_id", label)))));

        unavailable(answer);
        get("/labels?label_id=" + label).body("data.labels", hasSize(1));
        get("/labels/mapping?label_id=" + label).body("data.label_mappings", hasSize(1));
        get("/connections?entity_id=" + label).body("data.connections", hasSize(1));
    }

    @Test
    void aReadDuringAnElectionOrPastItsTimeLimitIs503() {
        unavailable(failing("find", NOT_WRITABLE_PRIMARY, "alwaysOn", () -> get("/labels")));
        unavailable(failing("find", MAX_TIME_MS_EXPIRED, "alwaysOn", () -> get("/entities")));
        get("/labels").statusCode(200);
    }

    @Test
    void aConnectionDroppedMidRequestIs503AndKeepsNothing() {
        ValidatableResponse answer = failing("insert", 0, "alwaysOn", true,
                () -> post("/connections", Map.of("connections", List.of(guide("p1", "t1")))));

        unavailable(answer);
        get("/connections").body("pagination.total_results", equalTo(0));
        get("/entities").body("pagination.total_results", equalTo(0));
    }

    @Test
    void whenTooManyRequestsWaitOnTheStoreTheNextIs503AtOnceAndLaterRunsNormally() throws Exception {
        List<Boolean> held = new ArrayList<>();
        try {
            while (gate.enter()) { // takes every slot; the last attempt waits the queue time and gives up
                held.add(true);
            }
            unavailable(ExpectedLogs.during(() -> post("/connections", Map.of("connections", List.of(guide("p1", "t1"))))));
        } finally {
            held.forEach(slot -> gate.leave());
        }
        assertThat(held).as("slots taken").hasSize(100);
        get("/connections").body("pagination.total_results", equalTo(0));
        post("/connections", Map.of("connections", List.of(guide("p1", "t1")))).statusCode(200);
    }

    private static void unavailable(ValidatableResponse answer) {
        ErrorEnvelope.rejected(answer, 503, "service_unavailable").header("Retry-After", "2");
    }

    private ValidatableResponse failing(String command, int code, Object mode, Supplier<ValidatableResponse> request) {
        return failing(command, code, mode, false, request);
    }

    /** Sends {@code request} while {@code command} fails as configured, and switches the fail point off after. */
    private ValidatableResponse failing(String command, int code, Object mode, boolean closeConnection,
            Supplier<ValidatableResponse> request) {
        Document data = new Document("failCommands", List.of(command));
        if (closeConnection) {
            data.append("closeConnection", true);
        } else {
            data.append("errorCode", code);
        }
        failPoint(new Document("configureFailPoint", "failCommand").append("mode", mode).append("data", data));
        try {
            // the server logs each failure, and the embedded store the failed command, as they should: not news here
            return ExpectedLogs.during(request::get);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            failPoint(new Document("configureFailPoint", "failCommand").append("mode", "off"));
        }
    }

    private void failPoint(Document command) {
        client.getDatabase("admin").runCommand(command);
    }

    private static Map<String, Object> guide(String person, String team) {
        return Map.of("strength", 5,
                "connection_from_entity", Map.of("connection_entity_id", person, "connection_entity_type", "PERSON",
                        "connection_entity_data", Map.of("name", person)),
                "connection_to_entity", Map.of("connection_entity_id", team, "connection_entity_type", "TEAM",
                        "connection_entity_data", Map.of("name", team)));
    }
}
