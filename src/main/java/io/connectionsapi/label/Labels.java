package io.connectionsapi.label;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static io.connectionsapi.label.LabelFields.*;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.connectionsapi.store.IndexSet;
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
import java.util.stream.Stream;
import org.bson.Document;
import org.springframework.stereotype.Repository;

/** The labels collection. (type, name) is unique per tenant, case-insensitively, by a unique index. */
@Repository
public class Labels {

    /** By the rule of {@code Connections.INDEXES}; (type, name) unique, and each key alone for the filters. */
    static final List<IndexModel> INDEXES = Stream.concat(
            Stream.of(IndexSet.unique(TENANT, TYPE_KEY, NAME_KEY), IndexSet.index(TENANT, ID)),
            IndexSet.forLists(CREATED_AT, ID, List.of(UPDATED_AT, NAME, TYPE, STATUS, NAME_KEY, TYPE_KEY), List.of())
                    .stream()).toList();

    private final MongoCollection<Document> labels;

    Labels(MongoDatabase database, IndexSet indexSet) {
        this.labels = database.getCollection("labels");
        indexSet.ensure(labels, INDEXES);
    }

    Page<Document> list(String tenantId, ListQuery query) {
        return query.run(labels, tenantId);
    }

    /** The tenant's labels among {@code ids}, by ID, in one query. */
    public Map<String, Document> findByIds(String tenantId, Collection<String> ids) {
        return Lookups.byIds(labels, tenantId, ID, ids);
    }

    /** Inserts all, or none: the index of the label whose (type, name) is taken, or {@link UniqueWrites#WRITTEN}. */
    int insertAll(String tenantId, List<Document> created) {
        return UniqueWrites.insertAll(labels, tenantId, created);
    }

    /** Changes all, or none: the index of the label whose new (type, name) is taken, or {@link UniqueWrites#WRITTEN}. */
    int setAll(String tenantId, Map<String, Document> setsById, List<Document> originals) {
        return UniqueWrites.setAll(labels, tenantId, setsById, originals);
    }

    /** Keeps the named labels from being deleted or changed by a concurrent request ({@link References#claim}). */
    public void claim(String tenantId, Collection<String> ids) {
        if (!ids.isEmpty()) {
            References.claim(labels, and(eq(TENANT, tenantId), in(ID, ids)));
        }
    }

    void delete(String tenantId, Collection<String> ids) {
        labels.deleteMany(and(eq(TENANT, tenantId), in(ID, ids)));
    }
}
