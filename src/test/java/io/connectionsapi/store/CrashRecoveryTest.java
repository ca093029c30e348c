package io.connectionsapi.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.connectionsapi.ConnectionsApiApplication;
import io.connectionsapi.support.TestStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every write request is atomic and durable, even when the server dies at the worst moment.
 *
 * <p>The real server runs in a child JVM, on the embedded store under a temporary data directory (or, when the
 * suite has a MongoDB, on a database of its own there). Round after round, client threads send writes and the
 * child is killed with SIGKILL at a random moment once every kind of write is going through (300 to 1500 ms after
 * the round's first label delete was answered, or, in a random half of the rounds, 0 to 300 ms after it was sent,
 * to cut a cascade); then a new child starts on the same data and everything is read back through the API. The
 * clients send two kinds of work:
 * <ul>
 * <li>GUIDE-form connection batches of {@value #BATCH_SIZE} items, each item bringing new directory entities
 * whose IDs are unique to the batch, every connection carrying the batch's tag in {@code notes};</li>
 * <li>label cascades: create a label, map it to {@value #LABEL_MAPPINGS} entities, connect
 * {@value #LABEL_CONNECTIONS} new entities to it, then delete it (which deletes its directory entry, its
 * mappings and its connections).</li>
 * </ul>
 * After each restart the test checks that
 * <ul>
 * <li>no acknowledged write is missing (a 2xx answer was received): an acknowledged batch has all its
 * connections and entities, an acknowledged label, mapping batch or connection batch to a label is there as long
 * as the label was not deleted, and an acknowledged label delete left nothing of the label behind;</li>
 * <li>no write is half applied, acknowledged or not: a batch has all of its connections or none, and the
 * entities it introduced exist exactly when its connections do; a label exists exactly when its directory entry
 * does; a mapping batch is all there or not at all; a label delete cut off by the kill removed the label, its
 * entry, its mappings and the connections to it, or none of them; and nothing points at a label that is gone.</li>
 * </ul>
 * The first round that breaks one of these fails the test (later rounds would only see the same damage). The kill
 * moments come from a seeded {@link Random}; the seed is printed, and {@code -Dcrash.seed=<seed>} repeats them
 * ({@code -Dcrash.rounds=<n>} changes the number of rounds). The thread timing still differs from run to run.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // a guard against hanging; a run takes 1 to 3 minutes
class CrashRecoveryTest {

    private static final String KEY = "crash-recovery-test-key-0123456789";
    private static final String API = "/connections/v1";
    private static final int ROUNDS = Integer.getInteger("crash.rounds", 6);
    private static final int BATCH_SIZE = 200;
    private static final int ROOMS_PER_BATCH = 10;
    private static final int LABEL_MAPPINGS = 10;
    private static final int LABEL_CONNECTIONS = 50;
    private static final int CONNECTION_WRITERS = 1;
    private static final int LABEL_WRITERS = 2;
    /** The kill comes this long after the round's first label delete was answered, or was sent. */
    private static final int MIN_KILL_DELAY_MS = 300;
    private static final int MAX_KILL_DELAY_MS = 1500;
    private static final int CUT_DELAY_MS = 300;
    private static final int PROBLEMS_SHOWN = 25;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<ChildServer> children = new ArrayList<>();
    private final @Nullable String mongodbUri = ownDatabase(TestStore.mongodbUri());

    /** What the clients sent, over all rounds; what a round's restart must show. */
    private final List<ConnectionBatch> batches = new CopyOnWriteArrayList<>();
    private final List<LabelCascade> cascades = new CopyOnWriteArrayList<>();

    @AfterEach
    void destroyChildren() throws InterruptedException {
        for (ChildServer child : children) {
            child.process.destroyForcibly();
            child.process.waitFor(10, TimeUnit.SECONDS);
        }
        if (mongodbUri != null) {
            try (var client = com.mongodb.client.MongoClients.create(mongodbUri)) {
                client.getDatabase(new com.mongodb.ConnectionString(mongodbUri).getDatabase()).drop();
            }
        }
    }

    @Test
    void aServerKilledDuringWritesComesBackWithEveryAcknowledgedWriteAndNoHalfAppliedOne() throws Exception {
        long seed = Long.getLong("crash.seed", new java.security.SecureRandom().nextLong());
        Random random = new Random(seed);
        System.out.printf("CrashRecoveryTest: seed %d (-Dcrash.seed=%d repeats the kill moments), %d rounds, %s%n",
                seed, seed, ROUNDS, mongodbUri == null ? "embedded store in " + dir : TestStore.description() + " (own database)");
        Instant begin = Instant.now();
        ChildServer server = start();
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                // The kill comes at a random moment once every kind of write is going through: in some rounds 300 to
                // 1500 ms after the first label delete was answered (whatever is in flight then), in the others 0 to
                // 300 ms after the first label delete was sent, to cut cascades. (Timing it from the start of the load
                // would, on a slow machine or with writes serialized, mostly cut the first batches and no cascade.)
                boolean cutACascade = random.nextBoolean();
                int killDelay = cutACascade ? random.nextInt(CUT_DELAY_MS + 1)
                        : MIN_KILL_DELAY_MS + random.nextInt(MAX_KILL_DELAY_MS - MIN_KILL_DELAY_MS + 1);
                String moment = "%d ms after the first label delete was %s".formatted(killDelay, cutACascade ? "sent" : "answered");
                Load load = new Load(round, server);
                Instant loadStart = Instant.now();
                load.start();
                boolean flowing = (cutACascade ? load.firstDeleteSent : load.firstDeleteAnswered).await(60, TimeUnit.SECONDS);
                Thread.sleep(killDelay);
                load.killed = true;
                server.kill();
                long loadMillis = Duration.between(loadStart, Instant.now()).toMillis();
                load.awaitEnd();
                assertThat(load.surprises).as("round %d: failures the kill does not explain (seed %d)", round, seed).isEmpty();
                assertThat(flowing).as("round %d: the first label delete came within 60 s", round).isTrue();

                server = start();
                List<String> problems = problems(snapshot(server));
                System.out.printf("CrashRecoveryTest: round %d, killed %s (%d ms into the load): %s; after the restart %s%n", round,
                        moment, loadMillis, load.summary(), problems.isEmpty() ? "all consistent" : problems.size() + " problems");
                if (!problems.isEmpty()) {
                    fail("Round %d of %d (seed %d, killed %s): after SIGKILL and restart on the same data, %d problems%s:%n  %s",
                            round, ROUNDS, seed, moment, problems.size(), kinds(problems),
                            String.join("\n  ", problems.subList(0, Math.min(PROBLEMS_SHOWN, problems.size())))
                                    + (problems.size() > PROBLEMS_SHOWN ? "\n  ..." : ""));
                }
            }
            System.out.printf("CrashRecoveryTest: all consistent after %d kills in %d s: %d batches sent (%d cut off by a kill), "
                    + "%d labels created, %d deleted (%d deletes cut off)%n", ROUNDS, Duration.between(begin, Instant.now()).toSeconds(),
                    batches.size(), batches.stream().filter(b -> !b.acknowledged).count(), cascades.stream().filter(c -> c.created).count(),
                    cascades.stream().filter(c -> c.deleteAcknowledged).count(),
                    cascades.stream().filter(c -> c.deleteSent && !c.deleteAcknowledged).count());
        } catch (Throwable failure) {
            for (ChildServer child : children.subList(Math.max(0, children.size() - 2), children.size())) {
                System.out.printf("----- last lines of %s -----%n%s%n", child.log, child.tail(40));
            }
            throw failure;
        }
    }

    // ----- the child server -----

    private final class ChildServer {

        final Process process;
        final int port;
        final Path log;

        ChildServer(Process process, int port, Path log) {
            this.process = process;
            this.port = port;
            this.log = log;
        }

        URI uri(String pathAndQuery) {
            return URI.create("http://127.0.0.1:" + port + pathAndQuery);
        }

        /** SIGKILL: no shutdown hook, no graceful shutdown, no store close. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("the killed server is gone").isTrue();
            assertThat(process.exitValue()).as("exit status of a JVM killed by SIGKILL (128 + 9)").isEqualTo(137);
        }

        String tail(int lines) {
            try {
                List<String> all = Files.readAllLines(log);
                return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
            } catch (IOException e) {
                return "(cannot read " + log + ": " + e + ")";
            }
        }
    }

    /** Starts the server in a child JVM on this test's data and waits until it is ready. */
    private ChildServer start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path dataDir = dir.resolve("data");
        Path log = dir.resolve("server-" + (children.size() + 1) + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                // under surefire this is its manifest-only booter jar, whose Class-Path names the whole test classpath
                "-cp", System.getProperty("java.class.path"),
                ConnectionsApiApplication.class.getName(),
                "--server.port=" + port,
                "--connections.store.data-dir=" + dataDir,
                "--connections.store.mongodb-uri=" + (mongodbUri == null ? "" : mongodbUri),
                "--connections.security.api-key=" + KEY,
                "--connections.rate-limit.requests-per-second=100000",
                "--connections.rate-limit.burst=100000"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("CONNECTIONS_") || name.equals("MONGODB_URI")
                || name.equals("SERVER_PORT") || name.startsWith("SPRING_"));
        ChildServer child = new ChildServer(builder.start(), port, log);
        children.add(child);
        assertThat(child.process.supportsNormalTermination()).as("destroyForcibly() is SIGKILL here, destroy() SIGTERM").isTrue();

        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            if (!child.process.isAlive()) {
                fail("The server exited with %d before it was ready; its log %s ends:%n%s", child.process.exitValue(), log, child.tail(40));
            }
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(child.uri("/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && JSON.readTree(answer.body()).path("status").asString().equals("UP")) {
                    return child;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (Instant.now().isAfter(deadline)) {
                fail("The server was not ready within 60 s; its log %s ends:%n%s", log, child.tail(40));
            }
            Thread.sleep(100);
        }
    }

    private record Answer(int status, JsonNode body) {
        boolean is(int expected) {
            return status == expected;
        }
    }

    private Answer send(ChildServer server, String method, String pathAndQuery, @Nullable Object body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(API + pathAndQuery)).timeout(Duration.ofSeconds(60))
                .header("x-api-key", KEY);
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(answer.statusCode(), JSON.readTree(answer.body()));
    }

    // ----- the load: what is sent, and what was acknowledged -----

    /** A POST /connections batch: {@code size} connections tagged {@code tag}, introducing {@code newEntities}. */
    private static final class ConnectionBatch {
        final String tag;
        final int size;
        final List<String> newEntities;
        final @Nullable LabelCascade toLabel;
        volatile boolean acknowledged;

        ConnectionBatch(String tag, int size, List<String> newEntities, @Nullable LabelCascade toLabel) {
            this.tag = tag;
            this.size = size;
            this.newEntities = newEntities;
            this.toLabel = toLabel;
        }
    }

    /** Create a label, map it, connect to it, delete it: how far each step got. */
    private static final class LabelCascade {
        final String name;
        volatile @Nullable String id;
        volatile boolean created;
        volatile boolean mappingsAcknowledged;
        volatile boolean deleteSent;
        volatile boolean deleteAcknowledged;

        LabelCascade(String name) {
            this.name = name;
        }
    }

    private final class Load {

        final int round;
        final ChildServer server;
        final ExecutorService threads = Executors.newFixedThreadPool(CONNECTION_WRITERS + LABEL_WRITERS);
        final List<String> surprises = new CopyOnWriteArrayList<>();
        final List<ConnectionBatch> sentBatches = new CopyOnWriteArrayList<>();
        final List<LabelCascade> sentCascades = new CopyOnWriteArrayList<>();
        final CountDownLatch firstDeleteSent = new CountDownLatch(1);
        final CountDownLatch firstDeleteAnswered = new CountDownLatch(1);
        volatile boolean killed;

        Load(int round, ChildServer server) {
            this.round = round;
            this.server = server;
        }

        void start() {
            for (int writer = 1; writer <= CONNECTION_WRITERS; writer++) {
                int w = writer;
                threads.submit(() -> run(() -> writeConnections(w)));
            }
            for (int writer = 1; writer <= LABEL_WRITERS; writer++) {
                int w = writer;
                threads.submit(() -> run(() -> writeLabelCascades(w)));
            }
        }

        void awaitEnd() throws InterruptedException {
            threads.shutdown();
            assertThat(threads.awaitTermination(70, TimeUnit.SECONDS)).as("the clients stop once the server is gone").isTrue();
        }

        String summary() {
            return "%d batches sent (%d acknowledged), %d label cascades begun (%d created, %d deletes sent, %d acknowledged)".formatted(
                    sentBatches.size(), sentBatches.stream().filter(b -> b.acknowledged).count(), sentCascades.size(),
                    sentCascades.stream().filter(c -> c.created).count(), sentCascades.stream().filter(c -> c.deleteSent).count(),
                    sentCascades.stream().filter(c -> c.deleteAcknowledged).count());
        }

        interface Work {
            void run() throws Exception;
        }

        /** Runs a client until the server is gone; an error before the kill is a surprise, after it the expected end. */
        void run(Work work) {
            try {
                work.run();
            } catch (IOException e) {
                if (!killed) {
                    surprises.add("round " + round + ": " + e + " before the kill");
                }
            } catch (Exception | AssertionError e) {
                surprises.add("round " + round + ": " + e);
            }
        }

        void writeConnections(int writer) throws Exception {
            for (int n = 1; ; n++) {
                String tag = "crash-r" + round + "-w" + writer + "-b" + n;
                List<Map<String, Object>> items = new ArrayList<>();
                Set<String> entities = new java.util.LinkedHashSet<>();
                for (int i = 0; i < BATCH_SIZE; i++) {
                    String person = tag + "-p" + i;
                    String room = tag + "-r" + (i % ROOMS_PER_BATCH);
                    entities.add(person);
                    entities.add(room);
                    items.add(Map.of("strength", 50, "notes", tag,
                            "connection_from_entity", Map.of("connection_entity_id", person, "connection_entity_type", "PERSON",
                                    "connection_entity_data", Map.of("first_name", "P" + i, "last_name", tag)),
                            "connection_to_entity", Map.of("connection_entity_id", room, "connection_entity_type", "ROOM",
                                    "connection_entity_data", Map.of("room_name", room))));
                }
                ConnectionBatch batch = new ConnectionBatch(tag, BATCH_SIZE, List.copyOf(entities), null);
                record(batch);
                Answer answer = send(server, "POST", "/connections", Map.of("connections", items));
                expect(answer, 200, tag);
                assertThat(answer.body().path("data").size()).as("%s: created connections", tag).isEqualTo(BATCH_SIZE);
                batch.acknowledged = true;
            }
        }

        void writeLabelCascades(int writer) throws Exception {
            for (int n = 1; ; n++) {
                LabelCascade cascade = new LabelCascade("crash-r" + round + "-l" + writer + "-" + n);
                sentCascades.add(cascade);
                cascades.add(cascade);

                Answer created = send(server, "POST", "/labels", Map.of("labels", List.of(Map.of("name", cascade.name, "type", "crash"))));
                expect(created, 201, cascade.name);
                String id = created.body().path("data").path("labels").path(0).path("_id").asString();
                cascade.id = id;
                cascade.created = true;

                List<Map<String, Object>> mappings = new ArrayList<>();
                for (int j = 0; j < LABEL_MAPPINGS; j++) {
                    mappings.add(Map.of("label_id", id, "entity_id", cascade.name + "-m" + j));
                }
                Answer mapped = send(server, "POST", "/labels/mapping", Map.of("mappings", mappings));
                expect(mapped, 201, cascade.name + " mappings");
                cascade.mappingsAcknowledged = true;

                String tag = cascade.name + "-c";
                List<Map<String, Object>> items = new ArrayList<>();
                List<String> entities = new ArrayList<>();
                for (int i = 0; i < LABEL_CONNECTIONS; i++) {
                    String person = tag + "-p" + i;
                    entities.add(person);
                    items.add(Map.of("strength", 10, "notes", tag, "connection_to_entity_id", id,
                            "connection_from_entity", Map.of("connection_entity_id", person, "connection_entity_type", "PERSON",
                                    "connection_entity_data", Map.of("first_name", "L" + i, "last_name", tag))));
                }
                ConnectionBatch batch = new ConnectionBatch(tag, LABEL_CONNECTIONS, entities, cascade);
                record(batch);
                Answer connected = send(server, "POST", "/connections", Map.of("connections", items));
                expect(connected, 200, tag);
                batch.acknowledged = true;

                cascade.deleteSent = true;
                firstDeleteSent.countDown();
                Answer deleted = send(server, "DELETE", "/labels", Map.of("labels", List.of(Map.of("label_id", id))));
                expect(deleted, 200, cascade.name + " delete");
                assertThat(deleted.body().path("data").path("deleted_connections").asInt()).as("%s: deleted connections", cascade.name)
                        .isEqualTo(LABEL_CONNECTIONS);
                assertThat(deleted.body().path("data").path("deleted_mappings").asInt()).as("%s: deleted mappings", cascade.name)
                        .isEqualTo(LABEL_MAPPINGS);
                cascade.deleteAcknowledged = true;
                firstDeleteAnswered.countDown();
            }
        }

        void record(ConnectionBatch batch) {
            sentBatches.add(batch);
            batches.add(batch);
        }

        void expect(Answer answer, int status, String what) {
            if (!answer.is(status)) {
                throw new AssertionError(what + ": expected " + status + ", got " + answer.status() + " " + answer.body());
            }
        }
    }

    // ----- what the restarted server shows -----

    private record Snapshot(List<JsonNode> connections, Map<String, JsonNode> entities, Map<String, JsonNode> labels,
            List<JsonNode> mappings) {

        Map<String, List<JsonNode>> connectionsByNotes() {
            return connections.stream().collect(Collectors.groupingBy(c -> c.path("notes").asString("")));
        }

        Map<String, JsonNode> labelsByName() {
            Map<String, JsonNode> byName = new HashMap<>();
            labels.values().forEach(label -> byName.put(label.path("name").asString(), label));
            return byName;
        }
    }

    private Snapshot snapshot(ChildServer server) throws Exception {
        Map<String, JsonNode> entities = new LinkedHashMap<>();
        readAll(server, "/entities", "entities", "connection_entity_id")
                .forEach(entity -> entities.put(entity.path("connection_entity_id").asString(), entity));
        Map<String, JsonNode> labels = new LinkedHashMap<>();
        readAll(server, "/labels", "labels", "_id").forEach(label -> labels.put(label.path("_id").asString(), label));
        return new Snapshot(readAll(server, "/connections", "connections", "_id"), entities, labels,
                readAll(server, "/labels/mapping", "label_mappings", "_id"));
    }

    /** Every item of a list, page by page. */
    private List<JsonNode> readAll(ChildServer server, String path, String listKey, String sort) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        long total;
        do {
            Answer page = send(server, "GET", path + "?sort=" + sort + "&limit=1000&skip=" + all.size(), null);
            assertThat(page.status()).as("GET %s: %s", path, page.body()).isEqualTo(200);
            JsonNode items = page.body().path("data").path(listKey);
            items.forEach(all::add);
            total = page.body().path("pagination").path("total_results").asLong();
            if (items.isEmpty()) {
                break;
            }
        } while (all.size() < total);
        assertThat(all).as("GET %s: every page read", path).hasSize((int) total);
        return all;
    }

    /**
     * Everything in the snapshot that contradicts what was sent and acknowledged. Each problem starts with its kind:
     * LOST (an acknowledged write is missing) or PARTIAL (a write is half applied).
     */
    private List<String> problems(Snapshot now) {
        List<String> problems = new ArrayList<>();
        Map<String, List<JsonNode>> byNotes = now.connectionsByNotes();
        Map<String, JsonNode> labelsByName = now.labelsByName();

        for (ConnectionBatch batch : batches) {
            int connections = byNotes.getOrDefault(batch.tag, List.of()).size();
            long entities = batch.newEntities.stream().filter(now.entities()::containsKey).count();
            int allEntities = batch.newEntities.size();
            // deleting the label a batch connects to takes its connections, but not the entities it introduced
            boolean labelGone = batch.toLabel != null && !now.labels().containsKey(batch.toLabel.id);
            boolean lost = batch.acknowledged && (entities != allEntities || !labelGone && connections != batch.size);
            boolean partial = connections != 0 && connections != batch.size
                    || entities != 0 && entities != allEntities
                    || connections > 0 && entities != allEntities
                    || !labelGone && connections == 0 && entities > 0;
            if (lost || partial) {
                problems.add("%s batch %s (%s%s): %d of %d connections, %d of %d new entities".formatted(lost ? "LOST" : "PARTIAL",
                        batch.tag, batch.acknowledged ? "acknowledged" : "not acknowledged",
                        batch.toLabel == null ? "" : labelGone ? ", its label is gone" : ", its label is there",
                        connections, batch.size, entities, allEntities));
            }
        }

        for (LabelCascade cascade : cascades) {
            JsonNode label = cascade.id != null ? now.labels().get(cascade.id) : labelsByName.get(cascade.name);
            String id = cascade.id != null ? cascade.id : label != null ? label.path("_id").asString() : null;
            if (id == null) {
                continue; // its create was cut off and left no label, so the server gave it no ID to look for
            }
            JsonNode entry = now.entities().get(id);
            boolean entryThere = entry != null && entry.path("connection_entity_type").asString().equals("LABEL");
            long mappings = now.mappings().stream().filter(m -> m.path("label_id").asString().equals(id)).count();
            long connections = now.connections().stream().filter(c -> ends(c).contains(id)).count();

            List<String> lost = new ArrayList<>();
            List<String> partial = new ArrayList<>();
            if (label == null) {
                if (cascade.created && !cascade.deleteSent) {
                    lost.add("the acknowledged label is gone");
                }
                if (entryThere || mappings > 0 || connections > 0) {
                    partial.add("the label is gone but not all that goes with it");
                }
            } else {
                if (cascade.deleteAcknowledged) {
                    lost.add("the acknowledged delete did not happen");
                }
                if (!entryThere) {
                    partial.add("the label is there without its directory entry");
                }
                if (cascade.mappingsAcknowledged && mappings != LABEL_MAPPINGS) {
                    lost.add("acknowledged mappings are missing");
                }
                if (mappings != 0 && mappings != LABEL_MAPPINGS) {
                    partial.add("only some of its mappings are there");
                }
            }
            if (!lost.isEmpty() || !partial.isEmpty()) {
                String step = !cascade.created ? "create not acknowledged" : cascade.deleteAcknowledged ? "delete acknowledged"
                        : cascade.deleteSent ? "delete not acknowledged" : "delete not sent";
                List<String> why = new ArrayList<>(lost);
                why.addAll(partial);
                problems.add("%s label %s (%s, %s): %s; label %s, directory entry %s, %d of %d mappings, %d connections".formatted(
                        lost.isEmpty() ? "PARTIAL" : "LOST", cascade.name, id, step, String.join(", ", why),
                        label == null ? "absent" : "present", entryThere ? "present" : "absent", mappings, LABEL_MAPPINGS, connections));
            }
        }

        // nothing may point at a label that is gone (those above are reported already), or at an entity that is not
        // in the directory
        Set<String> reported = cascades.stream().map(c -> c.id).filter(java.util.Objects::nonNull).collect(Collectors.toCollection(HashSet::new));
        for (JsonNode entity : now.entities().values()) {
            String id = entity.path("connection_entity_id").asString();
            if (entity.path("connection_entity_type").asString().equals("LABEL") && !now.labels().containsKey(id) && reported.add(id)) {
                problems.add("PARTIAL: directory entry " + id + " of type LABEL without its label");
            }
        }
        for (JsonNode mapping : now.mappings()) {
            String labelId = mapping.path("label_id").asString();
            if (!now.labels().containsKey(labelId) && reported.add(labelId)) {
                problems.add("PARTIAL: mappings of label " + labelId + ", which is gone");
            }
        }
        for (JsonNode connection : now.connections()) {
            for (String end : ends(connection)) {
                if (!now.entities().containsKey(end) && reported.add(end)) {
                    problems.add("PARTIAL: connection " + connection.path("_id").asString() + " (" + connection.path("notes").asString()
                            + ") names entity " + end + ", which is not in the directory");
                }
            }
        }
        return problems;
    }

    private static List<String> ends(JsonNode connection) {
        return List.of(connection.path("connection_from_entity").path("connection_entity_id").asString(),
                connection.path("connection_to_entity").path("connection_entity_id").asString());
    }

    /** "(12 PARTIAL, 3 LOST)": how many problems of each kind. */
    private static String kinds(List<String> problems) {
        Map<String, Long> counts = problems.stream().collect(Collectors.groupingBy(p -> p.split("[ :]", 2)[0],
                java.util.TreeMap::new, Collectors.counting()));
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ", " (", ")"));
    }

    /**
     * A database of this test's own on the suite's MongoDB (which the other tests share), or null for the
     * embedded store.
     */
    private static @Nullable String ownDatabase(@Nullable String shared) {
        if (shared == null) {
            return null;
        }
        var connection = new com.mongodb.ConnectionString(shared);
        String database = (connection.getDatabase() == null ? "connections" : connection.getDatabase()) + "_crash_"
                + Long.toHexString(System.nanoTime());
        int hostsStart = shared.indexOf("://") + 3;
        int query = shared.indexOf('?', hostsStart);
        int path = shared.indexOf('/', hostsStart);
        int hostsEnd = path >= 0 && (query < 0 || path < query) ? path : query >= 0 ? query : shared.length();
        String options = query >= 0 ? shared.substring(query) : "";
        var credential = connection.getCredential();
        if (credential != null && !options.contains("authSource=")) {
            // the user is defined in the database the URI named (its default authSource), not in ours
            options += (options.isEmpty() ? "?" : "&") + "authSource=" + credential.getSource();
        }
        return shared.substring(0, hostsEnd) + "/" + database + options;
    }
}
