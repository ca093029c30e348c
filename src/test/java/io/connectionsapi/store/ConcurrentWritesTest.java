package io.connectionsapi.store;

import static io.connectionsapi.support.ErrorEnvelope.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.connectionsapi.support.ApiTest;
import io.connectionsapi.support.ErrorEnvelope;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Every write request is one atomic unit: two requests sent at the same moment end as if they had been applied one
 * after the other, in some order (README, "Writes: atomic, durable, safe to retry"). A delete and a create that
 * refers to the deleted thing conflict: the create is refused with the 400 it would get after the delete, or the
 * delete takes the new reference too (a label) or refuses with 409 (an entity in use); what refers to a label or an
 * entity never outlives it. Two updates of one
 * label, mapping or connection that change different fields both keep their change.
 *
 * <p>Each test runs {@link #ROUNDS} rounds; in each, the two requests wait on one barrier and are sent together,
 * one of them a little later by a skew that changes from round to round (so that the second one lands in different
 * steps of the first), and the outcome is checked against the allowed serial outcomes listed in each test, then
 * the tenant's data is read back through the API and checked for references to things that do not exist.
 */
class ConcurrentWritesTest extends ApiTest {

    /** Rounds per test (each some six requests); {@code -Dconnections.races.rounds=200} runs more. */
    private static final int ROUNDS = Integer.getInteger("connections.races.rounds", 20);
    /** Skews of the second request against the first, in microseconds; a negative skew delays the first one. */
    private static final int[] SKEWS_MICROS = {0, 300, -300, 1_000, -1_000, 2_500, -2_500, 5_000, -5_000, 0};

    private ExecutorService racers;
    private final Map<String, Integer> outcomes = new LinkedHashMap<>();

    @BeforeEach
    void racers() {
        racers = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stopRacers(TestInfo test) throws InterruptedException {
        racers.shutdownNow();
        racers.awaitTermination(10, TimeUnit.SECONDS);
        System.out.println(test.getDisplayName() + " outcomes: " + outcomes);
    }

    // ---------------------------------------------------------------------------------------------------------
    // (a) DELETE /labels racing POST /labels/mapping naming that label
    // ---------------------------------------------------------------------------------------------------------

    /**
     * Allowed outcomes (mapping create, label delete):
     * <ul>
     * <li>create then delete: (201, 200), the delete reports {@code deleted_mappings: 1}; label and mapping gone;</li>
     * <li>delete then create: (400 naming {@code mappings[0].label_id}, 200), {@code deleted_mappings: 0}; label gone,
     * no mapping.</li>
     * </ul>
     * Nothing else: a 409, a 5xx, or both 2xx with the mapping left behind (or not counted) is not a serial outcome.
     */
    @Test
    void aLabelDeletedWhileAMappingToItIsCreatedNeverLeavesTheMappingBehind() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String label = createLabel("a-" + round);
            String entity = "a-entity-" + round;

            Race race = race(round,
                    () -> as().body(Map.of("mappings", List.of(Map.of("label_id", label, "entity_id", entity, "entity_type", "PERSON"))))
                            .post(BASE + "/labels/mapping"),
                    () -> as().body(Map.of("labels", List.of(Map.of("label_id", label)))).delete(BASE + "/labels"));
            int create = race.first().statusCode();
            int delete = race.second().statusCode();
            String context = race.describe(round, "POST /labels/mapping", "DELETE /labels");

            Snapshot after = snapshot(true, false, true, false);
            boolean labelExists = after.labels().contains(label);
            List<String> mappingsOfLabel = after.mappingsOf(label);
            if (create == 201 && delete == 200) {
                outcome("create, then delete");
                assertThat(labelExists).as(context + ": label exists").isFalse();
                assertThat(mappingsOfLabel).as(context + ": mappings of the deleted label").isEmpty();
                assertThat((Integer) race.second().path("data.deleted_mappings")).as(context + ": the delete must take the mapping").isEqualTo(1);
            } else if (create == 400 && delete == 200) {
                outcome("delete, then create (400)");
                ErrorEnvelope.names(ErrorEnvelope.rejected(race.first().then(), 400, "validation_failed"),
                        List.of(at(0, "mappings[0].label_id")));
                assertThat(labelExists).as(context + ": label exists").isFalse();
                assertThat(mappingsOfLabel).as(context + ": mappings of the deleted label").isEmpty();
                assertThat((Integer) race.second().path("data.deleted_mappings")).as(context).isEqualTo(0);
            } else {
                after.assertEveryMappingNamesALabel(context);
                fail(context + ": not an outcome of any serial order");
            }
            after.assertEveryMappingNamesALabel(context);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // (b) DELETE /labels racing POST /connections to the label's directory entity
    // ---------------------------------------------------------------------------------------------------------

    /**
     * Allowed outcomes (connection create, label delete):
     * <ul>
     * <li>create then delete: (200, 200), the delete reports {@code deleted_connections: 1}; no connection to the label;</li>
     * <li>delete then create: (400 naming {@code connections[0].connection_to_entity_id}, 200), {@code deleted_connections: 0};
     * label, directory entry and connection gone.</li>
     * </ul>
     * Nothing else: a 409, a 5xx, or both 2xx with the connection left behind (or not counted) is not a serial outcome.
     */
    @Test
    void aLabelDeletedWhileAConnectionToItIsCreatedNeverLeavesTheConnectionBehind() throws Exception {
        putEntity("b-person", "PERSON");
        for (int round = 0; round < ROUNDS; round++) {
            String label = createLabel("b-" + round);

            Race race = race(round,
                    () -> as().body(Map.of("connections", List.of(Map.of("connection_from_entity_id", "b-person",
                            "connection_to_entity_id", label, "strength", 10)))).post(BASE + "/connections"),
                    () -> as().body(Map.of("labels", List.of(Map.of("label_id", label)))).delete(BASE + "/labels"));
            int create = race.first().statusCode();
            int delete = race.second().statusCode();
            String context = race.describe(round, "POST /connections", "DELETE /labels");

            Snapshot after = snapshot(true, true, false, true);
            boolean labelExists = after.labels().contains(label);
            boolean entryExists = after.entities().contains(label);
            List<String> connectionsOfLabel = after.connectionsOf(label);
            if (create == 200 && delete == 200) {
                outcome("create, then delete");
                assertGone(context, labelExists, entryExists, connectionsOfLabel);
                assertThat((Integer) race.second().path("data.deleted_connections")).as(context + ": the delete must take the connection").isEqualTo(1);
            } else if (create == 400 && delete == 200) {
                outcome("delete, then create (400)");
                ErrorEnvelope.names(ErrorEnvelope.rejected(race.first().then(), 400, "validation_failed"),
                        List.of(at(0, "connections[0].connection_to_entity_id")));
                assertGone(context, labelExists, entryExists, connectionsOfLabel);
                assertThat((Integer) race.second().path("data.deleted_connections")).as(context).isEqualTo(0);
            } else {
                after.assertEveryConnectionEndIsInTheDirectory(context);
                fail(context + ": not an outcome of any serial order");
            }
            after.assertEveryConnectionEndIsInTheDirectory(context);
        }
    }

    private static void assertGone(String context, boolean labelExists, boolean entryExists, List<String> connectionsOfLabel) {
        assertThat(labelExists).as(context + ": label exists").isFalse();
        assertThat(entryExists).as(context + ": label's directory entry exists").isFalse();
        assertThat(connectionsOfLabel).as(context + ": connections to the deleted label").isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------
    // (c) DELETE /entities racing POST /connections referencing that entity
    // ---------------------------------------------------------------------------------------------------------

    /**
     * Allowed outcomes (connection create, entity delete):
     * <ul>
     * <li>create then delete: (200, 409 conflict "still in use" by connections); entity and connection there;</li>
     * <li>delete then create: (400 naming {@code connections[0].connection_to_entity_id} and the entity, 200); entity
     * gone, no connection.</li>
     * </ul>
     * Nothing else: (200, 200) leaves a connection to an entity that is not in the directory.
     */
    @Test
    void anEntityDeletedWhileAConnectionToItIsCreatedNeverLeavesTheConnectionBehind() throws Exception {
        putEntity("c-person", "PERSON");
        for (int round = 0; round < ROUNDS; round++) {
            String entity = "c-zone-" + round;
            putEntity(entity, "ZONE");

            Race race = race(round,
                    () -> as().body(Map.of("connections", List.of(Map.of("connection_from_entity_id", "c-person",
                            "connection_to_entity_id", entity, "strength", 20)))).post(BASE + "/connections"),
                    () -> as().body(Map.of("entities", List.of(Map.of("connection_entity_id", entity)))).delete(BASE + "/entities"));
            int create = race.first().statusCode();
            int delete = race.second().statusCode();
            String context = race.describe(round, "POST /connections", "DELETE /entities");

            Snapshot after = snapshot(false, true, false, true);
            boolean entityExists = after.entities().contains(entity);
            List<String> connectionsOfEntity = after.connectionsOf(entity);
            if (create == 200 && delete == 409) {
                outcome("create, then delete (409 in use)");
                assertThat(entityExists).as(context + ": entity exists").isTrue();
                assertThat(connectionsOfEntity).as(context + ": connections to the kept entity").hasSize(1);
                ErrorEnvelope.names(ErrorEnvelope.rejected(race.second().then(), 409, "conflict"),
                        List.of(at(0, "entities[0].connection_entity_id")));
                assertThat((String) race.second().path("errors[0].message")).as(context).contains("connections");
            } else if (create == 400 && delete == 200) {
                outcome("delete, then create (400)");
                assertThat(entityExists).as(context + ": entity exists").isFalse();
                assertThat(connectionsOfEntity).as(context + ": connections to the deleted entity").isEmpty();
                ErrorEnvelope.names(ErrorEnvelope.rejected(race.first().then(), 400, "validation_failed"),
                        List.of(at(0, "connections[0].connection_to_entity_id")));
                assertThat((String) race.first().path("errors[0].message")).as(context).contains(entity);
            } else {
                after.assertEveryConnectionEndIsInTheDirectory(context);
                fail(context + ": not an outcome of any serial order");
            }
            after.assertEveryConnectionEndIsInTheDirectory(context);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // (d) two updates of one thing changing different fields: no lost update
    // ---------------------------------------------------------------------------------------------------------

    /**
     * Two PUTs of one label, one renaming it and one changing its details: both are 200 in every order, and the
     * label, its directory entry and the connection showing it carry both changes.
     */
    @Test
    void twoUpdatesOfOneLabelChangingDifferentFieldsBothStay() throws Exception {
        String label = createLabel("d-label");
        putEntity("d-person", "PERSON");
        String connection = post("/connections", Map.of("connections", List.of(Map.of("connection_from_entity_id", "d-person",
                "connection_to_entity_id", label, "strength", 1)))).statusCode(200).extract().path("data[0]._id");
        for (int round = 0; round < ROUNDS; round++) {
            String name = "d-name-" + round;
            String color = "color-" + round;

            Race race = race(round,
                    () -> as().body(Map.of("labels", List.of(Map.of("label_id", label, "name", name)))).put(BASE + "/labels"),
                    () -> as().body(Map.of("labels", List.of(Map.of("label_id", label, "details", Map.of("color", color))))).put(BASE + "/labels"));
            String context = race.describe(round, "PUT /labels name", "PUT /labels details");
            assertThat(List.of(race.first().statusCode(), race.second().statusCode())).as(context).containsExactly(200, 200);
            outcome("both 200");

            JsonPath stored = read("/labels?label_id=" + label);
            assertThat(stored.getString("data.labels[0].name")).as(context + ": label name").isEqualTo(name);
            assertThat(stored.getString("data.labels[0].details.color")).as(context + ": label details.color").isEqualTo(color);
            JsonPath entry = read("/entities?entity_id=" + label);
            assertThat(entry.getString("data.entities[0].connection_entity_data.name")).as(context + ": directory entry name").isEqualTo(name);
            assertThat(entry.getString("data.entities[0].connection_entity_data.details.color")).as(context + ": directory entry details.color")
                    .isEqualTo(color);
            JsonPath shown = read("/connections?connection_id=" + connection);
            assertThat(shown.getString("data.connections[0].connection_to_entity.connection_entity_data.name"))
                    .as(context + ": name the connection shows").isEqualTo(name);
            assertThat(shown.getString("data.connections[0].connection_to_entity.connection_entity_data.details.color"))
                    .as(context + ": details.color the connection shows").isEqualTo(color);
        }
    }

    /** Two PUTs of one mapping, one changing its value and one its visibility: both 200, both changes stay. */
    @Test
    void twoUpdatesOfOneMappingChangingDifferentFieldsBothStay() throws Exception {
        String label = createLabel("d-mapped");
        String mapping = post("/labels/mapping", Map.of("mappings", List.of(Map.of("label_id", label, "entity_id", "d-desk"))))
                .statusCode(201).extract().path("data.mappings[0]._id");
        for (int round = 0; round < ROUNDS; round++) {
            String value = "value-" + round;
            String visibility = "visibility-" + round;

            Race race = race(round,
                    () -> as().body(Map.of("mappings", List.of(Map.of("mapping_id", mapping, "value", value)))).put(BASE + "/labels/mapping"),
                    () -> as().body(Map.of("mappings", List.of(Map.of("mapping_id", mapping, "visibility", visibility))))
                            .put(BASE + "/labels/mapping"));
            String context = race.describe(round, "PUT /labels/mapping value", "PUT /labels/mapping visibility");
            assertThat(List.of(race.first().statusCode(), race.second().statusCode())).as(context).containsExactly(200, 200);
            outcome("both 200");

            JsonPath stored = read("/labels/mapping?mapping_id=" + mapping);
            assertThat(stored.getString("data.label_mappings[0].value")).as(context + ": value").isEqualTo(value);
            assertThat(stored.getString("data.label_mappings[0].visibility")).as(context + ": visibility").isEqualTo(visibility);
        }
    }

    /** Two PUTs of one connection, one changing its strength and one its notes: both 200, both changes stay. */
    @Test
    void twoUpdatesOfOneConnectionChangingDifferentFieldsBothStay() throws Exception {
        putEntity("d-from", "PERSON");
        putEntity("d-to", "ROOM");
        String connection = post("/connections", Map.of("connections", List.of(Map.of("connection_from_entity_id", "d-from",
                "connection_to_entity_id", "d-to", "strength", 1)))).statusCode(200).extract().path("data[0]._id");
        for (int round = 0; round < ROUNDS; round++) {
            int strength = round + 2;
            String notes = "notes-" + round;

            Race race = race(round,
                    () -> as().body(Map.of("connections", List.of(Map.of("connection_id", connection, "strength", strength))))
                            .put(BASE + "/connections"),
                    () -> as().body(Map.of("connections", List.of(Map.of("connection_id", connection, "notes", notes))))
                            .put(BASE + "/connections"));
            String context = race.describe(round, "PUT /connections strength", "PUT /connections notes");
            assertThat(List.of(race.first().statusCode(), race.second().statusCode())).as(context).containsExactly(200, 200);
            outcome("both 200");

            JsonPath stored = read("/connections?connection_id=" + connection);
            assertThat(stored.getInt("data.connections[0].strength")).as(context + ": strength").isEqualTo(strength);
            assertThat(stored.getString("data.connections[0].notes")).as(context + ": notes").isEqualTo(notes);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // the race and the read-backs
    // ---------------------------------------------------------------------------------------------------------

    /** The two answers of one round. */
    private record Race(Response first, Response second, int skewMicros) {

        String describe(int round, String firstName, String secondName) {
            return "round " + round + " (skew " + skewMicros + "us): " + firstName + " -> " + first.statusCode() + " " + first.asString()
                    + " | " + secondName + " -> " + second.statusCode() + " " + second.asString();
        }
    }

    /**
     * Sends both requests at once: both threads wait on one barrier, then the second (for a positive skew) or the
     * first (for a negative one) waits the round's skew before sending.
     */
    private Race race(int round, Supplier<Response> first, Supplier<Response> second) throws Exception {
        int skew = SKEWS_MICROS[round % SKEWS_MICROS.length];
        CyclicBarrier start = new CyclicBarrier(2);
        CompletableFuture<Response> a = CompletableFuture.supplyAsync(() -> send(start, skew < 0 ? -skew : 0, first), racers);
        CompletableFuture<Response> b = CompletableFuture.supplyAsync(() -> send(start, skew > 0 ? skew : 0, second), racers);
        return new Race(a.get(60, TimeUnit.SECONDS), b.get(60, TimeUnit.SECONDS), skew);
    }

    private static Response send(CyclicBarrier start, int delayMicros, Supplier<Response> request) {
        try {
            start.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the other racer never came", e);
        }
        if (delayMicros > 0) {
            LockSupport.parkNanos(delayMicros * 1_000L);
        }
        Response response = request.get();
        response.asString(); // read the whole body on this thread
        return response;
    }

    private void outcome(String name) {
        outcomes.merge(name, 1, Integer::sum);
    }

    private String createLabel(String name) {
        return post("/labels", Map.of("labels", List.of(Map.of("name", name)))).statusCode(201).extract().path("data.labels[0]._id");
    }

    private void putEntity(String id, String type) {
        put("/entities", Map.of("entities", List.of(Map.of("connection_entity_id", id, "connection_entity_type", type))))
                .statusCode(200);
    }

    /**
     * A GET of this tenant's data, for the read-backs after a race: not checked against the OpenAPI document (the
     * lists are checked in every resource's own tests; here they are read some hundred times, and the racing
     * requests themselves are checked), to keep the class fast.
     */
    private JsonPath read(String pathAndQuery) {
        return as().noFilters().get(BASE + pathAndQuery).then().statusCode(200).extract().jsonPath();
    }

    /**
     * The tenant's labels, directory entries, mappings and connections, as the API lists them (each list one page:
     * the tests stay far below 1000 items).
     */
    private Snapshot snapshot(boolean labels, boolean entities, boolean mappings, boolean connections) {
        return new Snapshot(
                labels ? new HashSet<>(all("/labels").getList("data.labels._id", String.class)) : Set.of(),
                entities ? new HashSet<>(all("/entities").getList("data.entities.connection_entity_id", String.class)) : Set.of(),
                mappings ? all("/labels/mapping").getList("data.label_mappings") : List.of(),
                connections ? all("/connections").getList("data.connections") : List.of());
    }

    private JsonPath all(String path) {
        JsonPath page = read(path + "?limit=1000");
        assertThat(page.getInt("pagination.total_results")).as("items of " + path).isLessThan(1000);
        return page;
    }

    private record Snapshot(Set<String> labels, Set<String> entities, List<Map<String, Object>> mappings,
            List<Map<String, Object>> connections) {

        List<String> mappingsOf(String label) {
            return mappings.stream().filter(mapping -> label.equals(mapping.get("label_id")))
                    .map(mapping -> (String) mapping.get("_id")).toList();
        }

        List<String> connectionsOf(String entity) {
            return connections.stream().filter(connection -> entity.equals(end(connection, "connection_from_entity"))
                    || entity.equals(end(connection, "connection_to_entity"))).map(connection -> (String) connection.get("_id")).toList();
        }

        /** No mapping of the tenant names a label that does not exist. */
        void assertEveryMappingNamesALabel(String context) {
            List<String> orphans = new ArrayList<>();
            for (Map<String, Object> mapping : mappings) {
                if (!labels.contains((String) mapping.get("label_id"))) {
                    orphans.add("mapping " + mapping.get("_id") + " of label '" + mapping.get("label_id") + "'");
                }
            }
            assertThat(orphans).as(context + ": mappings whose label does not exist").isEmpty();
        }

        /** No connection of the tenant has an end that is not in the entity directory. */
        void assertEveryConnectionEndIsInTheDirectory(String context) {
            List<String> orphans = new ArrayList<>();
            for (Map<String, Object> connection : connections) {
                for (String end : List.of("connection_from_entity", "connection_to_entity")) {
                    String id = end(connection, end);
                    if (!entities.contains(id)) {
                        orphans.add("connection " + connection.get("_id") + " " + end + " '" + id + "'");
                    }
                }
            }
            assertThat(orphans).as(context + ": connection ends missing from GET /entities").isEmpty();
        }

        private static String end(Map<String, Object> connection, String end) {
            return (String) ((Map<?, ?>) connection.get(end)).get("connection_entity_id");
        }
    }
}
