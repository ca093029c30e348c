package io.connectionsapi.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.connectionsapi.store.Page;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The contract's success envelope. List answers carry their pagination twice: at the top level (where the
 * OpenAPI document puts it) and inside {@code data} (where the guide's clients read it).
 */
public record Envelope(boolean success, Object data, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Pagination pagination,
        String identifier) {

    public static Envelope of(String identifier, Object data) {
        return new Envelope(true, data, null, identifier);
    }

    public static Envelope list(String identifier, String key, Page<?> page) {
        Pagination pagination = Pagination.of(page.skip(), page.items().size(), page.total());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(key, page.items());
        data.put("pagination", pagination);
        return new Envelope(true, data, pagination, identifier);
    }

    /** Which slice of how many results a page holds: {@code from = skip + 1}, {@code to = skip + returned}. */
    public record Pagination(Range currentResults, long totalResults) {

        static Pagination of(int skip, int returned, long total) {
            return new Pagination(new Range(skip + 1L, (long) skip + returned), total);
        }
    }

    public record Range(long from, long to) {
    }
}
