package io.connectionsapi;

import org.jspecify.annotations.Nullable;

/**
 * A start that cannot succeed because of something the settings' Bean Validation cannot see (MongoDB down, the data
 * directory in use or not writable, a MongoDB URI the driver refuses): startup stops with Spring Boot's failure
 * report, which says what happened and what to do, and no stack trace (see {@link CannotStartAnalyzer}).
 */
public class CannotStartException extends RuntimeException {

    private final String action;

    /**
     * @param description what happened, in one line, naming the setting involved
     * @param action what to do about it, in one line
     */
    public CannotStartException(String description, String action, @Nullable Throwable cause) {
        super(description, cause);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
