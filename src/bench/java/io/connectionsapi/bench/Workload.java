package io.connectionsapi.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * The data and the requests of the benchmark. The seed is N connections from people to teams, each team with about
 * 200 connections and each person with about 4, every entity with an external ID. Request number i of an
 * operation is the same on both sides (the same team, the same person, the same place in the list of seeded
 * connections), so that both sides do the same logical work.
 */
final class Workload {

    static final int BATCH = 1000;
    /** Mappings and connections a label has when it is deleted. */
    static final int LABEL_USES = 100;

    final int connections;
    final int teams;
    final int people;

    Workload(int connections) {
        this.connections = connections;
        this.teams = Math.max(2, connections / 200);
        this.people = Math.max(LABEL_USES, connections / 4);
    }

    int seedBatches() {
        return (connections + BATCH - 1) / BATCH;
    }

    /** Seed batch b, in the guide's form: whole entity objects, which fill the directory as they go. */
    Request seedBatch(int b) {
        List<Document> items = new ArrayList<>();
        for (int k = b * BATCH; k < Math.min(connections, (b + 1) * BATCH); k++) {
            items.add(new Document("strength", k % 201 - 100).append("priority", k % 5 + 1)
                    .append("connection_from_entity", person(k % people)).append("connection_to_entity", team(k % teams)));
        }
        return Request.post("/connections", "connections", items);
    }

    /** Spreads request numbers 0, 1, 2, ... over 0..size-1 (Knuth's multiplicative hash), the same on both sides. */
    static int pick(long i, int size) {
        return (int) Math.floorMod(i * 2_654_435_761L, (long) size);
    }

    /**
     * In this order: the reads on the seed alone, then the writes that leave the number of connections as it was
     * (an update; a cascade deletes what its preparation added), then the creates, which add 1000 connections a
     * request (and the last one 1000 entities a request), so that no side's earlier requests change what a later
     * operation finds.
     */
    List<Operation> operations() {
        return List.of(
                new Operation("get by ID", 3000, true, (side, i) -> Request.get(
                        "/connections?connection_id=" + side.seeded().get(pick(i, side.seeded().size()))),
                        Workload::total),
                new Operation("filtered list (entity_id, limit 25)", 600, true, (side, i) -> Request.get(
                        "/connections?entity_id=team-" + pick(i, teams) + "&limit=25"),
                        Workload::total),
                new Operation("unfiltered list (limit 25)", 300, true, (side, i) -> Request.get(
                        "/connections?limit=25"),
                        Workload::total),
                new Operation("external_id filter", 600, true, (side, i) -> Request.get(
                        "/connections?external_id=ext-person-" + pick(i, people)),
                        Workload::total),
                new Operation("bulk update 1000", 10, false, this::updateBatch,
                        Workload::count),
                new Operation("label delete cascade (" + LABEL_USES + " mappings, " + LABEL_USES + " connections)", 10,
                        false, this::labelToDelete,
                        answer -> "deleted " + answer.get("data", Document.class).get("deleted_mappings") + " mappings, "
                                + answer.get("data", Document.class).get("deleted_connections") + " connections"),
                new Operation("bulk create 1000, existing entities", 10, false, (side, i) -> existingEntitiesBatch(i),
                        Workload::count),
                new Operation("bulk create 1000, 1000 new entities", 10, false, (side, i) -> newEntitiesBatch(i),
                        Workload::count));
    }

    /** GUIDE form: 1000 connections from people new to the directory, to teams given as they are stored. */
    private Request newEntitiesBatch(int i) {
        List<Document> items = new ArrayList<>();
        for (int j = 0; j < BATCH; j++) {
            String id = "new-" + i + "-" + j;
            Document person = new Document("connection_entity_id", id).append("connection_entity_type", "PERSON")
                    .append("connection_entity_data", new Document("first_name", "New " + j).append("last_name", "Person")
                            .append("email", id + "@example.com").append("external_id", "ext-" + id));
            items.add(new Document("strength", j % 201 - 100).append("connection_from_entity", person)
                    .append("connection_to_entity", team(j % teams)));
        }
        return Request.post("/connections", "connections", items);
    }

