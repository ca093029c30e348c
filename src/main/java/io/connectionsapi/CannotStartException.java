package io.connectionsapi;

/**
 * A start that cannot succeed because of something outside the server (MongoDB down, the data directory in use):
 * startup stops with Spring Boot's failure report, which says what happened and what to do, and no stack trace
 * (see {@link CannotStartAnalyzer}).
 */
public class CannotStartException extends RuntimeException {

    private final String action;

    /**
     * @param description what happened, in one line, naming the setting involved
     * @param action what to do about it, in one line
     */
    public CannotStartException(String description, String action, Throwable cause) {
        super(description, cause);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
