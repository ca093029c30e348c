package io.connectionsapi.mapping;

import static com.mongodb.client.model.Filters.eq;
import static io.connectionsapi.mapping.MappingFields.*;

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
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /connections/v1/labels/mapping}. Batches go under {@code mappings} (or {@code label_mappings}). */
@RestController
@RequestMapping(MappingController.PATH)
class MappingController {

    static final String PATH = "/connections/v1/labels/mapping";

    private static final ListSpec LIST = ListSpec.builder()
            .filter("label_mapping_id", (id, all) -> eq(ID, id))
            .filter("mapping_id", (id, all) -> eq(ID, id))
            .filter(LABEL_ID, (id, all) -> eq(LABEL_ID, id))
            .filter(ENTITY_ID, (id, all) -> eq(ENTITY_ID, id))
            .filter(ENTITY_TYPE, EntityType.NAMES, (type, all) -> eq(ENTITY_TYPE, type))
            .filter("external_id", (id, all) -> eq(EXTERNAL_ID, id))
            .compare(Compared.string(LABEL_ID))
            .compare(Compared.string(ENTITY_ID))
            .compare(Compared.oneOf(ENTITY_TYPE, EntityType.NAMES))
            .compare(Compared.string(VALUE))
            .compare(Compared.string(VISIBILITY))
            .compare(Compared.string(STATUS))
            .compare(Compared.date(CREATED_AT))
            .compare(Compared.date(UPDATED_AT))
            .sortable(LABEL_ID, ENTITY_ID, ENTITY_TYPE, CREATED_AT, UPDATED_AT, ID)
            .build();

    static final Fieldset FIELDS = Fieldset.of(MappingView.class);

    private final Mappings mappings;
    private final MappingWrites writes;
    private final WriteAnswers answers;
    private final Lists lists;

    MappingController(Mappings mappings, MappingWrites writes, WriteAnswers answers, Lists lists) {
        this.answers = answers;
        this.lists = lists;
        this.mappings = mappings;
        this.writes = writes;
    }

    @GetMapping
    Envelope list(Caller caller, @RequestParam MultiValueMap<String, String> query, CountPreference prefer) {
        var fields = FIELDS.parse(query);
        var request = lists.read(LIST, PATH, caller.tenantId(), query, prefer);
        var page = mappings.list(caller.tenantId(), request.query());
        return request.answer("get_mappings_successful", "label_mappings", fields.apply(page.map(MappingView::of)));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Envelope create(Caller caller, @JsonBody({"mappings", "label_mappings"}) JsonBodies.Batch batch) {
        var created = writes.create(caller.tenantId(), batch);
        return answers.created("mappings", created.size(),
                Map.of("mappings", created.stream().map(MappingView::of).toList()));
    }

    @PutMapping
    Envelope update(Caller caller, @JsonBody({"mappings", "label_mappings"}) JsonBodies.Batch batch) {
        var updated = writes.update(caller.tenantId(), batch);
        return answers.updated("mappings", updated.size(),
                Map.of("mappings", updated.stream().map(MappingView::of).toList()));
    }

    @DeleteMapping
    Envelope delete(Caller caller, @JsonBody({"mappings", "label_mappings"}) JsonBodies.Batch batch) {
        var deleted = writes.delete(caller.tenantId(), batch);
        return answers.deleted("mappings", deleted.size(),
                Map.of("mappings", deleted.stream().map(id -> Map.of("mapping_id", id)).toList()));
    }

    @GetMapping("/{id}")
    Envelope get(Caller caller, @PathVariable String id, @RequestParam MultiValueMap<String, String> query,
            Preconditions conditions) {
        PathItems.requireNoQuery(query);
        var mapping = conditions.current(mappings, caller.tenantId(), id, "mapping", "mapping_id");
        return PathItems.one("get_mappings_successful", "label_mappings", FIELDS, query, MappingView.of(mapping));
    }

    @PutMapping("/{id}")
    Envelope updateOne(Caller caller, @PathVariable String id, @JsonBody JsonNode body, Preconditions conditions) {
        conditions.require(mappings, caller.tenantId(), id, "mapping", false);
        var updated = PathItems.run("mappings", () -> writes.update(caller.tenantId(),
                PathItems.update("mappings", id, ID_SPELLINGS, body)));
        conditions.answer(updated.get(0));
        return answers.updated("mappings", updated.size(), Map.of("mappings", updated.stream().map(MappingView::of).toList()));
    }

    @DeleteMapping("/{id}")
    Envelope deleteOne(Caller caller, @PathVariable String id, @RequestBody(required = false) byte @Nullable [] body,
            Preconditions conditions) {
        PathItems.requireNoBody(body);
        conditions.require(mappings, caller.tenantId(), id, "mapping", false);
        return PathItems.run("mappings", () -> delete(caller, PathItems.delete("mappings", id, "mapping_id")));
    }
}
