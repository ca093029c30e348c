package io.connectionsapi.web;

import java.util.List;

/** The contract's failure envelope. */
public record ErrorResponse(boolean success, String identifier, String message, List<ErrorDetail> errors) {

    public static ErrorResponse of(ApiException e) {
        return new ErrorResponse(false, e.code().identifier(), e.getMessage(), e.errors());
    }

    public static ErrorResponse of(ErrorCode code, String message) {
        return new ErrorResponse(false, code.identifier(), message, List.of());
    }
}
