package io.connectionsapi;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an invalid setting into Spring Boot's startup failure report: one line saying which and why. */
class InvalidSettingAnalyzer extends AbstractFailureAnalyzer<InvalidSettingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingException cause) {
        return new FailureAnalysis("Invalid setting: " + cause.getMessage(),
                "Fix it (the README's Configuration table lists every setting) and start again.", cause);
    }
}
