package io.connectionsapi.web;

import io.connectionsapi.store.ListQuery;
import io.connectionsapi.store.Page;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;
import org.springframework.util.StringUtils;

/**
 * One list request: its query (continued where a cursor points, if it came with one) and what the answer needs to
 * link the pages next to it. Made by {@link Lists#read}.
 */
public final class ListRequest {

    private final Cursors cursors;
    private final String path;
    private final String tenantId;
    private final MultiValueMap<String, String> parameters;
    private final ListQuery query;
    private final boolean byCursor;
    private final CountPreference prefer;

    ListRequest(Cursors cursors, String path, String tenantId, MultiValueMap<String, String> parameters, ListQuery query,
            boolean byCursor, CountPreference prefer) {
        this.prefer = prefer;
        this.cursors = cursors;
        this.path = path;
        this.tenantId = tenantId;
        this.parameters = parameters;
        this.query = query;
        this.byCursor = byCursor;
    }

    public ListQuery query() {
        return query;
    }

    /**
     * The list answer for {@code page}, with its links: {@code next} and {@code previous} keep every parameter and
     * change only the window; a page reached by cursor links forward by cursor, and not back (a keyset cursor knows
     * only where the pages after it start).
     */
    public Envelope answer(String identifier, String key, Page<?> page) {
        int returned = page.items().size();
        String nextCursor = page.lastKey() == null ? null
                : cursors.next(tenantId, query, page.lastKey(), page.skip() + returned);
        String next;
        String previous;
        if (byCursor) {
            next = nextCursor == null ? null : link(Map.of("cursor", nextCursor));
            previous = null;
        } else {
            next = (long) page.skip() + returned < page.total() && returned > 0
                    ? link(Map.of("skip", String.valueOf(page.skip() + returned))) : null;
            previous = page.skip() > 0 ? link(Map.of("skip", String.valueOf(Math.max(0, page.skip() - query.limit())))) : null;
        }
        prefer.honoured();
        return Envelope.list(identifier, key, page, new Envelope.Links(next, previous, nextCursor));
    }

    /**
     * This request's path and parameters, in their order, with {@code changed} set (or added at the end), and
     * {@code skip} and {@code cursor} dropped where the other is set: a relative URL.
     */
    private String link(Map<String, String> changed) {
        StringBuilder url = new StringBuilder(path);
        char separator = '?';
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (name.equals("skip") && changed.containsKey("cursor") || name.equals("cursor") && changed.containsKey("skip")) {
                continue;
            }
            for (String value : changed.containsKey(name) ? List.of(changed.get(name)) : parameter.getValue()) {
                url.append(separator).append(encode(name)).append('=').append(encode(value));
                separator = '&';
            }
        }
        for (Map.Entry<String, String> added : changed.entrySet()) {
            if (!parameters.containsKey(added.getKey())) {
                url.append(separator).append(encode(added.getKey())).append('=').append(encode(added.getValue()));
                separator = '&';
            }
        }
        return url.toString();
    }

    /** Form encoding, which the server decodes, but spaces as %20 and the commas of lists and colons of dates kept. */
    private static String encode(String text) {
        String encoded = URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
        return StringUtils.replace(StringUtils.replace(encoded, "%2C", ","), "%3A", ":");
    }

    static @Nullable String single(MultiValueMap<String, String> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.size() != 1 ? null : values.get(0);
    }
}
