package io.connectionsapi.web;

import io.connectionsapi.store.ListQuery;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

/** Reads list requests: what a {@link ListSpec} parses, continued at a signed cursor when one is sent. */
@Component
public class Lists {

    private final Cursors cursors;

    Lists(Cursors cursors) {
        this.cursors = cursors;
    }

    /** The list request of {@code tenantId} at {@code path} (for the links) with these query parameters. */
    public ListRequest read(ListSpec spec, String path, String tenantId, MultiValueMap<String, String> parameters) {
        ListQuery query = spec.parse(parameters);
        String cursor = ListRequest.single(parameters, "cursor");
        if (cursor != null) {
            query = cursors.continueAt(cursor, tenantId, query);
        }
        return new ListRequest(cursors, path, tenantId, parameters, query, cursor != null);
    }
}
