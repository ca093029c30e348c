package io.connectionsapi.label;

import static io.connectionsapi.label.LabelFields.*;

import io.connectionsapi.web.Item;
import io.connectionsapi.web.ItemIds;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/** Reads the items of label batches: where a label's name, type, details and flags are validated. */
final class LabelItems {

    static final List<String> ID_SPELLINGS = List.of(LABEL_ID, ID);
    private static final List<String> FIELDS = List.of(NAME, TYPE, DETAILS, FLAGS, LOCATION_ID, CONFIGURATION_ID, STATUS);
    private static final List<String> CREATE_FIELDS_AND_ID = java.util.stream.Stream
            .concat(FIELDS.stream(), java.util.stream.Stream.of(ID)).toList();
    private static final List<String> UPDATE_FIELDS = java.util.stream.Stream
            .concat(FIELDS.stream(), ID_SPELLINGS.stream()).toList();

    private LabelItems() {
    }

    /** A new label's item and fields, or null when the item has problems (reported). */
    static @Nullable NewLabel create(Item item) {
        if (item.has(ID)) {
            item.reject(ID, "is assigned by the server and must not be sent");
        }
        item.allowOnly(CREATE_FIELDS_AND_ID);
        if (!item.has(NAME)) {
            item.reject(NAME, "is required");
        }
        Map<String, @Nullable Object> fields = fields(item);
        return fields == null ? null : new NewLabel(item, fields);
    }

    /** A change to a label: which label and the fields sent. */
    static @Nullable LabelChange update(Item item) {
        item.allowOnly(UPDATE_FIELDS);
        String id = ItemIds.of(item, ID_SPELLINGS);
        Map<String, @Nullable Object> fields = fields(item);
        return id == null || fields == null ? null : new LabelChange(item, id, fields);
    }

    /** The label fields sent, validated; type, location and configuration may be cleared with null. */
    private static @Nullable Map<String, @Nullable Object> fields(Item item) {
        Map<String, @Nullable Object> fields = new LinkedHashMap<>();
        boolean valid = true;
        for (String required : List.of(NAME, STATUS, DETAILS, FLAGS)) {
            if (item.isNull(required)) {
                item.reject(required, "must not be null");
                valid = false;
            }
        }
        valid &= item.keepIfSent(fields, NAME, item.string(NAME, 1, MAX_NAME));
        valid &= item.keepIfSent(fields, TYPE, item.string(TYPE, 1, MAX_TYPE));
        valid &= item.keepIfSent(fields, STATUS, item.string(STATUS, 1, MAX_STATUS));
        valid &= item.keepIfSent(fields, LOCATION_ID, item.id(LOCATION_ID));
        valid &= item.keepIfSent(fields, CONFIGURATION_ID, item.id(CONFIGURATION_ID));
        valid &= item.keepIfSent(fields, DETAILS, item.freeForm(DETAILS));
        Item flags = item.object(FLAGS);
        if (flags != null) {
            flags.allowOnly(List.of(CONNECTABLE));
            Boolean connectable = flags.bool(CONNECTABLE);
            if (flags.isNull(CONNECTABLE)) {
                flags.reject(CONNECTABLE, "must be true or false");
            }
            valid &= connectable != null || !flags.has(CONNECTABLE);
            fields.put(FLAGS, new Document(CONNECTABLE, connectable == null ? Boolean.TRUE : connectable));
        } else {
            valid &= !item.has(FLAGS);
        }
        return valid ? fields : null;
    }

    /** The {@code $set} of a change: the fields sent and the case-insensitive keys that follow from them. */
    static Document sets(Map<String, @Nullable Object> fields) {
        Document sets = new Document(fields);
        if (fields.containsKey(NAME)) {
            sets.put(NAME_KEY, key((String) fields.get(NAME)));
        }
        if (fields.containsKey(TYPE)) {
            sets.put(TYPE_KEY, key((String) fields.get(TYPE)));
        }
        return sets;
    }

    /** Sets {@code fields} on a label document, keeping the case-insensitive keys in step. */
    static Document apply(Document label, Map<String, @Nullable Object> fields) {
        label.putAll(fields);
        label.put(NAME_KEY, key(label.getString(NAME)));
        label.put(TYPE_KEY, key(label.getString(TYPE)));
        return label;
    }

    record NewLabel(Item item, Map<String, @Nullable Object> fields) {
    }

    record LabelChange(Item item, String id, Map<String, @Nullable Object> fields) {
    }
}
