package io.connectionsapi.entity;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.connectionsapi.store.IndexSet;
import io.connectionsapi.store.TenantCollection;
import io.connectionsapi.store.References;
import io.connectionsapi.store.WriteConflict;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Repository;

/** The entity directory's collection. Every query is confined to one tenant. */
@Repository
public class Entities extends TenantCollection {

    /**
     * By the rule of {@code Connections.INDEXES}, with the entity ID (unique per tenant) as the tie-break: the unique
     * index serves lookups and the sort by ID.
     */
    static final List<IndexModel> INDEXES = java.util.stream.Stream.concat(
            java.util.stream.Stream.of(IndexSet.unique(TENANT, EntityFields.ID)),
            IndexSet.forLists(CREATED_AT, EntityFields.ID, List.of(UPDATED_AT, EntityFields.TYPE),
                    List.of(EntityFields.EXTERNAL_ID)).stream()).toList();

    private final List<EntityDisplays> displays;

    Entities(MongoDatabase database, IndexSet indexSet, List<EntityDisplays> displays) {
        super(database.getCollection("entities"), EntityFields.ID);
        this.displays = displays;
        indexSet.ensure(documents, INDEXES);
    }

    /** A batch of entity references of one write request, resolved against the directory in one query. */
    public EntityBatch batch(String tenantId) {
        return new EntityBatch(this, tenantId);
    }

    /** The stored type of each of {@code ids} that is in the tenant's directory, in one query. */
    public Map<String, String> typesOf(String tenantId, Collection<String> ids) {
        Map<String, String> types = new HashMap<>();
        findByIds(tenantId, ids).forEach((id, entity) -> types.put(id, entity.getString(EntityFields.TYPE)));
        return types;
    }

