package io.connectionsapi.connection;

import static io.connectionsapi.connection.ConnectionFields.*;

import io.connectionsapi.entity.EntityBatch;
import io.connectionsapi.entity.EntityInput;
import io.connectionsapi.web.Item;
import io.connectionsapi.web.ItemIds;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the items of connection batches: where strength, dates, notes and the two entity forms are validated.
 * Entity references are handed to the batch's {@link EntityBatch} so that all of them are checked in one query.
 */
final class ConnectionItems {

    static final double MAX_PRIORITY = Double.MAX_VALUE;

    private static final List<String> CREATE_FIELDS = List.of(FROM_ID, TO_ID, FROM, TO, STRENGTH, PRIORITY, STATUS,
            CONFIGURATION_ID, LOCATION_ID, STARTS_AT, ENDS_AT, NOTES);
    /** A client-sent _id is reported as such, not also as an unknown field. */
    private static final List<String> CREATE_FIELDS_AND_ID = java.util.stream.Stream
            .concat(CREATE_FIELDS.stream(), java.util.stream.Stream.of(ID)).toList();
    private static final List<String> UPDATE_FIELDS = List.of("connection_id", ID, FROM_ID, TO_ID, FROM, TO, STRENGTH,
            PRIORITY, STATUS, CONFIGURATION_ID, LOCATION_ID, STARTS_AT, ENDS_AT, NOTES);
    /** Fields a PUT may clear with null; the others must keep a value. */
    private static final List<String> CLEARABLE = List.of(CONFIGURATION_ID, LOCATION_ID, STARTS_AT, ENDS_AT, NOTES);

    private ConnectionItems() {
    }

    /** A valid create item; null when it has problems (reported). */
    static @Nullable NewConnection create(Item item, EntityBatch entities) {
        if (item.has(ID)) {
            item.reject(ID, "is assigned by the server and must not be sent");
        }
        item.allowOnly(CREATE_FIELDS_AND_ID);
        if (!item.has(STRENGTH)) {
            item.reject(STRENGTH, "is required");
        }
        Values values = values(item);
        String from = side(item, FROM, FROM_ID, entities, true);
        String to = side(item, TO, TO_ID, entities, true);
        if (from != null && from.equals(to)) {
            item.reject(TO_ID.equals(sideField(item, TO, TO_ID)) ? TO_ID : TO, "must name another entity than the from side");
        }
        checkOrder(item, values.get(STARTS_AT), values.get(ENDS_AT));
        if (from == null || to == null || values.invalid()) {
            return null;
        }
        return new NewConnection(item, from, to, values.fields());
    }

    /** A valid update item: the connection's ID, the fields to set, and the entity sides it re-points (if any). */
    static @Nullable ConnectionChange update(Item item, EntityBatch entities) {
        item.allowOnly(UPDATE_FIELDS);
        String id = connectionId(item);
        Values values = values(item);
        String from = side(item, FROM, FROM_ID, entities, false);
        String to = side(item, TO, TO_ID, entities, false);
        if (id == null || values.invalid()) {
            return null;
        }
        return new ConnectionChange(item, id, from, to, values.fields());
    }

    /** A connection is named by {@code connection_id} (OpenAPI) or {@code _id} (guide). */
    static final List<String> ID_SPELLINGS = List.of("connection_id", ID);

    static @Nullable String connectionId(Item item) {
        return ItemIds.of(item, ID_SPELLINGS);
    }

    static void checkOrder(Item item, @Nullable Object startsAt, @Nullable Object endsAt) {
        if (startsAt instanceof Instant start && endsAt instanceof Instant end && !start.isBefore(end)) {
            item.reject(ENDS_AT, "must be later than starts_at");
        }
    }

    /** The plain fields sent, validated; in a PUT an explicit null on a clearable field means "clear it". */
    private static Values values(Item item) {
        for (String field : List.of(STRENGTH, PRIORITY, STATUS)) {
            if (item.isNull(field)) {
                item.reject(field, "must not be null");
            }
        }
        Values values = new Values(item);
        values.put(STRENGTH, item.number(STRENGTH, -100, 100));
        values.put(PRIORITY, item.number(PRIORITY, 0, MAX_PRIORITY));
        values.put(STATUS, item.string(STATUS, 1, MAX_STATUS));
        values.put(CONFIGURATION_ID, item.id(CONFIGURATION_ID));
        values.put(LOCATION_ID, item.id(LOCATION_ID));
        values.put(STARTS_AT, item.dateTime(STARTS_AT));
        values.put(ENDS_AT, item.dateTime(ENDS_AT));
        values.put(NOTES, item.string(NOTES, 0, MAX_NOTES));
        return values;
    }

    private static @Nullable String sideField(Item item, String objectField, String idField) {
        return item.has(objectField) ? objectField : item.has(idField) ? idField : null;
    }

    /** One end of a connection: either an entity ID from the directory or a whole entity object. */
    private static @Nullable String side(Item item, String objectField, String idField, EntityBatch entities, boolean required) {
        boolean byObject = item.has(objectField);
        boolean byId = item.has(idField);
        if (byObject && byId) {
            item.reject(idField, "cannot be sent together with " + objectField + "; send one of them");
            return null;
        }
        if (byObject) {
            Item object = item.object(objectField);
            if (object == null) {
                if (item.isNull(objectField)) {
                    item.reject(objectField, "must be an entity object");
                }
                return null;
            }
            EntityInput input = EntityInput.read(object);
            if (input != null) {
                entities.byObject(item, objectField, input);
                return input.id();
            }
            return null;
        }
        if (byId) {
            String id = item.id(idField);
            if (item.isNull(idField)) {
                item.reject(idField, "must be an entity ID");
            }
            if (id != null) {
                entities.byId(item, idField, id);
            }
            return id;
        }
        if (required) {
            item.reject(idField, "is required (or send the whole entity as " + objectField + ")");
        }
        return null;
    }

    /** The validated plain fields of one item, remembering which were sent and which were invalid. */
    static final class Values {

        private final Item item;
        private final Map<String, @Nullable Object> fields = new LinkedHashMap<>();
        private boolean invalid;

        Values(Item item) {
            this.item = item;
        }

        void put(String field, @Nullable Object value) {
            if (!item.has(field)) {
                return;
            }
            if (value == null && !(item.isNull(field) && CLEARABLE.contains(field))) {
                invalid = true;
                return;
            }
            fields.put(field, value);
        }

        @Nullable Object get(String field) {
            return fields.get(field);
        }

        boolean invalid() {
            return invalid;
        }

        Map<String, @Nullable Object> fields() {
            return fields;
        }
    }

    /** A create item: its two entity IDs and the plain fields sent. */
    record NewConnection(Item item, String fromId, String toId, Map<String, @Nullable Object> fields) {
    }

    /** An update item: the connection, the sides it re-points (null: unchanged) and the fields it sets. */
    record ConnectionChange(Item item, String id, @Nullable String fromId, @Nullable String toId,
            Map<String, @Nullable Object> fields) {
    }
}
