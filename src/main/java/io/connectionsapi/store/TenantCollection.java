package io.connectionsapi.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * A collection of tenant-owned documents, each named by a key unique per tenant ({@code _id}, or the entity ID of
 * the directory): what every resource's collection does the same way. Every method is confined to one tenant and
 * costs one command whatever the number of documents.
 */
public abstract class TenantCollection {

    public static final String ID = "_id";
    public static final String TENANT = "tenant_id";
    public static final String CREATED_AT = "created_at";
    public static final String UPDATED_AT = "updated_at";

    protected final MongoCollection<Document> documents;
    private final String key;

    protected TenantCollection(MongoCollection<Document> documents, String key) {
        this.documents = documents;
        this.key = key;
    }

    /** A new document of the tenant: a new {@code _id}, its fields, and both timestamps {@code now}. */
    public static Document newDocument(String tenantId, Document fields, Date now) {
        Document document = new Document(ID, new ObjectId().toHexString()).append(TENANT, tenantId);
        document.putAll(fields);
        return document.append(CREATED_AT, now).append(UPDATED_AT, now);
    }

    /** One page of the tenant's documents ({@link ListQuery#run}: a find, and a count only when the page is full). */
    public Page<Document> list(String tenantId, ListQuery query) {
        return query.run(documents, tenantId);
    }

    /**
     * The tenant's documents whose key is one of {@code ids}, by key, in one command and one reply. The limit is
     * what lets mongod close the cursor in its first reply: a batch size of exactly the number of results leaves it
     * open, and the driver would send a {@code getMore} to learn that nothing follows. Nothing is sent for no IDs.
     */
    public Map<String, Document> findByIds(String tenantId, Collection<String> ids) {
        Map<String, Document> found = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            documents.find(and(eq(TENANT, tenantId), in(key, ids))).limit(ids.size()).batchSize(ids.size())
                    .forEach(document -> found.put(document.getString(key), document));
        }
        return found;
    }

    /** Inserts new documents where no unique index beyond the key can refuse them. */
    public void insert(List<Document> created) {
        documents.insertMany(created);
    }

    /** Inserts all, or none: the index of the document a unique index refused, or {@link UniqueWrites#WRITTEN}. */
    public int insertAll(String tenantId, List<Document> created) {
        return UniqueWrites.insertAll(documents, tenantId, created);
    }

    /** Applies one update per document (by {@code _id}) in a single unordered bulk command. */
    public void update(String tenantId, Map<String, Bson> changesById) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        changesById.forEach((id, changes) -> writes.add(new UpdateOneModel<>(and(eq(TENANT, tenantId), eq(ID, id)), changes)));
        documents.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    /** Changes all, or none: the index of the document whose change a unique index refused, or {@link UniqueWrites#WRITTEN}. */
    public int setAll(String tenantId, Map<String, Document> setsById, List<Document> originals) {
        return UniqueWrites.setAll(documents, tenantId, setsById, originals);
    }

    /** Deletes the tenant's documents whose key is one of {@code ids}; returns how many there were. */
    public long delete(String tenantId, Collection<String> ids) {
        return documents.deleteMany(and(eq(TENANT, tenantId), in(key, ids))).getDeletedCount();
    }
}
