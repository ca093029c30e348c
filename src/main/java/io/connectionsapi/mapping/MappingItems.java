package io.connectionsapi.mapping;

import static io.connectionsapi.mapping.MappingFields.*;

import io.connectionsapi.entity.EntityType;
import io.connectionsapi.web.Item;
import io.connectionsapi.web.ItemIds;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** Reads the items of mapping batches, in either spelling of the label and entity IDs. */
final class MappingItems {

    private static final List<String> FIELDS = Stream.of(LABEL_SPELLINGS, ENTITY_SPELLINGS,
            List.of(ENTITY_TYPE, VALUE, VISIBILITY, DETAILS, LOCATION_ID, CONFIGURATION_ID, STATUS))
            .flatMap(List::stream).toList();
    private static final List<String> CREATE_FIELDS_AND_ID = Stream.concat(FIELDS.stream(), Stream.of(ID)).toList();
    private static final List<String> UPDATE_FIELDS = Stream.concat(FIELDS.stream(), ID_SPELLINGS.stream()).distinct().toList();

    private MappingItems() {
    }

    /** A new mapping's item and fields, or null when the item has problems (reported). */
    static @Nullable NewMapping create(Item item) {
        if (item.has(ID)) {
            item.reject(ID, "is assigned by the server and must not be sent");
        }
        item.allowOnly(CREATE_FIELDS_AND_ID);
        String labelId = ItemIds.of(item, LABEL_SPELLINGS);
        String entityId = ItemIds.of(item, ENTITY_SPELLINGS);
        Map<String, @Nullable Object> fields = fields(item);
        if (labelId == null || entityId == null || fields == null) {
            return null;
        }
        fields.put(LABEL_ID, labelId);
        fields.put(ENTITY_ID, entityId);
        return new NewMapping(item, fields);
    }

    static @Nullable MappingChange update(Item item) {
        item.allowOnly(UPDATE_FIELDS);
        String id = ItemIds.of(item, ID_SPELLINGS);
        Map<String, @Nullable Object> fields = fields(item);
        boolean valid = id != null && fields != null;
        for (List<String> spellings : List.of(LABEL_SPELLINGS, ENTITY_SPELLINGS)) {
            if (spellings.stream().anyMatch(item::has)) {
                String value = ItemIds.of(item, spellings);
                valid &= value != null;
                if (fields != null) {
                    fields.put(spellings.get(0), value);
                }
            }
        }
        return valid ? new MappingChange(item, id, fields) : null;
    }

    private static @Nullable Map<String, @Nullable Object> fields(Item item) {
        Map<String, @Nullable Object> fields = new LinkedHashMap<>();
        boolean valid = true;
        for (String required : List.of(STATUS, DETAILS)) {
            if (item.isNull(required)) {
                item.reject(required, "must not be null");
                valid = false;
            }
        }
        valid &= item.keepIfSent(fields, ENTITY_TYPE, item.oneOf(ENTITY_TYPE, EntityType.NAMES));
        valid &= item.keepIfSent(fields, VALUE, item.string(VALUE, 0, MAX_VALUE));
        valid &= item.keepIfSent(fields, VISIBILITY, item.string(VISIBILITY, 1, MAX_VISIBILITY));
        valid &= item.keepIfSent(fields, DETAILS, item.freeForm(DETAILS));
        valid &= item.keepIfSent(fields, LOCATION_ID, item.id(LOCATION_ID));
        valid &= item.keepIfSent(fields, CONFIGURATION_ID, item.id(CONFIGURATION_ID));
        valid &= item.keepIfSent(fields, STATUS, item.string(STATUS, 1, MAX_STATUS));
        return valid ? fields : null;
    }

    /** Which spelling of the label ID the item used, for error fields. */
    static String labelField(Item item) {
        return item.has(LABEL_ID_TWIN) && !item.has(LABEL_ID) ? LABEL_ID_TWIN : LABEL_ID;
    }

    record NewMapping(Item item, Map<String, @Nullable Object> fields) {
    }

    record MappingChange(Item item, String id, Map<String, @Nullable Object> fields) {
    }
}
