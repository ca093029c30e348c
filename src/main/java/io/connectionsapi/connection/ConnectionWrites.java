package io.connectionsapi.connection;

import static io.connectionsapi.connection.ConnectionFields.*;

import com.mongodb.client.model.Updates;
import io.connectionsapi.connection.ConnectionItems.ConnectionChange;
import io.connectionsapi.connection.ConnectionItems.NewConnection;
import io.connectionsapi.entity.Entities;
import io.connectionsapi.entity.EntityBatch;
import io.connectionsapi.web.ApiException;
import io.connectionsapi.web.Item;
import io.connectionsapi.web.ItemIds;
import io.connectionsapi.web.JsonBodies;
import io.connectionsapi.web.Violations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Batch writes of connections, all or nothing: every item is validated and every entity reference resolved
 * before anything is written, and each step is one database command whatever the batch size.
 */
@Service
class ConnectionWrites {

    private final Connections connections;
    private final Entities entities;

    ConnectionWrites(Connections connections, Entities entities) {
        this.connections = connections;
        this.entities = entities;
    }

    List<Document> create(String tenantId, JsonBodies.Batch batch) {
        Violations violations = new Violations();
        EntityBatch referenced = entities.batch(tenantId);
        List<NewConnection> items = batch.read(violations, item -> ConnectionItems.create(item, referenced));
        referenced.resolve();
        referenced.requireConnectable();
        violations.throwIfAny();

        referenced.write();
        Date now = new Date();
        List<Document> created = new ArrayList<>();
        for (NewConnection item : items) {
            Document connection = new Document(ID, new ObjectId().toHexString())
                    .append(TENANT, tenantId)
                    .append(STRENGTH, item.fields().get(STRENGTH))
                    .append(PRIORITY, item.fields().getOrDefault(PRIORITY, DEFAULT_PRIORITY))
                    .append(STATUS, item.fields().getOrDefault(STATUS, DEFAULT_STATUS));
            for (String field : List.of(CONFIGURATION_ID, LOCATION_ID, STARTS_AT, ENDS_AT, NOTES)) {
                connection.append(field, stored(item.fields().get(field)));
            }
            connection.append(FROM, referenced.view(item.fromId()).toDocument())
                    .append(TO, referenced.view(item.toId()).toDocument())
                    .append(CREATED_AT, now)
                    .append(UPDATED_AT, now);
            created.add(connection);
        }
        connections.insert(created);
        return created;
    }

    List<Document> update(String tenantId, JsonBodies.Batch batch) {
        Violations violations = new Violations();
        EntityBatch referenced = entities.batch(tenantId);
        List<ConnectionChange> items = batch.read(violations, item -> ConnectionItems.update(item, referenced));
        Map<String, ConnectionChange> byId = new LinkedHashMap<>();
        for (ConnectionChange item : items) {
            ItemIds.firstTime(byId, item.id(), item, item.item(), ConnectionItems.ID_SPELLINGS, ConnectionChange::item);
        }
        referenced.resolve();
        referenced.requireConnectable();
        violations.throwIfAny();

        Map<String, Document> existing = existing(tenantId, byId, ConnectionChange::item);
        for (ConnectionChange item : byId.values()) {
            Document current = existing.get(item.id());
            Object startsAt = item.fields().containsKey(STARTS_AT) ? item.fields().get(STARTS_AT) : instant(current.getDate(STARTS_AT));
            Object endsAt = item.fields().containsKey(ENDS_AT) ? item.fields().get(ENDS_AT) : instant(current.getDate(ENDS_AT));
            ConnectionItems.checkOrder(item.item(), startsAt, endsAt);
            String from = item.fromId() != null ? item.fromId() : current.get(FROM, Document.class).getString("connection_entity_id");
            String to = item.toId() != null ? item.toId() : current.get(TO, Document.class).getString("connection_entity_id");
            if (from.equals(to)) {
                item.item().rejectItem("would connect entity '" + from + "' to itself; from and to must differ");
            }
        }
        violations.throwIfAny();

        referenced.write();
        Date now = new Date();
        Map<String, Bson> changes = new LinkedHashMap<>();
        for (ConnectionChange item : byId.values()) {
            List<Bson> sets = new ArrayList<>();
            item.fields().forEach((field, value) -> sets.add(Updates.set(field, stored(value))));
            if (item.fromId() != null) {
                sets.add(Updates.set(FROM, referenced.view(item.fromId()).toDocument()));
            }
            if (item.toId() != null) {
                sets.add(Updates.set(TO, referenced.view(item.toId()).toDocument()));
            }
            sets.add(Updates.set(UPDATED_AT, now));
            changes.put(item.id(), Updates.combine(sets));
        }
        connections.update(tenantId, changes);
        return inRequestOrder(byId.keySet(), connections.findByIds(tenantId, byId.keySet()));
    }

    List<String> delete(String tenantId, JsonBodies.Batch batch) {
        Violations violations = new Violations();
        Map<String, Item> byId = ItemIds.forDelete(batch, ConnectionItems.ID_SPELLINGS, violations);
        violations.throwIfAny();
        existing(tenantId, byId, item -> item);
        connections.delete(tenantId, byId.keySet());
        return List.copyOf(byId.keySet());
    }

    /** The stored connections named by the batch; a 404 naming every unknown one if any is missing. */
    private <T> Map<String, Document> existing(String tenantId, Map<String, T> byId, java.util.function.Function<T, Item> itemOf) {
        Map<String, Document> found = new LinkedHashMap<>();
        connections.findByIds(tenantId, byId.keySet()).forEach(document -> found.put(document.getString(ID), document));
        ItemIds.requireAll("connections", "connection_id", byId, found.keySet(), itemOf);
        return found;
    }

    private static List<Document> inRequestOrder(Iterable<String> ids, List<Document> documents) {
        Map<String, Document> byId = new LinkedHashMap<>();
        documents.forEach(document -> byId.put(document.getString(ID), document));
        List<Document> ordered = new ArrayList<>();
        ids.forEach(id -> ordered.add(byId.get(id)));
        return ordered;
    }

    private static @Nullable Object stored(@Nullable Object value) {
        return value instanceof Instant instant ? Date.from(instant) : value;
    }

    private static @Nullable Instant instant(@Nullable Date date) {
        return date == null ? null : date.toInstant();
    }
}
