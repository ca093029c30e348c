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
        return list(identifier, key, page, new Links(null, null, null));
    }

    /**
     * A list answer whose pagination links the pages next to it ({@link ListRequest#answer}). Its views are all made
     * before it is written, while the driver's documents are held too: a view shares its strings, numbers and data
     * maps with its document, so it adds a few objects (about 0.17 MB on a page of 1000 connections, against about
     * 1.3 MB of documents and 0.45 MB of JSON held for the unit of work). Making them one at a time as the page is
     * written would take a list that makes its items anew on every read, which that saving does not pay for.
     */
    public static Envelope list(String identifier, String key, Page<?> page, Links links) {
        Pagination pagination = Pagination.of(page.skip(), page.items().size(), page.total(), page.totalExact(), links);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(key, page.items());
        data.put("pagination", pagination);
        return new Envelope(true, data, pagination, identifier);
    }

    /**
     * Which slice of how many results a page holds ({@code from = skip + 1}, {@code to = skip + returned}), and the
     * links to the pages around it: relative URLs, and the cursor of the next page, each null where there is none
     * (shown as null, as CoreData does, so a client can test for the end). {@code total_results_exact} is sent
     * only when the client chose how to count ({@code Prefer: count=estimated} or {@code none}), so default answers
     * keep gospace's shape.
     */
    public record Pagination(Range currentResults, long totalResults,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Boolean totalResultsExact,
            @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String next,
            @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String previous,
            @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String nextCursor) {

        static Pagination of(int skip, int returned, long total, @Nullable Boolean totalExact, Links links) {
            return new Pagination(new Range(skip + 1L, (long) skip + returned), total, totalExact, links.next(),
                    links.previous(), links.nextCursor());
        }
    }

    /** The links of a list page: {@code next} and {@code previous} as relative URLs, and the next page's cursor. */
    public record Links(@Nullable String next, @Nullable String previous, @Nullable String nextCursor) {
    }

    public record Range(long from, long to) {
    }
}
