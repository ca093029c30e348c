package io.connectionsapi.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/** One thing wrong with a request: which batch item ({@code index}), which field, and what is wrong with it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorDetail(@Nullable Integer index, @Nullable String field, String message) {

    public static ErrorDetail field(String field, String message) {
        return new ErrorDetail(null, field, message);
    }

    public static ErrorDetail item(int index, String field, String message) {
        return new ErrorDetail(index, field, message);
    }
}
