package io.connectionsapi.web;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/** A parsed, validated list request: filter conditions, window and order. */
public record ListQuery(List<Bson> conditions, int skip, int limit, String sort, boolean ascending, String tieBreak) {

    /**
     * Runs the query for one tenant in exactly two commands: a count and a find whose single batch holds the
     * whole page.
     */
    public Envelope.Page<Document> run(MongoCollection<Document> collection, String tenantId) {
        List<Bson> all = new ArrayList<>();
        all.add(eq("tenant_id", tenantId));
        all.addAll(conditions);
        Bson filter = and(all);
        long total = collection.countDocuments(filter);
        List<Document> items = total <= skip ? List.of()
                : collection.find(filter).sort(order()).skip(skip).limit(limit).batchSize(limit).into(new ArrayList<>());
        return new Envelope.Page<>(items, Envelope.Pagination.of(skip, items.size(), total));
    }

    private Bson order() {
        List<String> fields = sort.equals(tieBreak) ? List.of(sort) : List.of(sort, tieBreak);
        return ascending ? Sorts.ascending(fields) : Sorts.descending(fields);
    }
}
