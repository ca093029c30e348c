package io.connectionsapi.store;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/** Which documents refer to which IDs, and keeping what a request refers to from being deleted under it. */
public final class References {

    /** Written by {@link #claim}; never shown. */
    static final String CLAIM = "claimed_by";

    private References() {
    }

    /**
     * Inside a transaction, writes the documents {@code filter} matches (a new claim mark), so that a concurrent
     * request deleting or changing one of them conflicts with this one and one of the two runs again after the
     * other ({@link UnitOfWork#claimsReferences}). Elsewhere units run one at a time already, and nothing is sent.
     */
    public static void claim(MongoCollection<Document> collection, Bson filter) {
        if (UnitOfWork.claimsReferences()) {
            collection.updateMany(filter, Updates.set(CLAIM, new ObjectId()));
        }
    }

    /**
     * Which of {@code ids} appear in any of {@code fields} of the documents {@code filter} matches, in one
     * aggregation whose answer holds at most one small document per ID. Not {@code distinct}: its answer must fit
     * in 16 MB (a hub entity's partners may not) and it is refused inside transactions on sharded collections.
     */
    public static Set<String> used(MongoCollection<Document> collection, Bson filter, Collection<String> ids, String... fields) {
        List<String> paths = new ArrayList<>();
        for (String field : fields) {
            paths.add("$" + field);
        }
        Set<String> used = new HashSet<>();
        collection.aggregate(List.of(
                        Aggregates.match(filter),
                        Aggregates.project(new Document("_id", 0).append("ref", paths)),
                        Aggregates.unwind("$ref"),
                        Aggregates.match(in("ref", ids)),
                        Aggregates.group("$ref")))
                .batchSize(Math.max(ids.size() + 1, 2))
                .forEach(group -> used.add(group.getString("_id")));
        return used;
    }
}
