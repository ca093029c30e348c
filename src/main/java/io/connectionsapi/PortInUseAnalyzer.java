package io.connectionsapi;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The HTTP port is taken: Spring Boot's own report for it, but naming the setting that changes the port
 * ({@code SERVER_PORT}), so it comes before Spring Boot's analyzer of the same failure.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class PortInUseAnalyzer extends AbstractFailureAnalyzer<PortInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PortInUseException cause) {
        int port = cause.getPort();
        return new FailureAnalysis("Port " + port + " (SERVER_PORT) is in use by another process.",
                "Stop the process that listens on port " + port + ", or set SERVER_PORT to a free port, then start again.",
                cause);
    }
}
