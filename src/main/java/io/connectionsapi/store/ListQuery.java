package io.connectionsapi.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * A parsed, validated list request: filter conditions, window and order. {@code order} is the sort field followed
 * by the fields that break its ties: the default sort, then the unique tie-break (equal values come in the default
 * order), which is also the shape of the indexes that serve the sorts.
 */
public record ListQuery(List<Bson> conditions, int skip, int limit, String sort, boolean ascending, List<String> order) {

    /**
     * Runs the query for one tenant: a find whose single batch holds the whole page (the limit is within the batch,
     * so mongod closes the cursor with its first reply), then a count only when the page cannot tell the total. A
     * page shorter than the limit ends the results, so its total is what came before it and what it holds: a
     * lookup by ID or a short filtered list costs one command. A count walks every match (on MongoDB, every index
     * key in the filter's range), which is what makes a full page of a big list dearer than a short one.
     */
    public Page<Document> run(MongoCollection<Document> collection, String tenantId) {
        Bson filter = filter(tenantId);
        List<Document> items = collection.find(filter).sort(sorting()).skip(skip).limit(limit).batchSize(limit)
                .into(new ArrayList<>());
        boolean endSeen = !items.isEmpty() && items.size() < limit || items.isEmpty() && skip == 0;
        long total = endSeen ? skip + items.size() : collection.countDocuments(filter);
        return new Page<>(items, skip, total);
    }

    /**
     * The tenant's equality first, then the request's conditions: one document when their fields differ (the
     * usual case), an {@code $and} when two name the same field. MongoDB plans both alike; the embedded store
     * matches a flat document against each of its documents faster than the same conditions in an {@code $and}.
     */
    public Bson filter(String tenantId) {
        BsonDocument flat = new BsonDocument("tenant_id", new BsonString(tenantId));
        for (Bson condition : conditions) {
            BsonDocument rendered = condition.toBsonDocument();
            if (rendered.keySet().stream().anyMatch(flat::containsKey)) {
                List<Bson> all = new ArrayList<>();
                all.add(eq("tenant_id", tenantId));
                all.addAll(conditions);
                return and(all);
            }
            flat.putAll(rendered);
        }
        return flat;
    }

    /** Every field of {@link #order} in the requested direction. */
    public Bson sorting() {
        return ascending ? Sorts.ascending(order) : Sorts.descending(order);
    }
}
