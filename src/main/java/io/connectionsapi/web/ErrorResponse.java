package io.connectionsapi.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The contract's failure envelope, with the request's ID to quote when asking about it. */
public record ErrorResponse(boolean success, String identifier, String message, List<ErrorDetail> errors,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String requestId) {

    public static ErrorResponse of(ApiException e) {
        return new ErrorResponse(false, e.code().identifier(), e.getMessage(), e.errors(), RequestLog.currentId());
    }

    public static ErrorResponse of(ErrorCode code, String message) {
        return new ErrorResponse(false, code.identifier(), message, List.of(), RequestLog.currentId());
    }
}
