package io.connectionsapi.bench;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.connectionsapi.bench.Workload.Operation;
import io.connectionsapi.bench.Workload.Request;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The benchmark (docs/benchmark.md): the server's jar and {@link BareServer}, each in a JVM of its own on the same
 * kind of store, seeded with the same connections, are sent the same requests, and the time each takes is compared.
 * The two sides take turns (a round of one, then a round of the other, three rounds per operation) so that neither
 * gets the quieter half of the run. Run it with {@code ./mvnw -Pbench verify}.
 */
public final class Benchmark {

    /** Each operation is measured in this many turns per side. */
    private static final int ROUNDS = 3;

    private Benchmark() {
    }

    /** What the -D options (pom.xml, profile bench) say. */
    record Settings(int connections, int clients, Duration perOperation, Path jar, Path out, String mongoUri,
            int slowClients, boolean serverOnly) {

        static Settings fromSystemProperties() {
            String uri = System.getenv("MONGODB_URI");
            return new Settings(Integer.getInteger("bench.connections", 20_000), Integer.getInteger("bench.clients", 1),
                    Duration.ofSeconds(Integer.getInteger("bench.seconds", 20)),
                    Path.of(required("bench.jar")), Path.of(System.getProperty("bench.out", "target/bench")),
                    uri == null || uri.isBlank() ? null : uri, Integer.getInteger("bench.slow-clients", 300),
                    Boolean.getBoolean("bench.server-only"));
        }

        private static String required(String property) {
            String value = System.getProperty(property);
            if (value == null) {
                throw new IllegalArgumentException("-D" + property + " is required (./mvnw -Pbench verify sets it)");
            }
            return value;
        }
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystemProperties();
        String stamp = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path work = Files.createDirectories(settings.out().resolve(stamp));
        String key = "bench-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
        Workload workload = new Workload(settings.connections());
        String store = settings.mongoUri() == null ? "embedded store (mongo-java-server, H2 MVStore), one per side"
                : "MongoDB at " + String.join(",", new ConnectionString(settings.mongoUri()).getHosts()) + ", a database per side";
        System.out.printf("%nBenchmark: %,d connections, %d client(s) for reads, at most %ds per operation and side; %s%n",
                settings.connections(), settings.clients(), settings.perOperation().toSeconds(), store);
        System.out.println("Logs and results: " + work);

        String loadBefore = loadAverage();
        List<Side> sides = new ArrayList<>();
        Thread cleanup = new Thread(() -> sides.forEach(Side::kill));
        Runtime.getRuntime().addShutdownHook(cleanup);
        String apiDatabase = "bench_api_" + stamp.replace('-', '_');
        String bareDatabase = "bench_bare_" + stamp.replace('-', '_');
        try {
            long started = System.nanoTime();
            sides.add(startServer(settings, work, key, apiDatabase));
            if (!settings.serverOnly()) {
                sides.add(startBare(settings, work, key, bareDatabase));
            }
            System.out.printf("Started %s in %.1f s%n", settings.serverOnly() ? "the server" : "both sides",
                    seconds(System.nanoTime() - started));

            seed(workload, sides);
            List<Row> rows = new ArrayList<>();
            if (!settings.serverOnly()) {
                for (Operation operation : workload.operations()) {
                    rows.add(measure(operation, sides, settings));
                }
            }
            String resilience = resilience(settings, work, key, apiDatabase, sides);
            String report = report(settings, store, rows, loadBefore, loadAverage()) + resilience;
            System.out.println();
            System.out.println(report);
            Files.writeString(work.resolve("results.md"), report);
            System.out.println("Written to " + work.resolve("results.md"));
        } finally {
            for (Side side : sides) {
                side.close();
            }
            Runtime.getRuntime().removeShutdownHook(cleanup);
            if (settings.mongoUri() == null) {
                deleteTree(work.resolve("server-data"));
                deleteTree(work.resolve("bare-data"));
            } else {
                try (MongoClient client = MongoClients.create(settings.mongoUri())) {
                    client.getDatabase(apiDatabase).drop();
                    client.getDatabase(bareDatabase).drop();
                }
            }
        }
    }