    /** OpenAPI form: 1000 connections between entities named by ID, all in the directory already. */
    private Request existingEntitiesBatch(int i) {
        List<Document> items = new ArrayList<>();
        for (int j = 0; j < BATCH; j++) {
            items.add(new Document("strength", j % 201 - 100)
                    .append("connection_from_entity_id", "person-" + pick((long) i * BATCH + j, people))
                    .append("connection_to_entity_id", "team-" + j % teams));
        }
        return Request.post("/connections", "connections", items);
    }

    /** 1000 seeded connections, a different window each time, get a new strength and notes. */
    private Request updateBatch(Side side, int i) {
        List<String> seeded = side.seeded();
        List<Document> items = new ArrayList<>();
        for (int j = 0; j < BATCH; j++) {
            items.add(new Document("connection_id", seeded.get(((i + 1) * BATCH + j) % seeded.size()))
                    .append("strength", (i + j) % 201 - 100).append("notes", "update " + i));
        }
        return Request.put("/connections", "connections", items);
    }

    /**
     * Untimed: a new label, mapped to 100 people and connected from 100 people. Timed: deleting it, which deletes
     * its mappings, its connections, its directory entry and it.
     */
    private Request labelToDelete(Side side, int i) throws IOException, InterruptedException {
        Document created = side.call(Request.post("/labels", "labels",
                List.of(new Document("name", "bench " + i).append("type", "benchmark"))));
        String label = created.get("data", Document.class).getList("labels", Document.class).get(0).getString("_id");
        List<Document> mappings = new ArrayList<>();
        List<Document> connections = new ArrayList<>();
        for (int j = 0; j < LABEL_USES; j++) {
            String person = "person-" + Math.floorMod((long) i * LABEL_USES + j, people);
            mappings.add(new Document("label_id", label).append("entity_id", person).append("entity_type", "PERSON"));
            connections.add(new Document("strength", 50).append("connection_from_entity_id", person)
                    .append("connection_to_entity_id", label));
        }
        side.call(Request.post("/labels/mapping", "mappings", mappings));
        side.call(Request.post("/connections", "connections", connections));
        return Request.delete("/labels", "labels", List.of(new Document("label_id", label)));
    }

    static Document person(int p) {
        return new Document("connection_entity_id", "person-" + p).append("connection_entity_type", "PERSON")
                .append("connection_entity_data", new Document("first_name", "First" + p).append("last_name", "Last" + p)
                        .append("email", "person" + p + "@example.com").append("external_id", "ext-person-" + p));
    }

    static Document team(int t) {
        return new Document("connection_entity_id", "team-" + t).append("connection_entity_type", "TEAM")
                .append("connection_entity_data", new Document("team_name", "Team " + t).append("external_id", "ext-team-" + t));
    }

    /** What a list answer says, for checking that both sides found the same. */
    static String total(Document answer) {
        return "total_results " + answer.get("pagination", Document.class).get("total_results");
    }

    /** What a batch answer says. */
    static String count(Document answer) {
        return answer.getList("data", Document.class).size() + " connections";
    }

    /** One kind of request the benchmark times. */
    record Operation(String name, int requests, boolean read, Preparation prepare,
            java.util.function.Function<Document, String> summary) {
    }

    /** Request number i of an operation on a side; may send untimed requests of its own first. */
    @FunctionalInterface
    interface Preparation {
        Request prepare(Side side, int i) throws IOException, InterruptedException;
    }

    /** An HTTP request under /connections/v1. */
    record Request(String method, String path, byte[] body) {

        static Request get(String path) {
            return new Request("GET", path, null);
        }

        static Request post(String path, String key, List<Document> items) {
            return new Request("POST", path, batch(key, items));
        }

        static Request put(String path, String key, List<Document> items) {
            return new Request("PUT", path, batch(key, items));
        }

        static Request delete(String path, String key, List<Document> items) {
            return new Request("DELETE", path, batch(key, items));
        }

        private static byte[] batch(String key, List<Document> items) {
            return new Document(key, items).toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
