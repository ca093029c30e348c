package io.connectionsapi.mapping;

import static io.connectionsapi.mapping.MappingFields.*;

import io.connectionsapi.web.Item;
import io.connectionsapi.web.ItemIds;
import io.connectionsapi.web.RuleTable;
import io.connectionsapi.web.Sent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * Reads the items of mapping batches by the rule table ({@link MappingFields#RULES}), and the label and entity IDs
 * in either spelling.
 */
final class MappingItems {

    private MappingItems() {
    }

    /** A new mapping's item and fields (label and entity included), or null when the item has problems (reported). */
    static @Nullable NewMapping create(Item item) {
        Fields fields = RULES.create(item, Fields.class);
        String labelId = ItemIds.of(item, LABEL_SPELLINGS);
        String entityId = ItemIds.of(item, ENTITY_SPELLINGS);
        if (labelId == null || entityId == null || fields == null) {
            return null;
        }
        return new NewMapping(item, labelId, entityId, fields);
    }

    /** A change to a mapping: which mapping, and the fields sent (label and entity included), as its {@code $set}. */
    static @Nullable MappingChange update(Item item) {
        Patch patch = RULES.update(item, Patch.class);
        String id = ItemIds.of(item, ID_SPELLINGS);
        boolean valid = id != null && patch != null;
        Map<String, String> pointers = new LinkedHashMap<>();
        for (List<String> spellings : List.of(LABEL_SPELLINGS, ENTITY_SPELLINGS)) {
            if (spellings.stream().anyMatch(item::has)) {
                String value = ItemIds.of(item, spellings);
                valid &= value != null;
                pointers.put(spellings.get(0), value);
            }
        }
        if (!valid) {
            return null;
        }
        Document sets = RuleTable.stored(patch);
        sets.putAll(pointers);
        return new MappingChange(item, id, sets);
    }

    /** Which spelling of the label ID the item used, for error fields. */
    static String labelField(Item item) {
        return item.has(LABEL_ID_TWIN) && !item.has(LABEL_ID) ? LABEL_ID_TWIN : LABEL_ID;
    }

    /** A mapping's plain fields, as {@link MappingFields#RULES} reads them, defaults filled in. */
    record Fields(@Nullable String entityType, @Nullable String value, @Nullable String visibility, Document details,
            @Nullable String locationId, @Nullable String configurationId, String status) {
    }

    /** The plain fields a mapping's update sends. */
    record Patch(Sent<String> entityType, Sent<String> value, Sent<String> visibility, Sent<Document> details,
            Sent<String> locationId, Sent<String> configurationId, Sent<String> status) {
    }

    /** A create item: the label, the entity, and the plain fields. */
    record NewMapping(Item item, String labelId, String entityId, Fields fields) {

        /** The new mapping's document (without the keys every document has). */
        Document stored() {
            return RuleTable.stored(fields).append(LABEL_ID, labelId).append(ENTITY_ID, entityId);
        }
    }

    /** An update item: the mapping and its {@code $set} (the label or entity it re-points to included). */
    record MappingChange(Item item, String id, Document sets) implements ItemIds.Change {
    }
}
