package io.connectionsapi.entity;

import static com.mongodb.client.model.Filters.eq;

import io.connectionsapi.security.Caller;
import io.connectionsapi.web.ApiException;
import io.connectionsapi.web.DocumentCounters;
import io.connectionsapi.web.Envelope;
import io.connectionsapi.web.ErrorCode;
import io.connectionsapi.web.ErrorDetail;
import io.connectionsapi.web.Item;
import io.connectionsapi.web.ItemIds;
import org.bson.Document;
import io.connectionsapi.web.JsonBodies;
import io.connectionsapi.web.ListSpec;
import io.connectionsapi.web.Violations;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /connections/v1/entities}: list, bulk upsert and delete directory entries. */
@RestController
@RequestMapping("/connections/v1/entities")
class EntityController {

    private static final ListSpec LIST = ListSpec.builder()
            .filter("entity_id", (id, all) -> eq(EntityFields.ID, id))
            .filter("entity_type", EntityType.NAMES, (type, all) -> eq(EntityFields.TYPE, type))
            .filter("external_id", (id, all) -> eq(EntityFields.EXTERNAL_ID, id))
            .sortable(EntityFields.ID, EntityFields.TYPE, Entities.CREATED_AT, Entities.UPDATED_AT)
            .tieBreak(EntityFields.ID)
            .build();

    private final Entities entities;
    private final List<EntityUsage> usages;
    private final JsonBodies bodies;
    private final DocumentCounters counters;

    EntityController(Entities entities, List<EntityUsage> usages, JsonBodies bodies, DocumentCounters counters) {
        this.counters = counters;
        this.entities = entities;
        this.usages = usages;
        this.bodies = bodies;
    }

    @GetMapping
    Envelope list(Caller caller, HttpServletRequest request) {
        var page = entities.list(caller.tenantId(), LIST.parse(request.getParameterMap()));
        return Envelope.list("get_entities_successful", "entities", page.map(DirectoryEntityView::of));
    }

    @PutMapping
    Envelope upsert(Caller caller, HttpServletRequest request) {
        JsonBodies.Batch batch = bodies.batch(request, "entities");
        Violations violations = new Violations();
        EntityBatch resolved = entities.batch(caller.tenantId());
        List<String> order = batch.read(violations, item -> {
            EntityInput input = EntityInput.read(item);
            if (input == null) {
                return null;
            }
            resolved.byObject(item, "", input);
            return input.id();
        });
        violations.throwIfAny();
        resolved.resolve();
        violations.throwIfAny();
        resolved.write();
        counters.updated("entities", order.stream().distinct().count());
        List<DirectoryEntityView> views = order.stream().distinct()
                .map(id -> DirectoryEntityView.of(resolved.current(id))).toList();
        return Envelope.of("update_entities_successful", Map.of("entities", views));
    }

    @DeleteMapping
    Envelope delete(Caller caller, HttpServletRequest request) {
        Violations violations = new Violations();
        Map<String, Item> byId = ItemIds.forDelete(bodies.batch(request, "entities"), List.of(EntityFields.ID), violations);
        violations.throwIfAny();
        Map<String, Document> found = entities.findByIds(caller.tenantId(), byId.keySet());
        ItemIds.requireAll("entities", EntityFields.ID, byId, found.keySet());
        Map<String, Integer> indexById = new LinkedHashMap<>();
        byId.forEach((id, item) -> indexById.put(id, item.index()));
        found.forEach((id, entity) -> {
            if (EntityFields.LABEL.equals(entity.getString(EntityFields.TYPE))) {
                byId.get(id).reject(EntityFields.ID, "names label '" + id + "'; labels are deleted with DELETE /connections/v1/labels");
            }
        });
        violations.throwIfAny();
        List<ErrorDetail> conflicts = new ArrayList<>();
        for (EntityUsage usage : usages) {
            for (String id : usage.inUse(caller.tenantId(), indexById.keySet())) {
                int index = indexById.get(id);
                conflicts.add(ErrorDetail.item(index, "entities[" + index + "]." + EntityFields.ID,
                        "entity '" + id + "' is still used by " + usage.usedBy()));
            }
        }
        if (!conflicts.isEmpty()) {
            throw new ApiException(ErrorCode.CONFLICT, conflicts.size() == 1 ? "An entity is still in use; delete what uses it first."
                    : conflicts.size() + " entities are still in use; delete what uses them first.", conflicts);
        }
        counters.deleted("entities", entities.delete(caller.tenantId(), indexById.keySet()));
        return Envelope.of("delete_entities_successful", Map.of("entities",
                indexById.keySet().stream().map(id -> Map.of(EntityFields.ID, id)).toList()));
    }
}
