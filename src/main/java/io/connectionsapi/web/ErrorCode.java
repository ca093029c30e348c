package io.connectionsapi.web;

import org.springframework.http.HttpStatus;

/** The contract's error identifiers, each with the one status it is sent with. */
public enum ErrorCode {
    VALIDATION_FAILED(HttpStatus.BAD_REQUEST),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED),
    FORBIDDEN(HttpStatus.FORBIDDEN),
    NOT_FOUND(HttpStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED),
    CONFLICT(HttpStatus.CONFLICT),
    IDEMPOTENCY_KEY_REUSED(HttpStatus.CONFLICT),
    REQUEST_IN_PROGRESS(HttpStatus.CONFLICT),
    PRECONDITION_FAILED(HttpStatus.PRECONDITION_FAILED),
    REQUEST_TIMEOUT(HttpStatus.REQUEST_TIMEOUT),
    PAYLOAD_TOO_LARGE(HttpStatus.PAYLOAD_TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR),
    SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE);

    private final HttpStatus status;

    ErrorCode(HttpStatus status) {
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }

    public String identifier() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The code a status maps to when the failure did not come from our own code (framework, container). */
    static ErrorCode forStatus(int status) {
        for (ErrorCode code : values()) {
            if (code.status.value() == status) {
                return code;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : VALIDATION_FAILED;
    }

    /**
     * The failure for a status that did not come from our own code (framework, container), which knows nothing
     * more specific to say; nothing of what failed inside reaches the client.
     */
    static ApiException failure(int status) {
        ErrorCode code = forStatus(status);
        return new ApiException(code, switch (code) {
            case NOT_FOUND -> "There is no resource at this path.";
            case PAYLOAD_TOO_LARGE -> "The request body is too large.";
            case INTERNAL_ERROR -> "Something went wrong on our side; the failure was logged.";
            default -> "The request was rejected (" + code.identifier() + ").";
        });
    }
}
