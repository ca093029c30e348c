package io.connectionsapi.label;

import static io.connectionsapi.label.LabelFields.*;

import io.connectionsapi.web.Item;
import io.connectionsapi.web.ItemIds;
import io.connectionsapi.web.Values;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/** Reads the items of label batches by the rule table ({@link LabelFields#RULES}). */
final class LabelItems {

    private LabelItems() {
    }

    /** A new label's item and fields, or null when the item has problems (reported). */
    static @Nullable NewLabel create(Item item) {
        Values values = RULES.create(item);
        return values.valid() ? new NewLabel(item, values) : null;
    }

    /** A change to a label: which label and the fields sent. */
    static @Nullable LabelChange update(Item item) {
        Values values = RULES.update(item);
        String id = ItemIds.of(item, ID_SPELLINGS);
        return id == null || !values.valid() ? null : new LabelChange(item, id, values);
    }

    /** The {@code $set} of a change: the fields sent and the case-insensitive keys that follow from them. */
    static Document sets(Values values) {
        Document sets = values.sent();
        if (sets.containsKey(NAME)) {
            sets.put(NAME_KEY, key(sets.getString(NAME)));
        }
        if (sets.containsKey(TYPE)) {
            sets.put(TYPE_KEY, key(sets.getString(TYPE)));
        }
        return sets;
    }

    record NewLabel(Item item, Values values) {
    }

    record LabelChange(Item item, String id, Values values) implements ItemIds.Change {
    }
}
