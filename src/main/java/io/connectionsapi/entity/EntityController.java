package io.connectionsapi.entity;

import static com.mongodb.client.model.Filters.eq;

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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /connections/v1/entities}: list, bulk upsert and delete directory entries. */
@RestController
@RequestMapping(EntityController.PATH)
class EntityController {

    static final String PATH = "/connections/v1/entities";

    private static final ListSpec LIST = ListSpec.builder()
            .filter("entity_id", (id, all) -> eq(EntityFields.ID, id))
            .filter("entity_type", EntityType.NAMES, (type, all) -> eq(EntityFields.TYPE, type))
            .filter("external_id", (id, all) -> eq(EntityFields.EXTERNAL_ID, id))
            .compare(Compared.string("entity_id").storedAt(EntityFields.ID))
            .compare(Compared.oneOf("entity_type", EntityType.NAMES).storedAt(EntityFields.TYPE))
            .compare(Compared.date(Entities.CREATED_AT))
            .compare(Compared.date(Entities.UPDATED_AT))
            .sortable(EntityFields.ID, EntityFields.TYPE, Entities.CREATED_AT, Entities.UPDATED_AT)
            .tieBreak(EntityFields.ID)
            .build();

    static final Fieldset FIELDS = Fieldset.of(DirectoryEntityView.class, EntityFields.ID);

    private final Entities entities;
    private final EntityWrites writes;
    private final WriteAnswers answers;
    private final Lists lists;

    EntityController(Entities entities, EntityWrites writes, WriteAnswers answers, Lists lists) {
        this.lists = lists;
        this.entities = entities;
        this.writes = writes;
        this.answers = answers;
    }

    @GetMapping
    Envelope list(Caller caller, @RequestParam MultiValueMap<String, String> query, CountPreference prefer) {
        var fields = FIELDS.parse(query);
        var request = lists.read(LIST, PATH, caller.tenantId(), query, prefer);
        var page = entities.list(caller.tenantId(), request.query());
        return request.answer("get_entities_successful", "entities", fields.apply(page.map(DirectoryEntityView::of)));
    }

    @PutMapping
    Envelope upsert(Caller caller, @JsonBody("entities") JsonBodies.Batch batch) {
        var upserted = writes.upsert(caller.tenantId(), batch);
        return answers.updated("entities", upserted.size(),
                Map.of("entities", upserted.stream().map(DirectoryEntityView::of).toList()));
    }

    @DeleteMapping
    Envelope delete(Caller caller, @JsonBody("entities") JsonBodies.Batch batch) {
        var deleted = writes.delete(caller.tenantId(), batch);
        return answers.deleted("entities", deleted.size(),
                Map.of("entities", deleted.stream().map(id -> Map.of(EntityFields.ID, id)).toList()));
    }

    @GetMapping("/{id}")
    Envelope get(Caller caller, @PathVariable String id, @RequestParam MultiValueMap<String, String> query,
            Preconditions conditions) {
        PathItems.requireNoQuery(query);
        var entity = conditions.current(entities, caller.tenantId(), id, "entity", EntityFields.ID);
        return PathItems.one("get_entities_successful", "entities", FIELDS, query, DirectoryEntityView.of(entity));
    }

    /** An upsert, as {@code PUT /entities} is: {@code If-None-Match: *} makes it create-only. */
    @PutMapping("/{id}")
    Envelope upsertOne(Caller caller, @PathVariable String id, @JsonBody JsonNode body, Preconditions conditions) {
        conditions.require(entities, caller.tenantId(), id, "entity", true);
        var upserted = PathItems.run("entities", () -> writes.upsert(caller.tenantId(),
                PathItems.update("entities", id, List.of(EntityFields.ID), body)));
        conditions.answer(upserted.get(0));
        return answers.updated("entities", upserted.size(),
                Map.of("entities", upserted.stream().map(DirectoryEntityView::of).toList()));
    }

    @DeleteMapping("/{id}")
    Envelope deleteOne(Caller caller, @PathVariable String id, @RequestBody(required = false) byte @Nullable [] body,
            Preconditions conditions) {
        PathItems.requireNoBody(body);
        conditions.require(entities, caller.tenantId(), id, "entity", false);
        return PathItems.run("entities", () -> delete(caller, PathItems.delete("entities", id, EntityFields.ID)));
    }
}
