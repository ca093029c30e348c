package io.connectionsapi.mapping;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;
import static io.connectionsapi.mapping.MappingFields.*;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import io.connectionsapi.entity.EntityUsage;
import io.connectionsapi.store.IndexSet;
import io.connectionsapi.store.References;
import io.connectionsapi.store.TenantCollection;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.stereotype.Repository;

/** The label_mappings collection. (label_id, entity_id) is unique per tenant, by a unique index. */
@Repository
class Mappings extends TenantCollection implements EntityUsage {

    /**
     * By the rule of {@code Connections.INDEXES}; (label, entity) unique, which also serves a label's cascade. The
     * entity ID index serves the entity's side of {@link #referring}.
     */
    static final List<IndexModel> INDEXES = Stream.concat(
            Stream.of(IndexSet.unique(TENANT, LABEL_ID, ENTITY_ID), IndexSet.index(TENANT, ID)),
            IndexSet.forLists(CREATED_AT, ID, List.of(UPDATED_AT, LABEL_ID, ENTITY_ID, ENTITY_TYPE), List.of(EXTERNAL_ID))
                    .stream()).toList();

    Mappings(MongoDatabase database, IndexSet indexSet) {
        super(database.getCollection("label_mappings"), ID);
        indexSet.ensure(documents, INDEXES);
    }

    /** A mapping uses both its label and its entity. */
    private static org.bson.conversions.Bson referring(String tenantId, Collection<String> entityIds) {
        return and(eq(TENANT, tenantId), or(in(LABEL_ID, entityIds), in(ENTITY_ID, entityIds)));
    }

    @Override
    public Set<String> inUse(String tenantId, Collection<String> entityIds) {
        return References.used(documents, referring(tenantId, entityIds), entityIds, LABEL_ID, ENTITY_ID);
    }

    @Override
    public String usedBy() {
        return "mappings";
    }

    @Override
    public long removeAll(String tenantId, Collection<String> entityIds) {
        return documents.deleteMany(referring(tenantId, entityIds)).getDeletedCount();
    }
}
