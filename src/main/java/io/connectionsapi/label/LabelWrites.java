package io.connectionsapi.label;

import static io.connectionsapi.label.LabelFields.*;

import io.connectionsapi.entity.Entities;
import io.connectionsapi.entity.EntityType;
import io.connectionsapi.entity.EntityUsage;
import io.connectionsapi.label.LabelItems.LabelChange;
import io.connectionsapi.store.TenantCollection;
import io.connectionsapi.store.UnitOfWork;
import io.connectionsapi.web.ApiException;
import io.connectionsapi.web.Changes;
import io.connectionsapi.web.ErrorCode;
import io.connectionsapi.web.FreeForm;
import io.connectionsapi.web.Item;
import io.connectionsapi.web.ItemIds;
import io.connectionsapi.web.JsonBodies;
import io.connectionsapi.web.UniqueRule;
import io.connectionsapi.web.Violations;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.stereotype.Service;

/**
 * Batch writes of labels, all or nothing, each step one command: the labels, then their directory entries (and
 * the connections showing a renamed label); a deletion also removes the label's mappings and connections.
 */
@Service
class LabelWrites {

    /** (type, name) is unique per tenant, compared case-insensitively. */
    private static final UniqueRule NAMES = new UniqueRule(
            label -> label.getString(TYPE_KEY) + "\0" + label.getString(NAME_KEY), NAME,
            "repeats the type and name of item %d (compared case-insensitively)",
            "Labels of one type need distinct names; nothing was changed.",
            label -> "A label " + (label.getString(TYPE) == null ? "without a type" : "of type '" + label.getString(TYPE) + "'")
                    + " named '" + label.getString(NAME) + "' exists already; nothing was changed.",
            "is taken by another label of the same type (compared case-insensitively)");

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
        List<Document> created = read.stream().map(label -> {
            Document fields = LabelItems.stored(label.fields());
            requireEntryFits(fields, label.item());
            return TenantCollection.newDocument(tenantId, fields, now);
        }).toList();
        violations.throwIfAny();
        NAMES.requireDistinct(created, items);
        NAMES.requireWritten(labels.insertAll(tenantId, created), created, items);
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
        Map<String, LabelChange> byId = ItemIds.forUpdate(batch, ID_SPELLINGS, violations, LabelItems::update);
        violations.throwIfAny();
        Map<String, Document> stored = ItemIds.requireStored(labels, tenantId, byId, "labels", LABEL_ID, LabelChange::item);

        Changes changes = Changes.of(byId, stored, change -> LabelItems.sets(change.patch()));
        List<Document> originals = changes.originals();
        List<Document> changed = changes.changed();
        for (int i = 0; i < changed.size(); i++) {
            requireEntryFits(changed.get(i), changes.items().get(i));
        }
        violations.throwIfAny();
        NAMES.requireDistinct(changed, changes.items());
        NAMES.requireWritten(labels.setAll(tenantId, changes.setsById(), originals), changed, changes.items());

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
        Map<String, Item> byId = ItemIds.forDelete(batch, ID_SPELLINGS, violations);
        violations.throwIfAny();
        ItemIds.requireStored(labels, tenantId, byId, "labels", LABEL_ID);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("labels", byId.keySet().stream().map(id -> Map.of(LABEL_ID, id)).toList());
        for (EntityUsage usage : usages) {
            result.put("deleted_" + usage.usedBy(), usage.removeAll(tenantId, byId.keySet()));
        }
        entities.deleteManaged(tenantId, EntityType.LABEL, byId.keySet());
        labels.delete(tenantId, byId.keySet());
        return result;
    }

    /**
     * A label's directory entry holds its name and type beside its details, so details within their own limits can
     * still make an entry that {@code PUT /entities} would refuse: a client reading the entity and writing it back
     * would fail. The entry obeys the limits of entity data instead.
     */
    private static void requireEntryFits(Document label, Item item) {
        String problem = FreeForm.problem(LabelView.entityData(label));
        if (problem != null) {
            item.reject(DETAILS, "with the label's name and type, as its directory entry, " + problem);
        }
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
