package io.connectionsapi.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * A parsed, validated list request: filter conditions, window and order. {@code order} is the sort field followed
 * by the fields that break its ties: the default sort, then the unique tie-break (equal values come in the default
 * order), which is also the shape of the indexes that serve the sorts.
 */
public record ListQuery(List<Bson> conditions, int skip, int limit, String sort, boolean ascending, List<String> order) {

    /**
     * Runs the query for one tenant in exactly two commands: a count and a find whose single batch holds the
     * whole page (the limit is within the batch, so mongod closes the cursor with its first reply).
     */
    public Page<Document> run(MongoCollection<Document> collection, String tenantId) {
        Bson filter = filter(tenantId);
        long total = collection.countDocuments(filter);
        List<Document> items = total <= skip ? List.of()
                : collection.find(filter).sort(sorting()).skip(skip).limit(limit).batchSize(limit).into(new ArrayList<>());
        return new Page<>(items, skip, total);
    }

    /** The tenant's equality first, then the request's conditions. */
    public Bson filter(String tenantId) {
        List<Bson> all = new ArrayList<>();
        all.add(eq("tenant_id", tenantId));
        all.addAll(conditions);
        return and(all);
    }

    /** Every field of {@link #order} in the requested direction. */
    public Bson sorting() {
        return ascending ? Sorts.ascending(order) : Sorts.descending(order);
    }
}
