package io.connectionsapi.connection;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;
import static io.connectionsapi.connection.ConnectionFields.*;

import io.connectionsapi.entity.EntityType;
import io.connectionsapi.security.Caller;
import io.connectionsapi.web.Compared;
import io.connectionsapi.web.CountPreference;
import io.connectionsapi.web.Envelope;
import io.connectionsapi.web.Fieldset;
import io.connectionsapi.web.JsonBodies;
import io.connectionsapi.web.JsonBody;
import io.connectionsapi.web.ListSpec;
import io.connectionsapi.web.PathItems;
import io.connectionsapi.web.Preconditions;
import io.connectionsapi.web.Lists;
import io.connectionsapi.web.WriteAnswers;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /connections/v1/connections}. */
@RestController
@RequestMapping(ConnectionController.PATH)
class ConnectionController {

    static final String PATH = "/connections/v1/connections";

    /** Only people and teams carry an external ID that the {@code external_id} filter looks at. */
    private static final List<String> EXTERNAL_ID_TYPES = List.of("PERSON", "TEAM");

    static final ListSpec LIST = ListSpec.builder()
            .filter("connection_id", (id, all) -> eq(ID, id))
            .filter("entity_id", (id, all) -> all.containsKey("entity_type")
                    ? or(and(eq(FROM_ENTITY_ID, id), eq(FROM_ENTITY_TYPE, all.get("entity_type"))),
                            and(eq(TO_ENTITY_ID, id), eq(TO_ENTITY_TYPE, all.get("entity_type"))))
                    : or(eq(FROM_ENTITY_ID, id), eq(TO_ENTITY_ID, id)))
            .filter("entity_type", EntityType.NAMES, (type, all) -> all.containsKey("entity_id") ? null
                    : or(eq(FROM_ENTITY_TYPE, type), eq(TO_ENTITY_TYPE, type)))
            .filter("external_id", (id, all) -> or(
                    and(eq(FROM_EXTERNAL_ID, id), in(FROM_ENTITY_TYPE, EXTERNAL_ID_TYPES)),
                    and(eq(TO_EXTERNAL_ID, id), in(TO_ENTITY_TYPE, EXTERNAL_ID_TYPES))))
            .filter("location_id", (id, all) -> eq(LOCATION_ID, id))
            .filter("configuration_id", (id, all) -> eq(CONFIGURATION_ID, id))
            .filter("status", (status, all) -> eq(STATUS, status))
            .compare(Compared.number(STRENGTH))
            .compare(Compared.number(PRIORITY))
            .compare(Compared.string(STATUS))
            .compare(Compared.date(CREATED_AT))
            .compare(Compared.date(UPDATED_AT))
            .compare(Compared.date(STARTS_AT))
            .compare(Compared.date(ENDS_AT))
            .compare(Compared.string(LOCATION_ID))
            .compare(Compared.string(CONFIGURATION_ID))
            .compare(Compared.string(FROM_ENTITY_ID))
            .compare(Compared.string(TO_ENTITY_ID))
            .compare(Compared.oneOf(FROM_ENTITY_TYPE, EntityType.NAMES))
            .compare(Compared.oneOf(TO_ENTITY_TYPE, EntityType.NAMES))
            .sortable(STRENGTH, PRIORITY, STATUS, CREATED_AT, UPDATED_AT, STARTS_AT, ENDS_AT, ID,
                    FROM_ENTITY_ID, TO_ENTITY_ID, FROM_ENTITY_TYPE, TO_ENTITY_TYPE)
            .build();

    static final Fieldset FIELDS = Fieldset.of(ConnectionView.class);

    private final Connections connections;
    private final ConnectionWrites writes;
    private final WriteAnswers answers;
    private final Lists lists;

    ConnectionController(Connections connections, ConnectionWrites writes, WriteAnswers answers, Lists lists) {
        this.answers = answers;
        this.lists = lists;
        this.connections = connections;
        this.writes = writes;
    }

    @GetMapping
    Envelope list(Caller caller, @RequestParam MultiValueMap<String, String> query, CountPreference prefer) {
        var fields = FIELDS.parse(query);
        var request = lists.read(LIST, PATH, caller.tenantId(), query, prefer);
        var page = connections.list(caller.tenantId(), request.query());
        return request.answer("get_connections_successful", "connections", fields.apply(page.map(ConnectionView::of)));
    }

    @PostMapping
    Envelope create(Caller caller, @JsonBody("connections") JsonBodies.Batch batch) {
        var created = writes.create(caller.tenantId(), batch);
        return answers.created("connections", created.size(), created.stream().map(ConnectionView::of).toList());
    }

    @PutMapping
    Envelope update(Caller caller, @JsonBody("connections") JsonBodies.Batch batch) {
        var updated = writes.update(caller.tenantId(), batch);
        return answers.updated("connections", updated.size(), updated.stream().map(ConnectionView::of).toList());
    }

    @DeleteMapping
    Envelope delete(Caller caller, @JsonBody("connections") JsonBodies.Batch batch) {
        var deleted = writes.delete(caller.tenantId(), batch);
        return answers.deleted("connections", deleted.size(),
                Map.of("connections", deleted.stream().map(id -> Map.of("connection_id", id)).toList()));
    }

    @GetMapping("/{id}")
    Envelope get(Caller caller, @PathVariable String id, @RequestParam MultiValueMap<String, String> query,
            Preconditions conditions) {
        PathItems.requireNoQuery(query);
        var connection = conditions.current(connections, caller.tenantId(), id, "connection", "connection_id");
        return PathItems.one("get_connections_successful", "connections", FIELDS, query, ConnectionView.of(connection));
    }

    @PutMapping("/{id}")
    Envelope updateOne(Caller caller, @PathVariable String id, @JsonBody JsonNode body, Preconditions conditions) {
        conditions.require(connections, caller.tenantId(), id, "connection", false);
        var updated = PathItems.run("connections", () -> writes.update(caller.tenantId(),
                PathItems.update("connections", id, ID_SPELLINGS, body)));
        conditions.answer(updated.get(0));
        return answers.updated("connections", updated.size(), updated.stream().map(ConnectionView::of).toList());
    }

    @DeleteMapping("/{id}")
    Envelope deleteOne(Caller caller, @PathVariable String id, @RequestBody(required = false) byte @Nullable [] body,
            Preconditions conditions) {
        PathItems.requireNoBody(body);
        conditions.require(connections, caller.tenantId(), id, "connection", false);
        return PathItems.run("connections", () -> delete(caller, PathItems.delete("connections", id, "connection_id")));
    }
}
