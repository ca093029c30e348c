# connections-api container image.
#
#   docker build -t connections-api .
#   docker run -p 8080:8080 -e CONNECTIONS_API_KEY=... -e MONGODB_URI=mongodb://... connections-api
#
# Without MONGODB_URI the server uses the embedded store in /app/data (a volume). docker-compose.yml runs it
# with MongoDB. Java 25 or newer: the image starts from an AOT cache (JEP 483/514/515), which older JVMs lack.
ARG JAVA_VERSION=25

# ---- build: compile and package with the project's Maven wrapper -------------------------------------------
FROM eclipse-temurin:${JAVA_VERSION}-jdk AS build
WORKDIR /build

# Wrapper and POM first: the dependency layer below is rebuilt only when these change, not on every source edit.
COPY mvnw ./
COPY .mvn/ .mvn/
COPY pom.xml ./
RUN chmod +x mvnw && ./mvnw -B -q dependency:go-offline

# pom.xml adds openapi/ as a resource directory: the served OpenAPI document is packaged from there.
COPY openapi/ openapi/
COPY src/ src/
RUN ./mvnw -B -q -Dstart-archive.skip=true -DskipTests package \
    && cp target/connections-api-*.jar app.jar \
    && java -Djarmode=tools -jar app.jar extract --layers --application-filename app.jar --destination extracted

# ---- run: a JRE, the extracted layers, a non-root user ------------------------------------------------------
FROM eclipse-temurin:${JAVA_VERSION}-jre

# The HEALTHCHECK uses curl. The Ubuntu-based Temurin images ship it today; install it should one stop doing so.
RUN command -v curl >/dev/null \
    || (apt-get update \
        && apt-get install -y --no-install-recommends curl \
        && rm -rf /var/lib/apt/lists/*)

RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app \
    && mkdir -p /app/data \
    && chown 10001:10001 /app/data

WORKDIR /app

# Least to most often changed, so that a code change rebuilds only the last layers. Extracted (app.jar and lib/),
# not the jar in a jar: the JVM's AOT cache below only holds classes loaded from plain jars.
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./

# The embedded store's file and the generated first key (initial-api-key) live here when MONGODB_URI is unset.
ENV CONNECTIONS_DATA_DIR=/app/data
VOLUME ["/app/data"]

# A capped heap by default: MaxRAMPercentage alone sizes it from the container's memory limit, or from the host's
# whole RAM when the container has none, and an uncapped heap grows before it is collected (docs/benchmark.md).
# 512 MB at most holds a body at the 16 MiB limit (160-256 MB ran out of memory on one); starting at 64 MB with the
# serial collector, the heap grows only as far as the work needs (about 330 MB resident with 100,000 connections on
# the embedded store; G1 would fill its whole heap first: 735-800 MB). More JVM options, or another heap
# (-e JAVA_TOOL_OPTIONS=-Xmx1g, or an empty one to size it at 75 % of the container's limit): JAVA_TOOL_OPTIONS.
# Application settings: environment variables (see the README).
ENV JAVA_TOOL_OPTIONS="-Xms64m -Xmx512m -XX:+UseSerialGC -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40"

# Start time (docs/operating.md, "Start time"): a training run records the classes a start loads and links, and
# their profiles, into an AOT cache that every start of the image maps instead of loading them again; the jar's
# ahead-of-time-generated Spring context (-Dspring.aot.enabled=true) skips parsing configuration and evaluating
# conditions. The training run starts the application context on an empty embedded store in a scratch directory
# (nothing of it, no key, stays in the image) and exits once the context is up. The runtime uses the same JVM
# options; with other ones (another GC, say) the JVM starts without the cache, only slower.
RUN java -XX:MaxRAMPercentage=75 -XX:AOTCacheOutput=app.aot -Dspring.aot.enabled=true -Dspring.context.exit=onRefresh \
        -jar app.jar --connections.store.data-dir=/tmp/aot-training --connections.store.mongodb-uri= \
    && rm -rf /tmp/aot-training

USER 10001:10001
EXPOSE 8080

# Readiness is DOWN (503, so curl -f fails) while the store is unreachable.
HEALTHCHECK --interval=10s --timeout=3s --start-period=40s --retries=3 \
    CMD curl -fsS -o /dev/null "http://localhost:${SERVER_PORT:-8080}/actuator/health/readiness" || exit 1

ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:AOTCache=app.aot", "-Dspring.aot.enabled=true", "-jar", "app.jar"]
