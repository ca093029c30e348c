package io.connectionsapi.store;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * Batch writes that a unique index may refuse, kept all or nothing without transactions: the index decides (so two
 * racing requests cannot both win), and when it refuses item k, what this batch wrote before k is undone.
 */
public final class UniqueWrites {

    /** All items were written. */
    public static final int WRITTEN = -1;

    private UniqueWrites() {
    }

    /** Inserts every document in one command; on a duplicate, removes the ones inserted and returns its index. */
    public static int insertAll(MongoCollection<Document> collection, List<Document> documents) {
        try {
            collection.insertMany(documents);
            return WRITTEN;
        } catch (MongoBulkWriteException e) {
            int refused = duplicateIndex(e);
            List<Object> inserted = new ArrayList<>();
            for (int i = 0; i < refused; i++) {
                inserted.add(documents.get(i).get("_id"));
            }
            if (!inserted.isEmpty()) {
                collection.deleteMany(in("_id", inserted));
            }
            return refused;
        }
    }

    /**
     * Applies the writes in order, in one command; on a duplicate, puts back the {@code originals} (same order) of
     * the writes applied before it and returns its index.
     */
    public static int updateAll(MongoCollection<Document> collection, List<? extends WriteModel<Document>> writes,
            List<Document> originals) {
        try {
            collection.bulkWrite(writes, new BulkWriteOptions().ordered(true));
            return WRITTEN;
        } catch (MongoBulkWriteException e) {
            int refused = duplicateIndex(e);
            List<WriteModel<Document>> restore = new ArrayList<>();
            for (int i = 0; i < refused; i++) {
                Document original = originals.get(i);
                restore.add(new ReplaceOneModel<>(eq("_id", original.get("_id")), original));
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
