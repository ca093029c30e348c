package io.connectionsapi.web;

import io.connectionsapi.store.ListQuery;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

/** Reads list requests: what a {@link ListSpec} parses, continued at a signed cursor when one is sent. */
@Component
public class Lists {

    private final Cursors cursors;
    private final LimitsProperties limits;

    Lists(Cursors cursors, LimitsProperties limits) {
        this.cursors = cursors;
        this.limits = limits;
    }

    /**
     * The list request of {@code tenantId} at {@code path} (for the links) with these query parameters, its total
     * counted as {@code prefer} asks ({@link ListQuery.Counting}; an estimate counts up to {@code count-cap}).
     */
    public ListRequest read(ListSpec spec, String path, String tenantId, MultiValueMap<String, String> parameters,
            CountPreference prefer) {
        ListQuery query = spec.parse(parameters);
        ListQuery.Counting.Mode mode = prefer.mode();
        if (mode != null && mode != ListQuery.Counting.Mode.EXACT) {
            query = query.counting(new ListQuery.Counting(mode, limits.countCap()));
        }
        String cursor = ListRequest.single(parameters, "cursor");
        if (cursor != null) {
            query = cursors.continueAt(cursor, tenantId, query);
        }
        return new ListRequest(cursors, path, tenantId, parameters, query, cursor != null, prefer);
    }
}
