package io.connectionsapi.connection;

import static io.connectionsapi.connection.ConnectionFields.*;

import io.connectionsapi.entity.EntityBatch;
import io.connectionsapi.entity.EntityInput;
import io.connectionsapi.web.Item;
import io.connectionsapi.web.ItemIds;
import io.connectionsapi.web.Sent;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Reads the items of connection batches: the plain fields by the rule table ({@link ConnectionFields#RULES}), and
 * by hand what the table cannot say: the two sides (an entity ID or a whole entity), which must differ, and
 * starts before ends. Entity references are handed to the batch's {@link EntityBatch} so that all of them are
 * checked in one query.
 */
final class ConnectionItems {

    private ConnectionItems() {
    }

    /** A valid create item; null when it has problems (reported). */
    static @Nullable NewConnection create(Item item, EntityBatch entities) {
        Fields fields = RULES.create(item, Fields.class);
        String from = side(item, FROM, FROM_ID, entities, true);
        String to = side(item, TO, TO_ID, entities, true);
        if (from != null && from.equals(to)) {
            item.reject(TO_ID.equals(sideField(item, TO, TO_ID)) ? TO_ID : TO, "must name another entity than the from side");
        }
        if (fields != null) {
            checkOrder(item, fields.startsAt(), fields.endsAt());
        }
        if (from == null || to == null || fields == null) {
            return null;
        }
        return new NewConnection(item, from, to, fields);
    }

    /** A valid update item: the connection's ID, the fields to set, and the entity sides it re-points (if any). */
    static @Nullable ConnectionChange update(Item item, EntityBatch entities) {
        Patch patch = RULES.update(item, Patch.class);
        String id = ItemIds.of(item, ID_SPELLINGS);
        String from = side(item, FROM, FROM_ID, entities, false);
        String to = side(item, TO, TO_ID, entities, false);
        if (id == null || patch == null) {
            return null;
        }
        return new ConnectionChange(item, id, from, to, patch);
    }

    static void checkOrder(Item item, @Nullable Instant startsAt, @Nullable Instant endsAt) {
        if (startsAt != null && endsAt != null && !startsAt.isBefore(endsAt)) {
            item.reject(ENDS_AT, "must be later than starts_at");
        }
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

    /**
     * The plain fields of a new connection, as {@link ConnectionFields#RULES} reads them, defaults filled in (the
     * components are named as the fields, in the table's order).
     */
    record Fields(Number strength, Number priority, String status, @Nullable String configurationId,
            @Nullable String locationId, @Nullable Instant startsAt, @Nullable Instant endsAt, @Nullable String notes) {
    }

    /** The plain fields an update sends: each not sent, or sent (a null clears it where the table allows). */
    record Patch(Sent<Number> strength, Sent<Number> priority, Sent<String> status, Sent<String> configurationId,
            Sent<String> locationId, Sent<Instant> startsAt, Sent<Instant> endsAt, Sent<String> notes) {
    }

    /** A create item: its two entity IDs and its plain fields. */
    record NewConnection(Item item, String fromId, String toId, Fields fields) {
    }

    /** An update item: the connection, the sides it re-points (null: unchanged) and the fields it sets. */
    record ConnectionChange(Item item, String id, @Nullable String fromId, @Nullable String toId, Patch patch)
            implements ItemIds.Change {
    }
}
