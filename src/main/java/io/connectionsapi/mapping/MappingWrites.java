package io.connectionsapi.mapping;

import static io.connectionsapi.mapping.MappingFields.*;

import io.connectionsapi.entity.Entities;
import io.connectionsapi.label.Labels;
import io.connectionsapi.mapping.MappingItems.MappingChange;
import io.connectionsapi.store.UniqueWrites;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Service;

/** Batch writes of mappings, all or nothing; every label a mapping names must be a label of the tenant. */
@Service
class MappingWrites {

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
        List<Document> created = new ArrayList<>();
        for (MappingItems.NewMapping mapping : read) {
            Document document = new Document(ID, new ObjectId().toHexString()).append(TENANT, tenantId)
                    .append(ENTITY_TYPE, null).append(VALUE, null).append(VISIBILITY, null).append(DETAILS, new Document())
                    .append(LOCATION_ID, null).append(CONFIGURATION_ID, null).append(STATUS, DEFAULT_STATUS)
                    .append(CREATED_AT, now).append(UPDATED_AT, now);
            document.putAll(mapping.fields());
            created.add(document);
        }
        requireLabels(tenantId, created, items);
        requireDirectoryTypes(tenantId, created, items);
        violations.throwIfAny();
        requireDistinctPairs(created, items);
        int refused = mappings.insertAll(tenantId, created);
        if (refused != UniqueWrites.WRITTEN) {
            throw pairTaken(created.get(refused), items.get(refused));
        }
        return created;
    }

    List<Document> update(String tenantId, JsonBodies.Batch batch) {
        Violations violations = new Violations();
        Map<String, MappingChange> byId = new LinkedHashMap<>();
        for (MappingChange change : batch.read(violations, MappingItems::update)) {
            ItemIds.firstTime(byId, change.id(), change, change.item(), ID_SPELLINGS, MappingChange::item);
        }
        violations.throwIfAny();
        Map<String, Document> stored = mappings.findByIds(tenantId, byId.keySet());
        ItemIds.requireAll(batch.key(), "mapping_id", byId, stored.keySet(), MappingChange::item);

        Date now = new Date();
        List<Document> originals = new ArrayList<>();
        List<Document> changed = new ArrayList<>();
        Map<String, Document> sets = new LinkedHashMap<>();
        for (MappingChange change : byId.values()) {
            Document original = stored.get(change.id());
            originals.add(original);
            Document mapping = new Document(original);
            mapping.putAll(change.fields());
            changed.add(mapping.append(UPDATED_AT, now));
            sets.put(change.id(), new Document(change.fields()).append(UPDATED_AT, now));
        }
        List<Item> items = byId.values().stream().map(MappingChange::item).toList();
        requireLabels(tenantId, changed, items);
        requireDirectoryTypes(tenantId, changed, items);
        violations.throwIfAny();
        requireDistinctPairs(changed, items);
        int refused = mappings.setAll(tenantId, sets, originals);
        if (refused != UniqueWrites.WRITTEN) {
            throw pairTaken(changed.get(refused), items.get(refused));
        }
        return changed;
    }

    List<String> delete(String tenantId, JsonBodies.Batch batch) {
        Violations violations = new Violations();
        Map<String, Item> byId = ItemIds.forDelete(batch, ID_SPELLINGS, violations);
        violations.throwIfAny();
        ItemIds.requireAll(batch.key(), "mapping_id", byId, mappings.findByIds(tenantId, byId.keySet()).keySet());
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

    private static void requireDistinctPairs(List<Document> batch, List<Item> items) {
        Map<String, Integer> first = new HashMap<>();
        List<ErrorDetail> conflicts = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Document mapping = batch.get(i);
            Integer earlier = first.putIfAbsent(mapping.getString(LABEL_ID) + "\0" + mapping.getString(ENTITY_ID), i);
            if (earlier != null) {
                conflicts.add(ErrorDetail.item(items.get(i).index(), items.get(i).path(ENTITY_ID),
                        "repeats the label and entity of item " + items.get(earlier).index()));
            }
        }
        if (!conflicts.isEmpty()) {
            throw new ApiException(ErrorCode.CONFLICT, "A label is mapped to an entity at most once; nothing was changed.", conflicts);
        }
    }

    private static ApiException pairTaken(Document mapping, Item item) {
        return new ApiException(ErrorCode.CONFLICT, "Label '" + mapping.getString(LABEL_ID) + "' is mapped to entity '"
                + mapping.getString(ENTITY_ID) + "' already; nothing was changed.",
                List.of(ErrorDetail.item(item.index(), item.path(ENTITY_ID), "is mapped to this label already")));
    }
}
