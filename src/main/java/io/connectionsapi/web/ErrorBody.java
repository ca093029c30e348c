package io.connectionsapi.web;

import java.util.List;

/**
 * The contract's failure envelope, with the request's ID to quote when asking about it. Named apart from Spring's
 * {@code org.springframework.web.ErrorResponse}, which the controller advice also handles. Made and written only by
 * {@link ErrorWriter}.
 */
public record ErrorBody(boolean success, String identifier, String message, List<ErrorDetail> errors, String requestId) {

    static ErrorBody of(ApiException e, String requestId) {
        return new ErrorBody(false, e.code().identifier(), e.getMessage(), e.errors(), requestId);
    }
}
