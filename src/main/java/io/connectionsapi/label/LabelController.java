package io.connectionsapi.label;

import static com.mongodb.client.model.Filters.eq;
import static io.connectionsapi.label.LabelFields.*;

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

/** {@code /connections/v1/labels}. */
@RestController
@RequestMapping("/connections/v1/labels")
class LabelController {

    private static final ListSpec LIST = ListSpec.builder()
            .filter(LABEL_ID, (id, all) -> eq(ID, id))
            .filter(NAME, (name, all) -> eq(NAME_KEY, key(name)))
            .filter(TYPE, (type, all) -> eq(TYPE_KEY, key(type)))
            .sortable(NAME, TYPE, STATUS, CREATED_AT, UPDATED_AT, ID)
            .build();

    private final Labels labels;
    private final LabelWrites writes;
    private final JsonBodies bodies;
    private final DocumentCounters counters;

    LabelController(Labels labels, LabelWrites writes, JsonBodies bodies, DocumentCounters counters) {
        this.counters = counters;
        this.labels = labels;
        this.writes = writes;
        this.bodies = bodies;
    }

    @GetMapping
    Envelope list(Caller caller, HttpServletRequest request) {
        var page = labels.list(caller.tenantId(), LIST.parse(request.getParameterMap()));
        return Envelope.list("get_labels_successful", "labels", page.map(LabelView::of));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Envelope create(Caller caller, HttpServletRequest request) {
        var created = writes.create(caller.tenantId(), bodies.batch(request, "labels"));
        counters.created("labels", created.size());
        return Envelope.of("create_labels_successful", Map.of("labels", created.stream().map(LabelView::of).toList()));
    }

    @PutMapping
    Envelope update(Caller caller, HttpServletRequest request) {
        var updated = writes.update(caller.tenantId(), bodies.batch(request, "labels"));
        counters.updated("labels", updated.size());
        return Envelope.of("update_labels_successful", Map.of("labels", updated.stream().map(LabelView::of).toList()));
    }

    @DeleteMapping
    Envelope delete(Caller caller, HttpServletRequest request) {
        var deleted = writes.delete(caller.tenantId(), bodies.batch(request, "labels"));
        counters.deleted("labels", ((java.util.List<?>) deleted.get("labels")).size());
        return Envelope.of("delete_labels_successful", deleted);
    }
}
