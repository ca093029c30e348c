package io.connectionsapi;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link CannotStartException} into Spring Boot's startup failure report: its description and action, each
 * one line. The stack trace is logged only at DEBUG (logger {@code org.springframework.boot.diagnostics}).
 */
class CannotStartAnalyzer extends AbstractFailureAnalyzer<CannotStartException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, CannotStartException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
