package io.connectionsapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.connectionsapi.support.ExpectedLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter;
import org.springframework.context.ApplicationListener;

/**
 * The server refuses to start on an invalid setting, with one failure report naming the setting and the rule it
 * breaks: Spring Boot's report of a failed validation for the rules the settings declare, the server's own for what
 * only the start can find out.
 */
class StartupSettingsTest {

    @TempDir
    static Path dir;

    static Stream<Arguments> invalidSettings() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        return Stream.of(
                declared("connections.limits.max-batch-size=-5", "must be greater than or equal to 1"),
                declared("connections.limits.max-body-size=10B", "must be between 1KB and 2GB"),
                declared("connections.limits.max-body-size=2GB", "must be between 1KB and 2GB"),
                declared("connections.security.key-cache-ttl=-1s", "must be longer than or equal to 0"),
                declared("connections.security.last-used-interval=-1m", "must be longer than or equal to 0"),
                declared("connections.rate-limit.requests-per-second=0", "must be greater than 0"),
                declared("connections.rate-limit.burst=0", "must be greater than or equal to 1"),
                declared("connections.rate-limit.failed-auth-per-minute=0", "must be greater than or equal to 1"),
                declared("connections.rate-limit.heartbeat=0s", "must be longer than 0"),
                Arguments.of("connections.store.mongodb-uri=mongodb//nohost",
                        List.of("MONGODB_URI is not a valid MongoDB connection string: ", "Correct MONGODB_URI")),
                Arguments.of("connections.store.data-dir=" + file.resolve("data"),
                        List.of("The data directory " + file.resolve("data") + " (CONNECTIONS_DATA_DIR) cannot be created",
                                "Set CONNECTIONS_DATA_DIR to a directory")));
    }

    /** A rule a settings record declares: Spring Boot's report names the setting as given, and the rule. */
    private static Arguments declared(String setting, String rule) {
        String property = setting.substring(0, setting.indexOf('='));
        return Arguments.of(setting, List.of("Origin: \"" + property + "\" from property source \"commandLineArgs\"",
                "Reason: " + rule + "\n", "Update your application's configuration"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSettings")
    void anInvalidSettingStopsStartupWithAReportNamingItAndItsRule(String setting, List<String> reportParts) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--" + setting));
        if (!setting.contains("data-dir")) {
            arguments.add("--connections.store.data-dir=" + dir.resolve("data")); // a repeated setting would be joined
        }
        Logger reporter = (Logger) LoggerFactory.getLogger(LoggingFailureAnalysisReporter.class);
        ListAppender<ILoggingEvent> reports = new ListAppender<>();
        reports.start();
        try {
            assertThatThrownBy(() -> ExpectedLogs.during(() -> {
                // once the application has set its logging up, which drops appenders added before
                new SpringApplicationBuilder(ConnectionsApiApplication.class)
                        .listeners((ApplicationListener<ApplicationPreparedEvent>) prepared -> reporter.addAppender(reports))
                        .run(arguments.toArray(String[]::new)).close();
                return null;
            })).isNotNull();
        } finally {
            reporter.detachAppender(reports);
        }

        assertThat(reports.list).as("failure reports").hasSize(1);
        String report = reports.list.get(0).getFormattedMessage().replace(System.lineSeparator(), "\n");
        assertThat(report).contains("APPLICATION FAILED TO START").contains(reportParts);
        if (setting.contains("mongodb-uri")) {
            assertThat(report).as("the URI may hold a password").doesNotContain("nohost");
        }
    }
}