    /**
     * The application as shipped, but with a known key and rate limits out of the way, so that the benchmark never
     * measures the limiter (the 8-way line of {@link #resilience} runs on the defaults instead).
     */
    private static Side startServer(Settings settings, Path work, String key, String database) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx2g", "-jar", settings.jar().toString(),
                "--connections.store.data-dir=" + work.resolve("server-data"),
                "--connections.security.api-key=" + key,
                "--connections.rate-limit.requests-per-second=1000000",
                "--connections.rate-limit.burst=1000000"));
        if (settings.mongoUri() != null) {
            command.add("--connections.store.mongodb-uri=" + withDatabase(settings.mongoUri(), database));
        }
        return Side.start("server", command, port -> List.of("--server.port=" + port), "/actuator/health/readiness",
                key, work.resolve("server.log"));
    }

    /**
     * The server alone: slow bodies while an ordinary client reads; then a restart as a user gets it (the README's
     * jar line, {@code bench.launch}: the launch flags, from the start archive; and the default rate limits) on the
     * seeded data, the time until it is ready, its resident memory, and an 8-way sync client against the default
     * limits. The restarted server replaces the first in {@code sides}.
     */
    private static String resilience(Settings settings, Path work, String key, String database, List<Side> sides)
            throws Exception {
        Side server = sides.get(0);
        long seconds = settings.perOperation().toSeconds();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%n## The server alone%n%n"));
        String slow = Resilience.slowBodies(server, settings.slowClients(), seconds);
        System.out.println("Slow bodies: " + slow);
        out.append("- Slow bodies: ").append(slow).append('\n');
        long seededMib = server.residentMib();
        server.close();
        long started = System.nanoTime();
        List<String> command = new ArrayList<>(List.of(java()));
        String launch = System.getProperty("bench.launch", "").trim();
        command.addAll(launch.isEmpty() ? List.of("-jar", settings.jar().toString()) : List.of(launch.split("\\s+")));
        command.addAll(List.of("--connections.store.data-dir=" + work.resolve("server-data"), "--connections.security.api-key=" + key));
        if (settings.mongoUri() != null) {
            command.add("--connections.store.mongodb-uri=" + withDatabase(settings.mongoUri(), database));
        }
        Side restarted = Side.start("server (as shipped)", command, port -> List.of("--server.port=" + port),
                "/actuator/health/readiness", key, work.resolve("server-restarted.log"));
        double restart = seconds(System.nanoTime() - started);
        sides.set(0, restarted);
        restarted.seeded().addAll(server.seeded());
        long startedMib = restarted.residentMib();
        String restartLine = String.format(Locale.ROOT, "Restart on %,d connections with the defaults a user gets (the README's"
                + " jar line, default rate limits): ready in %.1f s; resident memory %d MiB once ready (the benchmark's server, -Xmx2g,"
                + " had %d MiB before it stopped)", settings.connections(), restart, startedMib, seededMib);
        System.out.println(restartLine);
        out.append("- ").append(restartLine).append('\n');
        String eight = Resilience.eightWay(restarted, seconds);
        long afterMib = restarted.residentMib();
        System.out.println("8-way sync client, default rate limits: " + eight + "; resident memory after: " + afterMib + " MiB");
        out.append("- 8-way sync client, default rate limits: ").append(eight).append("; resident memory after: ")
                .append(afterMib).append(" MiB\n");
        return out.toString();
    }

    private static Side startBare(Settings settings, Path work, String key, String database) throws Exception {
        String store = settings.mongoUri() != null ? withDatabase(settings.mongoUri(), database)
                : work.resolve("bare-data").toString();
        List<String> command = List.of(java(), "-Xmx2g", "-Dtests.log.level=ERROR",
                "-cp", System.getProperty("java.class.path"), BareServer.class.getName());
        return Side.start("bare driver", command, port -> List.of(String.valueOf(port), key, store), "/ready",
                key, work.resolve("bare.log"));
    }

    /** The same seed batches to both sides, taking turns batch by batch; then a check that both hold them all. */
    private static void seed(Workload workload, List<Side> sides) throws Exception {
        long[] nanos = new long[sides.size()];
        for (int b = 0; b < workload.seedBatches(); b++) {
            Request batch = workload.seedBatch(b);
            for (int s = 0; s < sides.size(); s++) {
                Side side = sides.get(s);
                Side.Timed answer = side.send(batch);
                nanos[s] += answer.nanos();
                answer.json().getList("data", org.bson.Document.class)
                        .forEach(connection -> side.seeded().add(connection.getString("_id")));
            }
        }
        for (int s = 0; s < sides.size(); s++) {
            Side side = sides.get(s);
            Object total = side.call(Request.get("/connections?limit=1")).get("pagination", org.bson.Document.class)
                    .get("total_results");
            if (((Number) total).longValue() != workload.connections) {
                throw new IllegalStateException(side.name() + " holds " + total + " connections after seeding, not " + workload.connections);
            }
            System.out.printf("Seeded %s: %,d connections in %d batches of %d in %.1f s%n", side.name(),
                    workload.connections, workload.seedBatches(), Workload.BATCH, seconds(nanos[s]));
        }
    }

    /**
     * One operation on both sides: a warm-up (a tenth of the requests, untimed) whose first answers must say the
     * same on both sides, then {@link #ROUNDS} turns each, the sides taking turns. Each side makes the same requests
     * (numbered alike). A side gets {@code bench.seconds} for the operation, warm-up included, in equal turns; each
     * turn sends at least one request, and once the time is spent, later turns are skipped: a request that takes
     * longer than the whole time (a bulk update on the embedded store) is measured once.
     */
    private static Row measure(Operation operation, List<Side> sides, Settings settings) throws Exception {
        int clients = operation.read() ? settings.clients() : 1;
        long budget = settings.perOperation().toNanos();
        long turn = budget / (ROUNDS + 1);
        int warmUp = Math.max(1, operation.requests() / 10);
        long[] spent = new long[sides.size()];
        String[] firstAnswers = new String[sides.size()];
        for (int s = 0; s < sides.size(); s++) {
            Side side = sides.get(s);
            long started = System.nanoTime();
            firstAnswers[s] = operation.summary().apply(side.send(operation.prepare().prepare(side, 0)).json());
            long left = turn - (System.nanoTime() - started);
            if (warmUp > 1 && left > 0) {
                run(operation, side, 1, warmUp - 1, clients, left);
            }
            spent[s] = System.nanoTime() - started;
        }
        if (!firstAnswers[0].equals(firstAnswers[1])) {
            throw new IllegalStateException(operation.name() + ": the sides answered differently (" + sides.get(0).name()
                    + ": " + firstAnswers[0] + "; " + sides.get(1).name() + ": " + firstAnswers[1] + ")");
        }
        Tally[] tallies = {new Tally(), new Tally()};
        int next = warmUp;
        for (int round = 0; round < ROUNDS; round++) {
            int size = operation.requests() / ROUNDS + (round < operation.requests() % ROUNDS ? 1 : 0);
            for (int k = 0; k < sides.size(); k++) {
                int s = (round + k) % sides.size(); // who goes first alternates
                if (round > 0 && spent[s] >= budget) {
                    continue;
                }
                long started = System.nanoTime();
                tallies[s].add(run(operation, sides.get(s), next, size, clients, turn));
                spent[s] += System.nanoTime() - started;
            }
            next += size;
        }
        Row row = new Row(operation.name(), firstAnswers[0], tallies[0], tallies[1]);
        System.out.printf("%-48s server %s | bare %s | x%.2f%n", operation.name(), tallies[0], tallies[1], row.ratio());
        return row;
    }

    /**
     * Sends requests number {@code from} to {@code from + count - 1} from {@code clients} threads at once, each
     * preparing (untimed) and sending its next request when the last was answered, until all are sent or
     * {@code limitNanos} have passed (the first request is always sent). Returns the time of each request answered,
     * and the turn's wall time less what preparing took.
     */
    private static Turn run(Operation operation, Side side, int from, int count, int clients, long limitNanos)
            throws Exception {
        long[] nanos = new long[count];
        Arrays.fill(nanos, -1);
        AtomicInteger next = new AtomicInteger();
        AtomicLong preparing = new AtomicLong();
        long started = System.nanoTime();
        long deadline = started + limitNanos;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < count && (i == 0 || System.nanoTime() < deadline)) {
                        long preparation = System.nanoTime();
                        Request request = operation.prepare().prepare(side, from + i);
                        preparing.addAndGet(System.nanoTime() - preparation);
                        nanos[i] = side.send(request).nanos();
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long wall = System.nanoTime() - started - preparing.get() / clients;
        return new Turn(Arrays.stream(nanos).filter(n -> n >= 0).toArray(), wall);
    }

    private record Turn(long[] nanos, long wallNanos) {
    }

    /** The requests answered on one side, over all its turns. */
    static final class Tally {
        private final List<Long> nanos = new ArrayList<>();
        private long wallNanos;

        void add(Turn turn) {
            Arrays.stream(turn.nanos()).forEach(nanos::add);
            wallNanos += turn.wallNanos();
        }

        int count() {
            return nanos.size();
        }

        /** Requests answered per second of the turns' wall time: with one client, 1 / the mean time per request. */
        double perSecond() {
            return nanos.size() / seconds(wallNanos);
        }

        double medianMillis() {
            return percentileMillis(50);
        }

        double percentileMillis(int percent) {
            long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, index)] / 1e6;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%4d req, median %8.1f ms, p95 %8.1f ms, %s req/s", count(),
                    medianMillis(), percentileMillis(95), rate(perSecond()));
        }
    }

    /** One operation's line in the results. */
    record Row(String operation, String answer, Tally server, Tally bare) {
        /** How many times as long the server takes for a request as the bare driver. */
        double ratio() {
            return bare.perSecond() / server.perSecond();
        }
    }

    private static String report(Settings settings, String store, List<Row> rows, String loadBefore, String loadAfter)
            throws IOException {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%,d connections, %s, %d client(s) for reads, at most %d s per operation"
                + " and side.%n%s; load average %s before, %s after.%n%n", settings.connections(), store, settings.clients(),
                settings.perOperation().toSeconds(), machine(), loadBefore, loadAfter));
        if (rows.isEmpty()) {
            return out.toString();
        }
        out.append("| operation | requests (server / bare) | server median ms | bare median ms | server req/s | bare req/s | server ÷ bare (time) |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %d / %d | %.1f | %.1f | %s | %s | %.2f |%n", row.operation(),
                    row.server().count(), row.bare().count(), row.server().medianMillis(), row.bare().medianMillis(),
                    rate(row.server().perSecond()), rate(row.bare().perSecond()), row.ratio()));
        }
        return out.toString();
    }

    /** Three significant digits at most, but never fewer than two decimals below 1: a bulk write's 0.03/s is not 0. */
    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, perSecond >= 100 ? "%.0f" : perSecond >= 10 ? "%.1f" : perSecond >= 1 ? "%.2f" : "%.3f",
                perSecond);
    }

    /** The machine, as the results name it. */
    static String machine() throws IOException {
        String cpu = lineOf("/proc/cpuinfo", "model name");
        String memory = lineOf("/proc/meminfo", "MemTotal");
        long kib = memory == null ? 0 : Long.parseLong(memory.replaceAll("[^0-9]", ""));
        return String.format(Locale.ROOT, "%d cores (%s), %.0f GiB RAM, Java %s (%s), %s",
                Runtime.getRuntime().availableProcessors(), cpu == null ? "CPU unknown" : cpu, kib / 1024.0 / 1024.0,
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"),
                ZonedDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE));
    }

    /** The 1-minute load average: other work on the machine slows both sides, but not always alike. */
    private static String loadAverage() throws IOException {
        Path path = Path.of("/proc/loadavg");
        return Files.isReadable(path) ? Files.readString(path).split(" ")[0] : "unknown";
    }

    private static String lineOf(String file, String field) throws IOException {
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            return null;
        }
        try (Stream<String> lines = Files.lines(path)) {
            return lines.filter(line -> line.startsWith(field)).map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst().orElse(null);
        }
    }

    /**
     * The URI with another database: each side gets a database of its own, dropped afterwards. Credentials keep
     * authenticating where they did (authSource defaults to the URI's database).
     */
    static String withDatabase(String uri, String database) {
        ConnectionString parsed = new ConnectionString(uri);
        int hostsStart = uri.indexOf("://") + 3;
        int query = uri.indexOf('?', hostsStart);
        int slash = uri.indexOf('/', hostsStart);
        int hostsEnd = slash >= 0 && (query < 0 || slash < query) ? slash : query >= 0 ? query : uri.length();
        String options = query >= 0 ? uri.substring(query + 1) : "";
        if (parsed.getCredential() != null && !options.contains("authSource=")) {
            options = (options.isEmpty() ? "" : options + "&") + "authSource=" + parsed.getCredential().getSource();
        }
        return uri.substring(0, hostsEnd) + "/" + database + (options.isEmpty() ? "" : "?" + options);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
