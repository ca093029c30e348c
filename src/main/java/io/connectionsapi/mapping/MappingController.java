package io.connectionsapi.mapping;

import static com.mongodb.client.model.Filters.eq;
import static io.connectionsapi.mapping.MappingFields.*;

import io.connectionsapi.entity.EntityType;
import io.connectionsapi.security.Caller;
import io.connectionsapi.web.DocumentCounters;
import io.connectionsapi.web.Envelope;
import io.connectionsapi.web.JsonBodies;
import io.connectionsapi.web.ListSpec;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /connections/v1/labels/mapping}. Batches go under {@code mappings} (or {@code label_mappings}). */
@RestController
@RequestMapping("/connections/v1/labels/mapping")
class MappingController {

    private static final ListSpec LIST = ListSpec.builder()
            .filter("label_mapping_id", (id, all) -> eq(ID, id))
            .filter("mapping_id", (id, all) -> eq(ID, id))
            .filter(LABEL_ID, (id, all) -> eq(LABEL_ID, id))
            .filter(ENTITY_ID, (id, all) -> eq(ENTITY_ID, id))
            .filter(ENTITY_TYPE, EntityType.NAMES, (type, all) -> eq(ENTITY_TYPE, type))
            .filter("external_id", (id, all) -> eq(EXTERNAL_ID, id))
            .sortable(LABEL_ID, ENTITY_ID, ENTITY_TYPE, CREATED_AT, UPDATED_AT, ID)
            .build();

    private final Mappings mappings;
    private final MappingWrites writes;
    private final JsonBodies bodies;
    private final DocumentCounters counters;

    MappingController(Mappings mappings, MappingWrites writes, JsonBodies bodies, DocumentCounters counters) {
        this.counters = counters;
        this.mappings = mappings;
        this.writes = writes;
        this.bodies = bodies;
    }

    @GetMapping
    Envelope list(Caller caller, HttpServletRequest request) {
        var page = mappings.list(caller.tenantId(), LIST.parse(request.getParameterMap()));
        return Envelope.list("get_mappings_successful", "label_mappings", page.map(MappingView::of));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Envelope create(Caller caller, HttpServletRequest request) {
        var created = writes.create(caller.tenantId(), bodies.batch(request, "mappings", "label_mappings"));
        counters.created("mappings", created.size());
        return Envelope.of("create_mappings_successful", Map.of("mappings", created.stream().map(MappingView::of).toList()));
    }

    @PutMapping
    Envelope update(Caller caller, HttpServletRequest request) {
        var updated = writes.update(caller.tenantId(), bodies.batch(request, "mappings", "label_mappings"));
        counters.updated("mappings", updated.size());
        return Envelope.of("update_mappings_successful", Map.of("mappings", updated.stream().map(MappingView::of).toList()));
    }

    @DeleteMapping
    Envelope delete(Caller caller, HttpServletRequest request) {
        var deleted = writes.delete(caller.tenantId(), bodies.batch(request, "mappings", "label_mappings"));
        counters.deleted("mappings", deleted.size());
        return Envelope.of("delete_mappings_successful",
                Map.of("mappings", deleted.stream().map(id -> Map.of("mapping_id", id)).toList()));
    }
}