    /**
     * Stores new entities and changed data in one bulk command, then has every display refreshed. The type is part
     * of the match, so that a concurrent writer giving the same ID another type fails on the unique index (409)
     * instead of changing the type.
     */
    void write(String tenantId, List<Document> created, Map<String, Document> changedData, Date now) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (Document entity : created) {
            writes.add(new UpdateOneModel<>(
                    and(eq(TENANT, tenantId), eq(EntityFields.ID, entity.getString(EntityFields.ID)),
                            eq(EntityFields.TYPE, entity.getString(EntityFields.TYPE))),
                    Updates.combine(
                            Updates.set(EntityFields.DATA, entity.get(EntityFields.DATA)),
                            Updates.set(UPDATED_AT, now),
                            Updates.setOnInsert("_id", new ObjectId().toHexString()),
                            Updates.setOnInsert(CREATED_AT, now)),
                    new UpdateOptions().upsert(true)));
        }
        changedData.forEach((id, data) -> writes.add(new UpdateOneModel<>(
                and(eq(TENANT, tenantId), eq(EntityFields.ID, id)),
                Updates.combine(Updates.set(EntityFields.DATA, data), Updates.set(UPDATED_AT, now)))));
        if (writes.isEmpty()) {
            return;
        }
        if (insertedAsRead(tenantId, created, changedData, now)) {
            return;
        }
        try {
            documents.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            boolean duplicate = e.getWriteErrors().stream()
                    .anyMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
            if (!duplicate) {
                throw e;
            }
            // Another request stored one of these entities meanwhile; once more finds it (or its other type).
            try {
                documents.bulkWrite(writes, new BulkWriteOptions().ordered(false));
            } catch (MongoBulkWriteException again) {
                // the other writes of this unordered bulk went through: the connections showing them must follow
                if (!changedData.isEmpty()) {
                    displays.forEach(display -> display.refresh(tenantId, changedData));
                }
                throw new WriteConflict("Another request stored one of these entities with another type"
                        + " at the same time; no connection was written, and the directory keeps that request's type.");
            }
        }
        if (!changedData.isEmpty()) {
            displays.forEach(display -> display.refresh(tenantId, changedData));
        }
    }

    /**
     * The common case first: the entities the batch found missing are inserted as they are (an insert costs the
     * store less than an upsert, which must first match its filter: a third less time for a batch of 1000 new
     * entities on the embedded store), in the same unordered bulk command as the data changes. True when that
     * went through; false when another request stored one of them since the batch read the directory (a
     * duplicate key), and then {@link #write} does it again as upserts, which find what was stored. Inside a
     * transaction no such duplicate arises: the other request's insert is a write conflict, and the unit runs again.
     */
    private boolean insertedAsRead(String tenantId, List<Document> created, Map<String, Document> changedData, Date now) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (Document entity : created) {
            Document stored = new Document("_id", new ObjectId().toHexString()).append(TENANT, tenantId);
            stored.putAll(entity);
            writes.add(new InsertOneModel<>(stored));
        }
        changedData.forEach((id, data) -> writes.add(new UpdateOneModel<>(
                and(eq(TENANT, tenantId), eq(EntityFields.ID, id)),
                Updates.combine(Updates.set(EntityFields.DATA, data), Updates.set(UPDATED_AT, now)))));
        try {
            documents.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            if (e.getWriteErrors().stream().allMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY)) {
                return false;
            }
            throw e;
        }
        if (!changedData.isEmpty()) {
            displays.forEach(display -> display.refresh(tenantId, changedData));
        }
        return true;
    }

    /**
     * Writes directory entries that another resource keeps (labels keep the {@code LABEL} entries, created or
     * changed with them; the entities API cannot write that type) in one bulk command; connections showing a
     * changed entry are refreshed. The type is part of the match, so that an entry can never take over an entity
     * of another type that has its ID: those IDs are returned, and nothing is written for them.
     */
    public java.util.Set<String> saveManaged(String tenantId, EntityType type, Map<String, ManagedEntry> entries,
            boolean refreshDisplays) {
        if (entries.isEmpty()) {
            return java.util.Set.of();
        }
        Date now = new Date();
        List<WriteModel<Document>> writes = new ArrayList<>();
        entries.forEach((id, entry) -> writes.add(new UpdateOneModel<>(
                new Document(TENANT, tenantId).append(EntityFields.ID, id).append(EntityFields.TYPE, type.name()),
                Updates.combine(
                        Updates.set(EntityFields.DATA, entry.data()),
                        Updates.set(EntityFields.CONNECTABLE, entry.connectable()),
                        Updates.set(UPDATED_AT, now),
                        Updates.setOnInsert("_id", new ObjectId().toHexString()),
                        Updates.setOnInsert(CREATED_AT, now)),
                new UpdateOptions().upsert(true))));
        java.util.Set<String> taken = new java.util.HashSet<>();
        try {
            documents.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            List<String> ids = new ArrayList<>(entries.keySet());
            for (var error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                taken.add(ids.get(error.getIndex()));
            }
        }
        if (refreshDisplays) {
            Map<String, Document> data = new java.util.LinkedHashMap<>();
            entries.forEach((id, entry) -> data.put(id, entry.data()));
            displays.forEach(display -> display.refresh(tenantId, data));
        }
        return taken;
    }

    /** Keeps the named entities from being deleted or changed by a concurrent request ({@link References#claim}). */
    void claim(String tenantId, Collection<String> ids) {
        if (!ids.isEmpty()) {
            References.claim(documents, and(eq(TENANT, tenantId), in(EntityFields.ID, ids)));
        }
    }

    /** Removes directory entries another resource keeps (only of its type: never an entity of another type). */
    public void deleteManaged(String tenantId, EntityType type, Collection<String> ids) {
        documents.deleteMany(and(eq(TENANT, tenantId), in(EntityFields.ID, ids), eq(EntityFields.TYPE, type.name())));
    }

    /** An entry another resource keeps in the directory: the data connections show, and whether they may point at it. */
    public record ManagedEntry(Document data, boolean connectable) {
    }
}
