package io.connectionsapi.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Batch writes that a unique index may refuse: the index decides (so two racing requests cannot both win), and
 * the index of the refused item is returned for the caller's 409. Inside a unit of work that rolls back (a
 * transaction, the embedded store) the refusal ends the unit and nothing else is needed; on a standalone MongoDB
 * what this batch wrote before the refused item is undone here by hand.
 */
public final class UniqueWrites {

    /** All items were written. */
    public static final int WRITTEN = -1;

    private UniqueWrites() {
    }

    /**
     * Inserts every document (all of {@code tenantId}) in one command; on a duplicate, removes the ones inserted
     * and returns its index.
     */
    public static int insertAll(MongoCollection<Document> collection, String tenantId, List<Document> documents) {
        try {
            collection.insertMany(documents);
            return WRITTEN;
        } catch (MongoBulkWriteException e) {
            int refused = duplicateIndex(e);
            if (!UnitOfWork.undoByHand()) {
                return refused;
            }
            List<Object> inserted = new ArrayList<>();
            for (int i = 0; i < refused; i++) {
                inserted.add(documents.get(i).get("_id"));
            }
            if (!inserted.isEmpty()) {
                collection.deleteMany(and(eq("tenant_id", tenantId), in("_id", inserted)));
            }
            return refused;
        }
    }

    /**
     * Sets the given fields of each document (of the tenant, by {@code _id}) and nothing else, in order, in one
     * command; on a duplicate, returns its index, and on a standalone MongoDB first puts back the {@code originals}
     * (same order) of the documents changed before it.
     */
    public static int setAll(MongoCollection<Document> collection, String tenantId, Map<String, Document> setsById,
            List<Document> originals) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        setsById.forEach((id, sets) -> writes.add(new UpdateOneModel<>(and(eq("tenant_id", tenantId), eq("_id", id)),
                new Document("$set", sets))));
        try {
            collection.bulkWrite(writes, new BulkWriteOptions().ordered(true));
            return WRITTEN;
        } catch (MongoBulkWriteException e) {
            int refused = duplicateIndex(e);
            if (!UnitOfWork.undoByHand()) {
                return refused;
            }
            List<WriteModel<Document>> restore = new ArrayList<>();
            for (int i = 0; i < refused; i++) {
                Document original = originals.get(i);
                restore.add(new ReplaceOneModel<>(and(eq("tenant_id", tenantId), eq("_id", original.get("_id"))), original));
            }
            if (!restore.isEmpty()) {
                collection.bulkWrite(restore);
            }
            return refused;
        }
    }

    private static int duplicateIndex(MongoBulkWriteException e) {
        var error = e.getWriteErrors().isEmpty() ? null : e.getWriteErrors().get(0);
        if (error == null || ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
            throw e;
        }
        return error.getIndex();
    }
}
