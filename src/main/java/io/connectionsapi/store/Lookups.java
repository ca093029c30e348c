package io.connectionsapi.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;

/** Reading a tenant's documents by a unique key, the one query every resource's writes start with. */
public final class Lookups {

    private Lookups() {
    }

    /**
     * The tenant's documents whose {@code key} (unique per tenant) is one of {@code ids}, by that key, in one
     * command and one reply. The limit is what lets mongod close the cursor in its first reply: a batch size of
     * exactly the number of results leaves it open, and the driver would send a {@code getMore} to learn that
     * nothing follows. Nothing is sent for no IDs.
     */
    public static Map<String, Document> byIds(MongoCollection<Document> collection, String tenantId, String key,
            Collection<String> ids) {
        Map<String, Document> found = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            collection.find(and(eq("tenant_id", tenantId), in(key, ids))).limit(ids.size()).batchSize(ids.size())
                    .forEach(document -> found.put(document.getString(key), document));
        }
        return found;
    }
}
