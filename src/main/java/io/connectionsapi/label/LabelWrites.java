package io.connectionsapi.label;

import static io.connectionsapi.label.LabelFields.*;

import io.connectionsapi.entity.Entities;
import io.connectionsapi.entity.EntityType;
import io.connectionsapi.entity.EntityUsage;
import io.connectionsapi.label.LabelItems.LabelChange;
import io.connectionsapi.store.UniqueWrites;
import io.connectionsapi.store.UnitOfWork;
import io.connectionsapi.web.ApiException;
import io.connectionsapi.web.ErrorCode;
import io.connectionsapi.web.ErrorDetail;
import io.connectionsapi.web.Item;
import io.connectionsapi.web.ItemIds;
import io.connectionsapi.web.JsonBodies;
import io.connectionsapi.web.Violations;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Service;

/**
 * Batch writes of labels, all or nothing, each step one command: the labels, then their directory entries (and
 * the connections showing a renamed label); a deletion also removes the label's mappings and connections.
 */
@Service
class LabelWrites {

    private final Labels labels;
    private final Entities entities;
    private final List<EntityUsage> usages;

    LabelWrites(Labels labels, Entities entities, List<EntityUsage> usages) {
        this.labels = labels;
        this.entities = entities;
        this.usages = usages;
    }

    List<Document> create(String tenantId, JsonBodies.Batch batch) {
        Violations violations = new Violations();
        List<LabelItems.NewLabel> read = batch.read(violations, LabelItems::create);
        List<Item> items = read.stream().map(LabelItems.NewLabel::item).toList();
        Date now = new Date();
        List<Document> created = read.stream().map(label -> LabelItems.apply(new Document(ID, new ObjectId().toHexString())
                .append(TENANT, tenantId).append(TYPE, null).append(DETAILS, new Document())
                .append(FLAGS, new Document(CONNECTABLE, true)).append(LOCATION_ID, null).append(CONFIGURATION_ID, null)
                .append(STATUS, DEFAULT_STATUS).append(CREATED_AT, now).append(UPDATED_AT, now), label.fields())).toList();
        violations.throwIfAny();
        requireDistinctNames(created, items);

        int refused = labels.insertAll(tenantId, created);
        if (refused != UniqueWrites.WRITTEN) {
            throw nameTaken(created.get(refused), items.get(refused));
        }
        var taken = entities.saveManaged(tenantId, EntityType.LABEL, entries(created), false);
        if (!taken.isEmpty()) {
            // a directory entity of another type has a newly assigned label ID (it was sent as an entity ID): undo
            if (UnitOfWork.undoByHand()) {
                List<String> ids = created.stream().map(label -> label.getString(ID)).toList();
                labels.delete(tenantId, ids);
                entities.deleteManaged(tenantId, EntityType.LABEL, ids);
            }
            throw new ApiException(ErrorCode.CONFLICT, "The directory holds another entity with a label ID this batch was"
                    + " given; nothing was changed, and sending the batch again assigns new IDs.");
        }
        return created;
    }

    List<Document> update(String tenantId, JsonBodies.Batch batch) {
        Violations violations = new Violations();
        Map<String, LabelChange> byId = new LinkedHashMap<>();
        for (LabelChange change : batch.read(violations, LabelItems::update)) {
            ItemIds.firstTime(byId, change.id(), change, change.item(), LabelItems.ID_SPELLINGS, LabelChange::item);
        }
        violations.throwIfAny();
        Map<String, Document> stored = labels.findByIds(tenantId, byId.keySet());
        ItemIds.requireAll("labels", LABEL_ID, byId, stored.keySet(), LabelChange::item);

        Date now = new Date();
        List<Document> originals = new ArrayList<>();
        List<Document> changed = new ArrayList<>();
        Map<String, Document> sets = new LinkedHashMap<>();
        for (LabelChange change : byId.values()) {
            Document original = stored.get(change.id());
            originals.add(original);
            changed.add(LabelItems.apply(new Document(original), change.fields()).append(UPDATED_AT, now));
            sets.put(change.id(), LabelItems.sets(change.fields()).append(UPDATED_AT, now));
        }
        List<Item> items = byId.values().stream().map(LabelChange::item).toList();
        requireDistinctNames(changed, items);
        int refused = labels.setAll(tenantId, sets, originals);
        if (refused != UniqueWrites.WRITTEN) {
            throw nameTaken(changed.get(refused), items.get(refused));
        }

        List<Document> shownDifferently = new ArrayList<>();
        for (int i = 0; i < changed.size(); i++) {
            if (!LabelView.entityData(changed.get(i)).equals(LabelView.entityData(originals.get(i)))
                    || !changed.get(i).get(FLAGS).equals(originals.get(i).get(FLAGS))) {
                shownDifferently.add(changed.get(i));
            }
        }
        entities.saveManaged(tenantId, EntityType.LABEL, entries(shownDifferently), true);
        return changed;
    }

    /** Deletes the labels, their directory entries, their mappings and the connections to or from them. */
    Map<String, Object> delete(String tenantId, JsonBodies.Batch batch) {
        Violations violations = new Violations();
        Map<String, Item> byId = ItemIds.forDelete(batch, LabelItems.ID_SPELLINGS, violations);
        violations.throwIfAny();
        ItemIds.requireAll("labels", LABEL_ID, byId, labels.findByIds(tenantId, byId.keySet()).keySet());

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("labels", byId.keySet().stream().map(id -> Map.of(LABEL_ID, id)).toList());
        for (EntityUsage usage : usages) {
            result.put("deleted_" + usage.usedBy(), usage.removeAll(tenantId, byId.keySet()));
        }
        entities.deleteManaged(tenantId, EntityType.LABEL, byId.keySet());
        labels.delete(tenantId, byId.keySet());
        return result;
    }

    /** Two items of one batch may not claim the same (type, name): the later one is a 409, and nothing is written. */
    private static void requireDistinctNames(List<Document> batch, List<Item> items) {
        Map<String, Integer> first = new HashMap<>();
        List<ErrorDetail> conflicts = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Document label = batch.get(i);
            Integer earlier = first.putIfAbsent(label.getString(TYPE_KEY) + "\0" + label.getString(NAME_KEY), i);
            if (earlier != null) {
                conflicts.add(ErrorDetail.item(items.get(i).index(), items.get(i).path(NAME),
                        "repeats the type and name of item " + items.get(earlier).index() + " (compared case-insensitively)"));
            }
        }
        if (!conflicts.isEmpty()) {
            throw new ApiException(ErrorCode.CONFLICT, "Labels of one type need distinct names; nothing was changed.", conflicts);
        }
    }

    private static ApiException nameTaken(Document label, Item item) {
        String type = label.getString(TYPE);
        return new ApiException(ErrorCode.CONFLICT, "A label " + (type == null ? "without a type" : "of type '" + type + "'")
                + " named '" + label.getString(NAME) + "' exists already; nothing was changed.",
                List.of(ErrorDetail.item(item.index(), item.path(NAME), "is taken by another label of the same type (compared case-insensitively)")));
    }

    private static Map<String, Entities.ManagedEntry> entries(List<Document> labels) {
        Map<String, Entities.ManagedEntry> entries = new LinkedHashMap<>();
        for (Document label : labels) {
            entries.put(label.getString(ID), new Entities.ManagedEntry(LabelView.entityData(label),
                    label.get(FLAGS, Document.class).getBoolean(CONNECTABLE, true)));
        }
        return entries;
    }
}
