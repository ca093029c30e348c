package io.connectionsapi.connection;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;
import static io.connectionsapi.connection.ConnectionFields.*;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.UpdateManyModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.connectionsapi.store.IndexSet;
import io.connectionsapi.entity.EntityDisplays;
import io.connectionsapi.entity.EntityFields;
import io.connectionsapi.entity.EntityUsage;
import io.connectionsapi.store.TenantCollection;
import io.connectionsapi.store.References;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Repository;

/**
 * The connections collection. Each connection embeds a copy of both entities' data so that lists, filters on
 * {@code external_id} and sorts on entity fields are single indexed queries; {@link #refresh} keeps the copies
 * current whenever the directory changes.
 */
@Repository
class Connections extends TenantCollection implements EntityDisplays, EntityUsage {

    /**
     * One index per query shape, by the equality-sort-range rule: the tenant (equality), the filter's field
     * (equality), then the sort and its tie-breaks (created_at, _id). Each sort field's index also serves the
     * equality filter on that field with the default sort; the fields most connections leave unset are indexed only
     * where set. Filters with another sort than the default use the filter's index and sort its matches in memory
     * (the README's allow-list); {@code QueryIndexesTest} checks every pair against this list.
     */
    static final List<IndexModel> INDEXES = Stream.concat(Stream.of(IndexSet.index(TENANT, ID)),
            IndexSet.forLists(CREATED_AT, ID,
                    List.of(UPDATED_AT, STRENGTH, PRIORITY, STATUS, STARTS_AT, ENDS_AT, FROM_ENTITY_ID, TO_ENTITY_ID,
                            FROM_ENTITY_TYPE, TO_ENTITY_TYPE),
                    List.of(FROM_EXTERNAL_ID, TO_EXTERNAL_ID, LOCATION_ID, CONFIGURATION_ID)).stream()).toList();

    Connections(MongoDatabase database, IndexSet indexSet) {
        super(database.getCollection("connections"), ID);
        indexSet.ensure(documents, INDEXES);
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
        documents.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    @Override
    public Set<String> inUse(String tenantId, Collection<String> entityIds) {
        Bson filter = and(eq(TENANT, tenantId), or(in(FROM_ENTITY_ID, entityIds), in(TO_ENTITY_ID, entityIds)));
        return References.used(documents, filter, entityIds, FROM_ENTITY_ID, TO_ENTITY_ID);
    }

    @Override
    public String usedBy() {
        return "connections";
    }

    @Override
    public long removeAll(String tenantId, Collection<String> entityIds) {
        return documents.deleteMany(and(eq(TENANT, tenantId), or(in(FROM_ENTITY_ID, entityIds), in(TO_ENTITY_ID, entityIds))))
                .getDeletedCount();
    }
}
