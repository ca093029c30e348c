package io.connectionsapi.label;

import static io.connectionsapi.label.LabelFields.*;

import io.connectionsapi.web.Item;
import io.connectionsapi.web.ItemIds;
import io.connectionsapi.web.RuleTable;
import io.connectionsapi.web.Sent;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/** Reads the items of label batches by the rule table ({@link LabelFields#RULES}). */
final class LabelItems {

    private LabelItems() {
    }

    /** A new label's item and fields, or null when the item has problems (reported). */
    static @Nullable NewLabel create(Item item) {
        Fields fields = RULES.create(item, Fields.class);
        return fields == null ? null : new NewLabel(item, fields);
    }

    /** A change to a label: which label and the fields sent. */
    static @Nullable LabelChange update(Item item) {
        Patch patch = RULES.update(item, Patch.class);
        String id = ItemIds.of(item, ID_SPELLINGS);
        return id == null || patch == null ? null : new LabelChange(item, id, patch);
    }

    /** A new label's document: its fields and the case-insensitive keys that follow from them. */
    static Document stored(Fields fields) {
        return RuleTable.stored(fields).append(NAME_KEY, key(fields.name())).append(TYPE_KEY, key(fields.type()));
    }

    /** The {@code $set} of a change: the fields sent and the case-insensitive keys that follow from them. */
    static Document sets(Patch patch) {
        Document sets = RuleTable.stored(patch);
        if (patch.name().sent()) {
            sets.put(NAME_KEY, key(patch.name().value()));
        }
        if (patch.type().sent()) {
            sets.put(TYPE_KEY, key(patch.type().value()));
        }
        return sets;
    }

    /** A label's fields, as {@link LabelFields#RULES} reads them, defaults filled in. */
    record Fields(String name, @Nullable String type, String status, @Nullable String locationId,
            @Nullable String configurationId, Document details, LabelView.Flags flags) {
    }

    /** The fields a label's update sends ({@code flags}, when sent, replaces the stored flags whole). */
    record Patch(Sent<String> name, Sent<String> type, Sent<String> status, Sent<String> locationId,
            Sent<String> configurationId, Sent<Document> details, Sent<LabelView.Flags> flags) {
    }

    record NewLabel(Item item, Fields fields) {
    }

    record LabelChange(Item item, String id, Patch patch) implements ItemIds.Change {
    }
}
