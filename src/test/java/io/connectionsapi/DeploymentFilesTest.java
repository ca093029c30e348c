package io.connectionsapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The Dockerfile, docker-compose.yml and the GitHub workflow run only where Docker does (the workflow's image and
 * smoke jobs run them for real); this checks their structure everywhere, without Docker and without a network.
 */
class DeploymentFilesTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    private static JsonNode yaml(String file) throws IOException {
        return YAML.readTree(Files.readString(Path.of(file)));
    }

    /** A scalar as text, a list (the exec form of command, test, entrypoint) as its items joined by spaces. */
    private static String text(JsonNode node) {
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.values().forEach(item -> items.add(text(item)));
            return String.join(" ", items);
        }
        return node.isMissingNode() || node.isNull() ? "" : node.asString();
    }

    /** A service's environment, whether written as a map or as a list of NAME=value. */
    private static Map<String, String> environment(JsonNode service) {
        JsonNode env = service.path("environment");
        Map<String, String> result = new java.util.LinkedHashMap<>();
        if (env.isObject()) {
            env.properties().forEach(e -> result.put(e.getKey(), text(e.getValue())));
        } else {
            env.values().forEach(item -> {
                String[] pair = text(item).split("=", 2);
                result.put(pair[0], pair.length > 1 ? pair[1] : "");
            });
        }
        return result;
    }

    // ---- docker-compose.yml -----------------------------------------------------------------------------------

    @Test
    void composeRunsTheAppAgainstAMongoReplicaSetAndPublishesOnlyTheApi() throws IOException {
        JsonNode compose = yaml("docker-compose.yml");
        JsonNode services = compose.path("services");
        assertThat(services.propertyNames()).containsExactlyInAnyOrder("mongo", "app");

        for (String name : services.propertyNames()) {
            if (!name.equals("app")) {
                assertThat(services.path(name).has("ports")).as("%s publishes no port", name).isFalse();
            }
        }
        JsonNode app = services.path("app");
        assertThat(app.path("ports").values()).extracting(DeploymentFilesTest::text).containsExactly("8080:8080");
        assertThat(text(app.path("build").isObject() ? app.path("build").path("context") : app.path("build"))).isEqualTo(".");
        assertThat(text(app.path("depends_on").path("mongo").path("condition"))).isEqualTo("service_healthy");
        assertThat(text(app.path("restart"))).isEqualTo("unless-stopped");

        JsonNode mongo = services.path("mongo");
        assertThat(text(mongo.path("image"))).isEqualTo("mongo:8");
        String command = text(mongo.path("command"));
        assertThat(command).contains("--bind_ip_all");
        Matcher replSet = Pattern.compile("--replSet[ =](\\S+)").matcher(command);
        assertThat(replSet.find()).as("mongo runs with --replSet: %s", command).isTrue();
        String replicaSet = replSet.group(1);

        String healthcheck = text(mongo.path("healthcheck").path("test"));
        assertThat(healthcheck).contains("mongosh", "rs.status()", "rs.initiate(", "_id: '" + replicaSet + "'",
                "host: 'mongo:27017'");
        assertThat(mongo.path("healthcheck").has("interval")).isTrue();
        assertThat(mongo.path("healthcheck").has("retries")).isTrue();
        assertThat(mongo.path("healthcheck").has("start_period")).isTrue();

        List<String> mongoVolumes = new ArrayList<>();
        mongo.path("volumes").values().forEach(v -> mongoVolumes.add(text(v)));
        assertThat(mongoVolumes).anySatisfy(v -> {
            String source = v.split(":", 2)[0];
            assertThat(compose.path("volumes").has(source)).as("%s is a named volume", source).isTrue();
            assertThat(v).endsWith(":/data/db");
        });

        Map<String, String> env = environment(app);
        assertThat(env.get("MONGODB_URI")).startsWith("mongodb://mongo:27017/")
                .contains("replicaSet=" + replicaSet);
        assertThat(env.get("CONNECTIONS_API_KEY")).as("compose refuses to start without a key")
                .startsWith("${CONNECTIONS_API_KEY:?");
    }

    @Test
    void envExampleNamesTheKeyComposeNeeds() throws IOException {
        assertThat(Files.readAllLines(Path.of(".env.example")))
                .anySatisfy(line -> assertThat(line).matches("CONNECTIONS_API_KEY=\\S+"));
    }

    // ---- .github/workflows/ci.yml -----------------------------------------------------------------------------

    private static List<String> runs(JsonNode job) {
        List<String> runs = new ArrayList<>();
        job.path("steps").values().forEach(step -> runs.add(text(step.path("run"))));
        return runs;
    }

    private static List<String> uses(JsonNode job) {
        List<String> uses = new ArrayList<>();
        job.path("steps").values().forEach(step -> uses.add(text(step.path("uses"))));
        return uses;
    }

    @Test
    void theWorkflowVerifiesOnTwoJavasBuildsTheImageAndSmokeTestsCompose() throws IOException {
        JsonNode workflow = yaml(".github/workflows/ci.yml");
        // YAML 1.1 parsers read the key `on` as true; YAML 1.2 (this one) as "on"
        JsonNode on = workflow.has("on") ? workflow.path("on") : workflow.path("true");
        assertThat(on.propertyNames()).contains("push", "pull_request");

        JsonNode jobs = workflow.path("jobs");
        assertThat(jobs.propertyNames()).contains("verify", "image", "smoke");

        JsonNode verify = jobs.path("verify");
        assertThat(verify.path("strategy").path("matrix").path("java").values()).extracting(DeploymentFilesTest::text)
                .contains("21", "25");
        assertThat(uses(verify)).contains("actions/checkout@v4", "actions/setup-java@v4");
        assertThat(verify.path("steps").values()).anySatisfy(step -> {
            assertThat(text(step.path("uses"))).isEqualTo("actions/setup-java@v4");
            assertThat(text(step.path("with").path("distribution"))).isEqualTo("temurin");
            assertThat(text(step.path("with").path("java-version"))).isEqualTo("${{ matrix.java }}");
            assertThat(text(step.path("with").path("cache"))).isEqualTo("maven");
        });
        assertThat(runs(verify)).anySatisfy(run -> assertThat(run).contains("./mvnw -B verify"));

        JsonNode image = jobs.path("image");
        assertThat(String.join("\n", uses(image)) + String.join("\n", runs(image)))
                .containsAnyOf("docker/build-push-action@", "docker build");

        JsonNode smoke = jobs.path("smoke");
        String smokeRuns = String.join("\n", runs(smoke));
        assertThat(smokeRuns).contains("CONNECTIONS_API_KEY=", "docker compose up -d --build",
                "/actuator/health/readiness", "x-api-key: $CONNECTIONS_API_KEY", "total_results == 1");
        assertThat(smoke.path("steps").values()).anySatisfy(step -> {
            assertThat(text(step.path("if"))).isEqualTo("failure()");
            assertThat(text(step.path("run"))).contains("docker compose logs");
        });
        List<JsonNode> steps = new ArrayList<>(smoke.path("steps").values());
        JsonNode last = steps.get(steps.size() - 1);
        assertThat(text(last.path("if"))).isEqualTo("always()");
        assertThat(text(last.path("run"))).contains("docker compose down -v");
    }

    /** The names the application gives {@code getCollection}, from its sources. */
    private static java.util.Set<String> applicationCollections() throws IOException {
        Pattern getCollection = Pattern.compile("getCollection\\(\"([^\"]+)\"");
        java.util.Set<String> names = new java.util.TreeSet<>();
        try (var files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher matcher = getCollection.matcher(Files.readString(file));
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            }
        }
        return names;
    }

    @Test
    void theWorkflowInsistsOnMongoDbAndAlsoVerifiesThroughMongosOfAShardedCluster() throws IOException {
        JsonNode jobs = yaml(".github/workflows/ci.yml").path("jobs");
        assertThat(text(jobs.path("verify").path("env").path("CONNECTIONS_TEST_REQUIRE_MONGODB"))).isEqualTo("true");

        JsonNode sharded = jobs.path("verify-sharded");
        JsonNode env = sharded.path("env");
        assertThat(text(env.path("CONNECTIONS_TEST_REQUIRE_MONGODB"))).isEqualTo("true");
        assertThat(text(env.path("MONGODB_URI"))).startsWith("mongodb://localhost:27017");
        assertThat(text(env.path("CONNECTIONS_TEST_DATABASE"))).matches("[A-Za-z0-9_-]{1,63}");

        List<String> runs = runs(sharded);
        String all = String.join("\n", runs);
        assertThat(all).contains("mongo:8", "mongod --configsvr", "mongod --shardsvr", "mongos --configdb",
                "-p 27017:27017", "rs.initiate(", "sh.addShard(", "$CONNECTIONS_TEST_DATABASE");
        int shard = -1;
        int verify = -1;
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).contains("sh.shardCollection(")) {
                shard = i;
            }
            if (runs.get(i).contains("./mvnw -B verify")) {
                verify = i;
            }
        }
        assertThat(shard).as("a step shards the collections").isNotNegative();
        assertThat(verify).as("the tests run after the sharding").isGreaterThan(shard);
        // the keys docs/operating.md#sharding recommends
        assertThat(runs.get(shard)).contains("\"connections\": { key: { tenant_id: 1, _id: 1 }",
                "\"entities\": { key: { tenant_id: 1, connection_entity_id: 1 }", "unique: true", "sh.shardCollection(ns, key, unique === true)", "\"labels\": { key: { tenant_id: 1 }",
                "\"label_mappings\": { key: { tenant_id: 1 }");
        assertThat(Files.readString(Path.of("docs/operating.md"))).contains(
                "sh.shardCollection(\"connections.connections\", { tenant_id: 1, _id: 1 })",
                "sh.shardCollection(\"connections.entities\", { tenant_id: 1, connection_entity_id: 1 }, true)",
                "sh.shardCollection(\"connections.labels\", { tenant_id: 1 })",
                "sh.shardCollection(\"connections.label_mappings\", { tenant_id: 1 })");
        // the collections sharded are the application's, by the names it uses
        for (String collection : List.of("connections", "entities", "labels", "label_mappings")) {
            assertThat(applicationCollections()).contains(collection);
            assertThat(runs.get(shard)).contains("\"" + collection + "\"");
        }
    }

    // ---- Dockerfile and .dockerignore -------------------------------------------------------------------------

    /** The Dockerfile's instructions, continuation lines joined and comments dropped. */
    private static List<String> dockerfile() throws IOException {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("Dockerfile"))) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            instructions.add(current.toString().replaceAll("\\s+", " ").strip());
            current.setLength(0);
        }
        return instructions;
    }

    private static List<String> all(List<String> instructions, String keyword) {
        return instructions.stream().filter(i -> i.toUpperCase().startsWith(keyword + " ")).toList();
    }

    /**
     * One set of JVM flags wherever the server is launched: the pom's property, the start archive's training run, the
     * benchmark's restart, the image and the README's jar line (which AotStartIT runs).
     */
    @Test
    void theImageAndTheReadmeLaunchWithThePomsJvmFlags() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        String flags = pomProperty(pom, "launch.jvm-flags");
        assertThat(pom).contains("<jvmArguments>${launch.jvm-flags}</jvmArguments>",
                "<commandlineArgs>${launch.jvm-flags} ${start-archive.record} ",
                "-Dbench.launch=${launch.jvm-flags} ${launch.from-archive}");
        assertThat(dockerfile()).contains("ENV JAVA_TOOL_OPTIONS=\"" + flags + "\"");
        String fromArchive = pomProperty(pom, "launch.from-archive");
        assertThat(fromArchive).isEqualTo("-XX:SharedArchiveFile=target/app/app.jsa -Dspring.aot.enabled=true"
                + " -jar target/app/connections-api-0.1.0-SNAPSHOT.jar");
        assertThat(Files.readString(Path.of("README.md")).replace("\\\n  ", ""))
                .contains("java " + flags + " " + fromArchive + "\n");
    }

    /** A property of the pom, with the properties it names (and the jar's name) put in. */
    private static String pomProperty(String pom, String name) {
        java.util.regex.Matcher property = java.util.regex.Pattern.compile("<" + java.util.regex.Pattern.quote(name)
                + ">(.+)</" + java.util.regex.Pattern.quote(name) + ">").matcher(pom);
        assertThat(property.find()).as(name).isTrue();
        String value = property.group(1);
        java.util.regex.Matcher reference = java.util.regex.Pattern.compile("\\$\\{([^}]+)}").matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (reference.find()) {
            String named = reference.group(1);
            reference.appendReplacement(resolved, java.util.regex.Matcher.quoteReplacement(
                    named.equals("project.build.finalName") ? "connections-api-0.1.0-SNAPSHOT" : pomProperty(pom, named)));
        }
        return reference.appendTail(resolved).toString();
    }

    @Test
    void theDockerfileBuildsWithTheWrapperAndRunsTheLayersAsANonRootUser() throws IOException {
        List<String> instructions = dockerfile();

        List<String> froms = all(instructions, "FROM");
        assertThat(froms).hasSizeGreaterThanOrEqualTo(2);
        assertThat(froms.get(0)).contains("eclipse-temurin:").contains("-jdk");
        assertThat(froms.get(froms.size() - 1)).contains("eclipse-temurin:").contains("-jre");

        // dependencies are resolved before the sources come in, and the openapi/ resource directory comes along
        int goOffline = indexOf(instructions, "RUN", "dependency:go-offline");
        assertThat(goOffline).isLessThan(indexOf(instructions, "COPY", "src/"));
        assertThat(indexOf(instructions, "COPY", "pom.xml")).isLessThan(goOffline);
        assertThat(indexOf(instructions, "COPY", "openapi")).isGreaterThan(goOffline);
        assertThat(instructions.get(indexOf(instructions, "RUN", "-DskipTests package")))
                .contains("./mvnw", "-DskipTests", "-Djarmode=tools", "extract --layers --application-filename app.jar");

        // plain jars (app.jar and lib/), which the AOT cache can hold, not the launcher's exploded classes
        List<String> layers = List.of("dependencies", "snapshot-dependencies", "application");
        List<String> copies = all(instructions, "COPY").stream().filter(c -> c.contains("--from=")).toList();
        assertThat(copies).hasSize(layers.size());
        for (int i = 0; i < layers.size(); i++) {
            assertThat(copies.get(i)).contains("/" + layers.get(i) + "/");
        }

        List<String> users = all(instructions, "USER");
        assertThat(users).isNotEmpty();
        String user = users.get(users.size() - 1).substring("USER ".length()).split(":")[0];
        assertThat(user).isNotIn("root", "0");

        assertThat(all(instructions, "WORKDIR")).last().isEqualTo("WORKDIR /app");
        assertThat(all(instructions, "ENV")).anySatisfy(e -> assertThat(e).contains("CONNECTIONS_DATA_DIR=/app/data"));
        assertThat(all(instructions, "VOLUME")).anySatisfy(v -> assertThat(v).contains("/app/data"));
        assertThat(all(instructions, "EXPOSE")).anySatisfy(e -> assertThat(e.split(" ")).contains("8080"));
        assertThat(all(instructions, "HEALTHCHECK")).singleElement().asString()
                .contains("/actuator/health/readiness");
        assertThat(all(instructions, "ENTRYPOINT")).singleElement().asString()
                .contains("\"-XX:AOTCache=app.aot\"", "\"-Dspring.aot.enabled=true\"", "\"-jar\", \"app.jar\"");

        // the AOT cache is trained on the layers as they are in the image (its class path is checked), as root
        // (it writes app.aot into /app), on a scratch store that does not stay in the image
        int training = indexOf(instructions, "RUN", "-XX:AOTCacheOutput=app.aot");
        assertThat(training).isGreaterThan(indexOf(instructions, "COPY", "/application/"))
                .isLessThan(instructions.indexOf(users.get(users.size() - 1)));
        assertThat(instructions.get(training)).contains("-Dspring.aot.enabled=true", "-Dspring.context.exit=onRefresh",
                "-jar app.jar", "--connections.store.data-dir=/tmp/aot-training", "rm -rf /tmp/aot-training");
        // with the heap the image runs with, set before the training run
        assertThat(indexOf(instructions, "ENV", "JAVA_TOOL_OPTIONS")).isLessThan(training);
    }

    private static int indexOf(List<String> instructions, String keyword, String text) {
        for (int i = 0; i < instructions.size(); i++) {
            String instruction = instructions.get(i);
            if (instruction.toUpperCase().startsWith(keyword + " ") && instruction.contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no " + keyword + " instruction with " + text + " in the Dockerfile");
    }

    @Test
    void theBuildContextLeavesOutOutputDataAndSecretsButNotTheSources() throws IOException {
        List<String> ignored = Files.readAllLines(Path.of(".dockerignore")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(l -> l.replaceAll("^/|/$", "")).toList();
        assertThat(ignored).contains("target", "data", ".git", ".env");
        assertThat(ignored).doesNotContain("src", "openapi", "pom.xml", "mvnw", ".mvn", "*", "**");
    }
}
