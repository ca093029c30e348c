package io.connectionsapi.connection;

import static io.connectionsapi.connection.ConnectionFields.*;

import com.mongodb.client.model.Updates;
import io.connectionsapi.connection.ConnectionItems.ConnectionChange;
import io.connectionsapi.connection.ConnectionItems.NewConnection;
import io.connectionsapi.entity.Entities;
import io.connectionsapi.entity.EntityBatch;
import io.connectionsapi.store.TenantCollection;
import io.connectionsapi.web.Item;
import io.connectionsapi.web.ItemIds;
import io.connectionsapi.web.JsonBodies;
import io.connectionsapi.web.RuleTable;
import io.connectionsapi.web.Violations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
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
            Document fields = RuleTable.stored(item.fields())
                    .append(FROM, referenced.view(item.fromId()).toDocument())
                    .append(TO, referenced.view(item.toId()).toDocument());
            created.add(TenantCollection.newDocument(tenantId, fields, now));
        }
        connections.insert(created);
        return created;
    }

    List<Document> update(String tenantId, JsonBodies.Batch batch) {
        Violations violations = new Violations();
        EntityBatch referenced = entities.batch(tenantId);
        Map<String, ConnectionChange> byId = ItemIds.forUpdate(batch, ID_SPELLINGS, violations,
                item -> ConnectionItems.update(item, referenced));
        referenced.resolve();
        referenced.requireConnectable();
        violations.throwIfAny();

        Map<String, Document> existing = ItemIds.requireStored(connections, tenantId, byId, "connections", "connection_id",
                ConnectionChange::item);
        for (ConnectionChange item : byId.values()) {
            Document current = existing.get(item.id());
            Instant startsAt = item.patch().startsAt().orElse(instant(current.getDate(STARTS_AT)));
            Instant endsAt = item.patch().endsAt().orElse(instant(current.getDate(ENDS_AT)));
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
            RuleTable.stored(item.patch()).forEach((field, value) -> sets.add(Updates.set(field, value)));
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
        Map<String, Document> updated = connections.findByIds(tenantId, byId.keySet());
        return byId.keySet().stream().map(updated::get).toList();
    }

    List<String> delete(String tenantId, JsonBodies.Batch batch) {
        Violations violations = new Violations();
        Map<String, Item> byId = ItemIds.forDelete(batch, ID_SPELLINGS, violations);
        violations.throwIfAny();
        ItemIds.requireStored(connections, tenantId, byId, "connections", "connection_id");
        connections.delete(tenantId, byId.keySet());
        return List.copyOf(byId.keySet());
    }

    private static @Nullable Instant instant(@Nullable Date date) {
        return date == null ? null : date.toInstant();
    }
}
