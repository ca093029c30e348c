package io.connectionsapi.mapping;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;
import static io.connectionsapi.mapping.MappingFields.*;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.connectionsapi.store.IndexSet;
import io.connectionsapi.entity.EntityUsage;
import io.connectionsapi.store.ListQuery;
import io.connectionsapi.store.Lookups;
import io.connectionsapi.store.Page;
import io.connectionsapi.store.References;
import io.connectionsapi.store.UniqueWrites;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.bson.Document;
import org.springframework.stereotype.Repository;

/** The label_mappings collection. (label_id, entity_id) is unique per tenant, by a unique index. */
@Repository
class Mappings implements EntityUsage {

    /**
     * By the rule of {@code Connections.INDEXES}; (label, entity) unique, which also serves a label's cascade. The
     * entity ID index serves the entity's side of {@link #referring}.
     */
    static final List<IndexModel> INDEXES = Stream.concat(
            Stream.of(IndexSet.unique(TENANT, LABEL_ID, ENTITY_ID), IndexSet.index(TENANT, ID)),
            IndexSet.forLists(CREATED_AT, ID, List.of(UPDATED_AT, LABEL_ID, ENTITY_ID, ENTITY_TYPE), List.of(EXTERNAL_ID))
                    .stream()).toList();

    private final MongoCollection<Document> mappings;

    Mappings(MongoDatabase database, IndexSet indexSet) {
        this.mappings = database.getCollection("label_mappings");
        indexSet.ensure(mappings, INDEXES);
    }

    Page<Document> list(String tenantId, ListQuery query) {
        return query.run(mappings, tenantId);
    }

    Map<String, Document> findByIds(String tenantId, Collection<String> ids) {
        return Lookups.byIds(mappings, tenantId, ID, ids);
    }

    int insertAll(String tenantId, List<Document> created) {
        return UniqueWrites.insertAll(mappings, tenantId, created);
    }

    int setAll(String tenantId, Map<String, Document> setsById, List<Document> originals) {
        return UniqueWrites.setAll(mappings, tenantId, setsById, originals);
    }

    void delete(String tenantId, Collection<String> ids) {
        mappings.deleteMany(and(eq(TENANT, tenantId), in(ID, ids)));
    }

    /** A mapping uses both its label and its entity. */
    private static org.bson.conversions.Bson referring(String tenantId, Collection<String> entityIds) {
        return and(eq(TENANT, tenantId), or(in(LABEL_ID, entityIds), in(ENTITY_ID, entityIds)));
    }

    @Override
    public Set<String> inUse(String tenantId, Collection<String> entityIds) {
        return References.used(mappings, referring(tenantId, entityIds), entityIds, LABEL_ID, ENTITY_ID);
    }

    @Override
    public String usedBy() {
        return "mappings";
    }

    @Override
    public long removeAll(String tenantId, Collection<String> entityIds) {
        return mappings.deleteMany(referring(tenantId, entityIds)).getDeletedCount();
    }
}
