package io.connectionsapi.web;

import java.util.List;

/** A failure that is the client's to fix (or the store's to recover from), answered with the error envelope. */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final List<ErrorDetail> errors;

    public ApiException(ErrorCode code, String message, List<ErrorDetail> errors) {
        super(message, null, false, false);
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    public ApiException(ErrorCode code, String message) {
        this(code, message, List.of());
    }

    public static ApiException invalid(List<ErrorDetail> errors) {
        String message = errors.size() == 1
                ? describe(errors.get(0))
                : errors.size() + " problems were found in the request; nothing was changed.";
        return new ApiException(ErrorCode.VALIDATION_FAILED, message, errors);
    }

    /** How long a client should wait before sending a request the store could not take again (503). */
    public static final String RETRY_AFTER_SECONDS = "2";

    /** The store cannot be reached or could not take the request; nothing was changed, and the client may retry. */
    public static ApiException storeUnavailable() {
        return new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "The database is unreachable right now; try again shortly.");
    }

    /** Too many requests are waiting on the store: this one did not start, and the client may retry. */
    public static ApiException storeBusy() {
        return new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "The server is busy with other requests; nothing was"
                + " changed; try again shortly.");
    }

    public static ApiException invalidField(String field, String message) {
        return invalid(List.of(ErrorDetail.field(field, message)));
    }

    public static ApiException notFound(String resource, String idField, List<String> unknownIds, List<Integer> indexes) {
        var errors = new java.util.ArrayList<ErrorDetail>();
        for (int i = 0; i < unknownIds.size(); i++) {
            errors.add(new ErrorDetail(indexes.get(i), resource + "[" + indexes.get(i) + "]." + idField,
                    "no " + singular(resource) + " with ID '" + unknownIds.get(i) + "'"));
        }
        return new ApiException(ErrorCode.NOT_FOUND, "Unknown " + singular(resource) + " IDs: " + String.join(", ", unknownIds)
                + "; nothing was changed.", errors);
    }

    private static String singular(String resource) {
        return resource.endsWith("ies") ? resource.substring(0, resource.length() - 3) + "y"
                : resource.substring(0, resource.length() - 1);
    }

    private static String describe(ErrorDetail error) {
        return error.field() == null ? error.message() : error.field() + " " + error.message() + ".";
    }

    public ErrorCode code() {
        return code;
    }

    public List<ErrorDetail> errors() {
        return errors;
    }
}
