package io.connectionsapi.entity;

import io.connectionsapi.web.ApiException;
import io.connectionsapi.web.ErrorCode;
import io.connectionsapi.web.ErrorDetail;
import io.connectionsapi.web.Item;
import io.connectionsapi.web.ItemIds;
import io.connectionsapi.web.JsonBodies;
import io.connectionsapi.web.Violations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.stereotype.Service;

/**
 * Batch writes of directory entities, all or nothing: an upsert stores new entities and changed data (and the
 * connections showing them follow); a deletion is refused while anything uses an entity, and never removes a
 * label's entry, which follows its label.
 */
@Service
class EntityWrites {

    private final Entities entities;
    private final List<EntityUsage> usages;

    EntityWrites(Entities entities, List<EntityUsage> usages) {
        this.entities = entities;
        this.usages = usages;
    }

    /** The entities as stored now, each once, in the order the batch first names them. */
    List<Document> upsert(String tenantId, JsonBodies.Batch batch) {
        Violations violations = new Violations();
        EntityBatch resolved = entities.batch(tenantId);
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
        return order.stream().distinct().map(resolved::current).toList();
    }

    /** The IDs deleted, in request order. */
    List<String> delete(String tenantId, JsonBodies.Batch batch) {
        Violations violations = new Violations();
        Map<String, Item> byId = ItemIds.forDelete(batch, List.of(EntityFields.ID), violations);
        violations.throwIfAny();
        ItemIds.requireStored(entities, tenantId, byId, "entities", EntityFields.ID).forEach((id, entity) -> {
            if (EntityFields.LABEL.equals(entity.getString(EntityFields.TYPE))) {
                byId.get(id).reject(EntityFields.ID,
                        "names label '" + id + "'; labels are deleted with DELETE /connections/v1/labels");
            }
        });
        violations.throwIfAny();
        List<ErrorDetail> conflicts = new ArrayList<>();
        for (EntityUsage usage : usages) {
            for (String id : usage.inUse(tenantId, byId.keySet())) {
                Item item = byId.get(id);
                conflicts.add(new ErrorDetail(item.index(), item.path(EntityFields.ID),
                        "entity '" + id + "' is still used by " + usage.usedBy()));
            }
        }
        if (!conflicts.isEmpty()) {
            throw new ApiException(ErrorCode.CONFLICT, conflicts.size() == 1 ? "An entity is still in use; delete what uses it first."
                    : conflicts.size() + " entities are still in use; delete what uses them first.", conflicts);
        }
        entities.delete(tenantId, byId.keySet());
        return List.copyOf(byId.keySet());
    }
}
