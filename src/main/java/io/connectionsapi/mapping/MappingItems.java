package io.connectionsapi.mapping;

import static io.connectionsapi.mapping.MappingFields.*;

import io.connectionsapi.web.Item;
import io.connectionsapi.web.ItemIds;
import io.connectionsapi.web.Values;
import java.util.List;
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
        Values values = RULES.create(item);
        String labelId = ItemIds.of(item, LABEL_SPELLINGS);
        String entityId = ItemIds.of(item, ENTITY_SPELLINGS);
        if (labelId == null || entityId == null || !values.valid()) {
            return null;
        }
        return new NewMapping(item, values.withDefaults().append(LABEL_ID, labelId).append(ENTITY_ID, entityId));
    }

    /** A change to a mapping: which mapping, and the fields sent (label and entity included), as its {@code $set}. */
    static @Nullable MappingChange update(Item item) {
        Values values = RULES.update(item);
        String id = ItemIds.of(item, ID_SPELLINGS);
        Document sets = values.sent();
        boolean valid = id != null && values.valid();
        for (List<String> spellings : List.of(LABEL_SPELLINGS, ENTITY_SPELLINGS)) {
            if (spellings.stream().anyMatch(item::has)) {
                String value = ItemIds.of(item, spellings);
                valid &= value != null;
                sets.put(spellings.get(0), value);
            }
        }
        return valid ? new MappingChange(item, id, sets) : null;
    }

    /** Which spelling of the label ID the item used, for error fields. */
    static String labelField(Item item) {
        return item.has(LABEL_ID_TWIN) && !item.has(LABEL_ID) ? LABEL_ID_TWIN : LABEL_ID;
    }

    record NewMapping(Item item, Document fields) {
    }

    record MappingChange(Item item, String id, Document sets) implements ItemIds.Change {
    }
}
