package io.connectionsapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.connectionsapi.support.ExpectedLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** The server refuses to start on an invalid setting, and says which in one line. */
class StartupSettingsTest {

    @TempDir
    static Path dir;

    static Stream<Arguments> invalidSettings() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        return Stream.of(
                Arguments.of("--connections.limits.max-batch-size=-5", "connections.limits.max-batch-size=-5 must be at least 1"),
                Arguments.of("--connections.limits.max-body-size=10B", "connections.limits.max-body-size=10B must be between 1KB and 2GB"),
                Arguments.of("--connections.security.key-cache-ttl=-1s", "connections.security.key-cache-ttl=PT-1S must not be negative"),
                Arguments.of("--connections.store.mongodb-uri=mongodb//nohost", "MONGODB_URI=<hidden> is not a valid MongoDB connection string"),
                Arguments.of("--connections.store.data-dir=" + file.resolve("data"), "CONNECTIONS_DATA_DIR=" + file.resolve("data") + " cannot be created"));
    }

    @ParameterizedTest
    @MethodSource("invalidSettings")
    void anInvalidSettingStopsStartupWithOneLineNamingIt(String argument, String expected) {
        java.util.List<String> arguments = new java.util.ArrayList<>(java.util.List.of("--server.port=0", argument));
        if (!argument.contains("data-dir")) {
            arguments.add("--connections.store.data-dir=" + dir.resolve("data")); // a repeated setting would be joined
        }
        Throwable failure = catchThrowable(() -> ExpectedLogs.during(() -> {
            new SpringApplicationBuilder(ConnectionsApiApplication.class).run(arguments.toArray(String[]::new)).close();
            return null;
        }));

        FailureAnalysis analysis = new InvalidSettingAnalyzer().analyze(failure);
        assertThat(analysis).as("failure analysis of %s", failure).isNotNull();
        assertThat(analysis.getDescription()).startsWith("Invalid setting: " + expected).doesNotContain("\n");
    }
}
