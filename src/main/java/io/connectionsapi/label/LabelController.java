package io.connectionsapi.label;

import static com.mongodb.client.model.Filters.eq;
import static io.connectionsapi.label.LabelFields.*;

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

/** {@code /connections/v1/labels}. */
@RestController
@RequestMapping(LabelController.PATH)
class LabelController {

    static final String PATH = "/connections/v1/labels";

    private static final ListSpec LIST = ListSpec.builder()
            .filter(LABEL_ID, (id, all) -> eq(ID, id))
            .filter(NAME, (name, all) -> eq(NAME_KEY, key(name)))
            .filter(TYPE, (type, all) -> eq(TYPE_KEY, key(type)))
            // names and types compare case-insensitively, as the equality filters and the uniqueness do
            .compare(Compared.string(NAME).storedAt(NAME_KEY).normalizedBy(LabelFields::key))
            .compare(Compared.string(TYPE).storedAt(TYPE_KEY).normalizedBy(LabelFields::key))
            .compare(Compared.string(STATUS))
            .compare(Compared.date(CREATED_AT))
            .compare(Compared.date(UPDATED_AT))
            .compare(Compared.bool(FLAGS + "." + CONNECTABLE))
            .sortable(NAME, TYPE, STATUS, CREATED_AT, UPDATED_AT, ID)
            .build();

    static final Fieldset FIELDS = Fieldset.of(LabelView.class);

    private final Labels labels;
    private final LabelWrites writes;
    private final WriteAnswers answers;
    private final Lists lists;

    LabelController(Labels labels, LabelWrites writes, WriteAnswers answers, Lists lists) {
        this.answers = answers;
        this.lists = lists;
        this.labels = labels;
        this.writes = writes;
    }

    @GetMapping
    Envelope list(Caller caller, @RequestParam MultiValueMap<String, String> query, CountPreference prefer) {
        var fields = FIELDS.parse(query);
        var request = lists.read(LIST, PATH, caller.tenantId(), query, prefer);
        var page = labels.list(caller.tenantId(), request.query());
        return request.answer("get_labels_successful", "labels", fields.apply(page.map(LabelView::of)));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Envelope create(Caller caller, @JsonBody("labels") JsonBodies.Batch batch) {
        var created = writes.create(caller.tenantId(), batch);
        return answers.created("labels", created.size(),
                Map.of("labels", created.stream().map(LabelView::of).toList()));
    }

    @PutMapping
    Envelope update(Caller caller, @JsonBody("labels") JsonBodies.Batch batch) {
        var updated = writes.update(caller.tenantId(), batch);
        return answers.updated("labels", updated.size(),
                Map.of("labels", updated.stream().map(LabelView::of).toList()));
    }

    @DeleteMapping
    Envelope delete(Caller caller, @JsonBody("labels") JsonBodies.Batch batch) {
        var deleted = writes.delete(caller.tenantId(), batch);
        return answers.deleted("labels", ((java.util.List<?>) deleted.get("labels")).size(), deleted);
    }

    @GetMapping("/{id}")
    Envelope get(Caller caller, @PathVariable String id, @RequestParam MultiValueMap<String, String> query,
            Preconditions conditions) {
        PathItems.requireNoQuery(query);
        var label = conditions.current(labels, caller.tenantId(), id, "label", LABEL_ID);
        return PathItems.one("get_labels_successful", "labels", FIELDS, query, LabelView.of(label));
    }

    @PutMapping("/{id}")
    Envelope updateOne(Caller caller, @PathVariable String id, @JsonBody JsonNode body, Preconditions conditions) {
        conditions.require(labels, caller.tenantId(), id, "label", false);
        var updated = PathItems.run("labels", () -> writes.update(caller.tenantId(),
                PathItems.update("labels", id, ID_SPELLINGS, body)));
        conditions.answer(updated.get(0));
        return answers.updated("labels", updated.size(), Map.of("labels", updated.stream().map(LabelView::of).toList()));
    }

    @DeleteMapping("/{id}")
    Envelope deleteOne(Caller caller, @PathVariable String id, @RequestBody(required = false) byte @Nullable [] body,
            Preconditions conditions) {
        PathItems.requireNoBody(body);
        conditions.require(labels, caller.tenantId(), id, "label", false);
        return PathItems.run("labels", () -> delete(caller, PathItems.delete("labels", id, LABEL_ID)));
    }
}
