package io.connectionsapi.connection;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;
import static io.connectionsapi.connection.ConnectionFields.*;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateManyModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.connectionsapi.entity.EntityDisplays;
import io.connectionsapi.entity.EntityFields;
import io.connectionsapi.entity.EntityUsage;
import io.connectionsapi.store.References;
import io.connectionsapi.web.Envelope;
import io.connectionsapi.web.ListQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Repository;

/**
 * The connections collection. Each connection embeds a copy of both entities' data so that lists, filters on
 * {@code external_id} and sorts on entity fields are single indexed queries; {@link #refresh} keeps the copies
 * current whenever the directory changes.
 */
@Repository
class Connections implements EntityDisplays, EntityUsage {

    /** Every filter and sort field gets a tenant-first index, with {@code _id} last for the tie-break. */
    static final List<String> INDEXED = List.of(STRENGTH, PRIORITY, STATUS, CREATED_AT, UPDATED_AT, STARTS_AT, ENDS_AT,
            FROM_ENTITY_ID, TO_ENTITY_ID, FROM_ENTITY_TYPE, TO_ENTITY_TYPE, FROM_EXTERNAL_ID, TO_EXTERNAL_ID,
            LOCATION_ID, CONFIGURATION_ID);

    private final MongoCollection<Document> connections;

    Connections(MongoDatabase database) {
        this.connections = database.getCollection("connections");
        List<IndexModel> indexes = new ArrayList<>();
        for (String field : INDEXED) {
            indexes.add(new IndexModel(Indexes.ascending(TENANT, field, ID)));
        }
        connections.createIndexes(indexes);
    }

    Envelope.Page<Document> list(String tenantId, ListQuery query) {
        return query.run(connections, tenantId);
    }

    List<Document> findByIds(String tenantId, Collection<String> ids) {
        return connections.find(and(eq(TENANT, tenantId), in(ID, ids))).batchSize(Math.max(ids.size(), 2))
                .into(new ArrayList<>());
    }

    void insert(List<Document> documents) {
        connections.insertMany(documents);
    }

    /** Applies one {@code $set} per connection in a single bulk command. */
    void update(String tenantId, Map<String, Bson> changesById) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        changesById.forEach((id, changes) -> writes.add(new UpdateOneModel<>(and(eq(TENANT, tenantId), eq(ID, id)), changes)));
        connections.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    long delete(String tenantId, Collection<String> ids) {
        return connections.deleteMany(and(eq(TENANT, tenantId), in(ID, ids))).getDeletedCount();
    }

    @Override
    public void refresh(String tenantId, Map<String, Document> dataByEntityId) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        dataByEntityId.forEach((entityId, data) -> {
            writes.add(new UpdateManyModel<>(and(eq(TENANT, tenantId), eq(FROM_ENTITY_ID, entityId)),
                    Updates.set(FROM + "." + EntityFields.DATA, data)));
            writes.add(new UpdateManyModel<>(and(eq(TENANT, tenantId), eq(TO_ENTITY_ID, entityId)),
                    Updates.set(TO + "." + EntityFields.DATA, data)));
        });
        connections.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    @Override
    public Set<String> inUse(String tenantId, Collection<String> entityIds) {
        Bson filter = and(eq(TENANT, tenantId), or(in(FROM_ENTITY_ID, entityIds), in(TO_ENTITY_ID, entityIds)));
        return References.used(connections, filter, entityIds, FROM_ENTITY_ID, TO_ENTITY_ID);
    }

    @Override
    public String usedBy() {
        return "connections";
    }

    @Override
    public long removeAll(String tenantId, Collection<String> entityIds) {
        return connections.deleteMany(and(eq(TENANT, tenantId), or(in(FROM_ENTITY_ID, entityIds), in(TO_ENTITY_ID, entityIds))))
                .getDeletedCount();
    }
}
