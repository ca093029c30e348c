package io.connectionsapi.mapping;

import static io.connectionsapi.mapping.MappingFields.*;

import io.connectionsapi.entity.Entities;
import io.connectionsapi.label.Labels;
import io.connectionsapi.store.TenantCollection;
import io.connectionsapi.mapping.MappingItems.MappingChange;
import io.connectionsapi.web.Changes;
import io.connectionsapi.web.Item;
import io.connectionsapi.web.ItemIds;
import io.connectionsapi.web.JsonBodies;
import io.connectionsapi.web.UniqueRule;
import io.connectionsapi.web.Violations;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.stereotype.Service;

/** Batch writes of mappings, all or nothing; every label a mapping names must be a label of the tenant. */
@Service
class MappingWrites {

    /** A label is mapped to an entity at most once. */
    private static final UniqueRule PAIRS = new UniqueRule(
            mapping -> mapping.getString(LABEL_ID) + "\0" + mapping.getString(ENTITY_ID), ENTITY_ID,
            "repeats the label and entity of item %d", "A label is mapped to an entity at most once; nothing was changed.",
            mapping -> "Label '" + mapping.getString(LABEL_ID) + "' is mapped to entity '" + mapping.getString(ENTITY_ID)
                    + "' already; nothing was changed.",
            "is mapped to this label already");

    private final Mappings mappings;
    private final Labels labels;
    private final Entities entities;

    MappingWrites(Mappings mappings, Labels labels, Entities entities) {
        this.mappings = mappings;
        this.labels = labels;
        this.entities = entities;
    }

    List<Document> create(String tenantId, JsonBodies.Batch batch) {
        Violations violations = new Violations();
        List<MappingItems.NewMapping> read = batch.read(violations, MappingItems::create);
        List<Item> items = read.stream().map(MappingItems.NewMapping::item).toList();
        Date now = new Date();
        List<Document> created = read.stream()
                .map(mapping -> TenantCollection.newDocument(tenantId, mapping.stored(), now)).toList();
        requireLabels(tenantId, created, items);
        requireDirectoryTypes(tenantId, created, items);
        violations.throwIfAny();
        PAIRS.requireDistinct(created, items);
        PAIRS.requireWritten(mappings.insertAll(tenantId, created), created, items);
        return created;
    }

    List<Document> update(String tenantId, JsonBodies.Batch batch) {
        Violations violations = new Violations();
        Map<String, MappingChange> byId = ItemIds.forUpdate(batch, ID_SPELLINGS, violations, MappingItems::update);
        violations.throwIfAny();
        Map<String, Document> stored = ItemIds.requireStored(mappings, tenantId, byId, batch.key(), "mapping_id",
                MappingChange::item);

        Changes changes = Changes.of(byId, stored, MappingChange::sets);
        requireLabels(tenantId, changes.changed(), changes.items());
        requireDirectoryTypes(tenantId, changes.changed(), changes.items());
        violations.throwIfAny();
        PAIRS.requireDistinct(changes.changed(), changes.items());
        PAIRS.requireWritten(mappings.setAll(tenantId, changes.setsById(), changes.originals()), changes.changed(),
                changes.items());
        return changes.changed();
    }

    List<String> delete(String tenantId, JsonBodies.Batch batch) {
        Violations violations = new Violations();
        Map<String, Item> byId = ItemIds.forDelete(batch, ID_SPELLINGS, violations);
        violations.throwIfAny();
        ItemIds.requireStored(mappings, tenantId, byId, batch.key(), "mapping_id");
        mappings.delete(tenantId, byId.keySet());
        return List.copyOf(byId.keySet());
    }

    /** Every label named must be a label of the tenant (one query); problems are reported on their items. */
    private void requireLabels(String tenantId, List<Document> batch, List<Item> items) {
        Set<String> named = new LinkedHashSet<>();
        batch.forEach(mapping -> named.add(mapping.getString(LABEL_ID)));
        Set<String> found = named.isEmpty() ? Set.of() : labels.findByIds(tenantId, named).keySet();
        labels.claim(tenantId, found);
        for (int i = 0; i < batch.size(); i++) {
            String labelId = batch.get(i).getString(LABEL_ID);
            if (!found.contains(labelId)) {
                items.get(i).reject(MappingItems.labelField(items.get(i)), "names '" + labelId + "', which is not a label");
            }
        }
    }

    /**
     * A mapping need not name an entity of the directory, but when it does, its entity_type must be the entity's
     * (an entity's type never changes); one query.
     */
    private void requireDirectoryTypes(String tenantId, List<Document> batch, List<Item> items) {
        Set<String> typed = new LinkedHashSet<>();
        batch.stream().filter(mapping -> mapping.getString(ENTITY_TYPE) != null).forEach(mapping -> typed.add(mapping.getString(ENTITY_ID)));
        Map<String, String> stored = typed.isEmpty() ? Map.of() : entities.typesOf(tenantId, typed);
        for (int i = 0; i < batch.size(); i++) {
            String type = batch.get(i).getString(ENTITY_TYPE);
            String storedType = stored.get(batch.get(i).getString(ENTITY_ID));
            if (type != null && storedType != null && !storedType.equals(type)) {
                items.get(i).reject(ENTITY_TYPE, "must be " + storedType + ": entity '" + batch.get(i).getString(ENTITY_ID)
                        + "' is a " + storedType + " in the directory");
            }
        }
    }
}
