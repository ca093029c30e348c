package io.connectionsapi.label;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static io.connectionsapi.label.LabelFields.*;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import io.connectionsapi.store.IndexSet;
import io.connectionsapi.store.References;
import io.connectionsapi.store.TenantCollection;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.stereotype.Repository;

/** The labels collection. (type, name) is unique per tenant, case-insensitively, by a unique index. */
@Repository
public class Labels extends TenantCollection {

    /** By the rule of {@code Connections.INDEXES}; (type, name) unique, and each key alone for the filters. */
    static final List<IndexModel> INDEXES = Stream.concat(
            Stream.of(IndexSet.unique(TENANT, TYPE_KEY, NAME_KEY), IndexSet.index(TENANT, ID)),
            IndexSet.forLists(CREATED_AT, ID, List.of(UPDATED_AT, NAME, TYPE, STATUS, NAME_KEY, TYPE_KEY), List.of())
                    .stream()).toList();

    Labels(MongoDatabase database, IndexSet indexSet) {
        super(database.getCollection("labels"), ID);
        indexSet.ensure(documents, INDEXES);
    }

    /** Keeps the named labels from being deleted or changed by a concurrent request ({@link References#claim}). */
    public void claim(String tenantId, Collection<String> ids) {
        if (!ids.isEmpty()) {
            References.claim(documents, and(eq(TENANT, tenantId), in(ID, ids)));
        }
    }
}
