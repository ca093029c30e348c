package io.connectionsapi.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's file format for documents ({@link EmbeddedDocumentType}) and index keys
 * ({@link EmbeddedIndexKeyType}): BSON, readable from files that
 * mongo-java-server wrote with Java serialisation, every type a client can send kept, and a cache size that follows
 * the document rather than what was written last.
 */
class EmbeddedDocumentTypeTest {

    @TempDir
    Path dir;

    @Test
    void aFileMongoJavaServerWroteIsRewrittenAsBsonWhenOpened() {
        Path file = dir.resolve("connections.mv.db");
        List<Document> written = documents();
        MongoServer plainServer = new MongoServer(new H2Backend(new MVStore.Builder().fileName(file.toString()).open()));
        try (MongoClient plain = MongoClients.create("mongodb://127.0.0.1:" + plainServer.bind().getPort())) {
            plain.getDatabase("connections").getCollection("things").insertMany(written);
        } finally {
            plainServer.shutdownNow(); // closes the file, committing
        }
        assertThat(firstBytes(file).values()).containsOnly((byte) 19); // H2's tag for a Java-serialised object

        EmbeddedStore store = EmbeddedStore.start(dir, false);
        try (MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("connections").getCollection("things");
            assertThat(things.find().sort(Sorts.ascending("_id"))).containsExactlyElementsOf(written);
        } finally {
            store.close();
        }
        assertThat(firstBytes(file).values()).as("rewritten when opened").containsOnly(EmbeddedDocumentType.BSON);

        store = EmbeddedStore.start(dir, false);
        try (MongoClient client = MongoClients.create(store.connectionString())) {
            client.getDatabase("connections").getCollection("things").updateOne(eq("_id", 1), Updates.set("changed", true));
            store.commit();
        } finally {
            store.close();
        }

        written.get(0).put("changed", true);
        assertAStartedStoreReads(written);
    }

    @Test
    void aStockFilesUniqueIndexesAreRebuiltOnceAndStillFindAndRejectDuplicates() {
        Path file = dir.resolve("connections.mv.db");
        MongoServer plainServer = new MongoServer(new H2Backend(new MVStore.Builder().fileName(file.toString()).open()));
        try (MongoClient plain = MongoClients.create("mongodb://127.0.0.1:" + plainServer.bind().getPort())) {
            MongoCollection<Document> things = plain.getDatabase("connections").getCollection("things");
            things.createIndex(Indexes.ascending("tenant_id", "key"), new IndexOptions().unique(true));
            for (int i = 1; i <= 50; i++) {
                things.insertOne(new Document("_id", i).append("tenant_id", "t").append("key", "k" + i));
            }
        } finally {
            plainServer.shutdownNow();
        }

        for (int start = 0; start < 2; start++) { // the rebuild, then a start on the rebuilt file
            EmbeddedStore store = EmbeddedStore.start(dir, false);
            try (MongoClient client = MongoClients.create(store.connectionString())) {
                MongoCollection<Document> things = client.getDatabase("connections").getCollection("things");
                assertThat(things.find(eq("_id", 7)).first()).containsEntry("key", "k7");
                assertThat(things.find(and(eq("tenant_id", "t"), eq("key", "k33"))).first()).containsEntry("_id", 33);
                assertThatThrownBy(() -> things.insertOne(new Document("_id", 7)))
                        .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(11000));
                assertThatThrownBy(() -> things.insertOne(new Document("_id", 7.0)))
                        .as("1 and 1.0 are one key, as in MongoDB")
                        .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(11000));
                assertThatThrownBy(() -> things.insertOne(new Document("_id", 99).append("tenant_id", "t").append("key", "k3")))
                        .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(11000));
                things.insertOne(new Document("_id", 50 + start + 1).append("tenant_id", "t").append("key", "new" + start));
                store.commit();
                assertThat(things.countDocuments()).isEqualTo(51 + start);
            } finally {
                store.close();
            }
        }
        MVStore raw = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            assertThat(raw.<String, String>openMap(EmbeddedCollections.FORMATS))
                    .containsEntry("connections.things._index__id_", "keys-bson-1")
                    .containsEntry("connections.things._index_tenant_id_1_key_1", "keys-bson-1")
                    .containsEntry("databases.connections.things", "documents-bson-1");
        } finally {
            raw.close();
        }
    }

    @Test
    void indexKeysAreOrderedByValueAndKeptAsWritten() {
        EmbeddedIndexKeyType keys = new EmbeddedIndexKeyType();
        List<KeyValue> ordered = List.of(new KeyValue(1, "a"), new KeyValue(2.5, "a"), new KeyValue(3L, "a"),
                new KeyValue("a", "a"), new KeyValue("a", "b"), new KeyValue("b", null));
        for (int i = 0; i + 1 < ordered.size(); i++) {
            assertThat(keys.compare(ordered.get(i), ordered.get(i + 1))).as("%s < %s", ordered.get(i), ordered.get(i + 1)).isNegative();
            assertThat(keys.compare(ordered.get(i + 1), ordered.get(i))).isPositive();
        }
        assertThat(keys.compare(new KeyValue(1, "a"), new KeyValue(1.0, "a"))).isZero();
        for (KeyValue key : ordered) {
            WriteBuffer buffer = new WriteBuffer();
            keys.write(buffer, key);
            ByteBuffer written = buffer.getBuffer();
            written.flip();
            assertThat(written.get(0)).isEqualTo(EmbeddedDocumentType.BSON);
            assertThat(keys.read(written)).isEqualTo(key);
            assertThat(written.hasRemaining()).isFalse();
        }
    }

    @Test
    void everyTypeAClientSendsIsKeptAcrossARestart() {
        List<Document> written = documents();
        EmbeddedStore store = EmbeddedStore.start(dir, false);
        try (MongoClient client = MongoClients.create(store.connectionString())) {
            client.getDatabase("connections").getCollection("things").insertMany(written);
            store.commit();
        } finally {
            store.close();
        }
        assertThat(firstBytes(dir.resolve("connections.mv.db")).values()).containsOnly(EmbeddedDocumentType.BSON);

        assertAStartedStoreReads(written);
    }

    @Test
    void aDocumentsCacheSizeFollowsItsContentNotWhatWasWrittenLast() {
        var small = new de.bwaldvogel.mongo.bson.Document("_id", 1).append("name", "P 1");
        var large = new de.bwaldvogel.mongo.bson.Document("_id", 2).append("notes", "x".repeat(14_000));
        EmbeddedDocumentType ours = new EmbeddedDocumentType();
        ObjectDataType h2 = new ObjectDataType();
        int smallBefore = ours.getMemory(small);
        int h2SmallBefore = h2.getMemory(small);
        for (int i = 0; i < 100; i++) { // H2 sizes serialised objects by a running average of what it wrote
            ours.write(new WriteBuffer(), large);
            h2.write(new WriteBuffer(), large);
        }
        assertThat(ours.getMemory(small)).isEqualTo(smallBefore).isBetween(200, 400);
        assertThat(ours.getMemory(large)).isGreaterThan(14_000);
        assertThat(h2.getMemory(small)).isNotEqualTo(h2SmallBefore).isGreaterThan(14_000); // what this type replaces
    }

    /** A store started on the directory finds exactly {@code written}, in {@code _id} order. */
    private void assertAStartedStoreReads(List<Document> written) {
        EmbeddedStore store = EmbeddedStore.start(dir, false);
        try (MongoClient client = MongoClients.create(store.connectionString())) {
            assertThat(client.getDatabase("connections").getCollection("things").find().sort(Sorts.ascending("_id")))
                    .containsExactlyElementsOf(written);
        } finally {
            store.close();
        }
    }

    /** One document per BSON type a client can send, nested ones included. */
    private static List<Document> documents() {
        List<Document> documents = new ArrayList<>();
        documents.add(new Document("_id", 1).append("text", "Zoë 𝄞").append("int", 7).append("long", 7_000_000_000L)
                .append("double", 1.5).append("decimal", Decimal128.parse("12.30")).append("date", new Date(1_764_000_000_123L))
                .append("true", true).append("false", false).append("null", null).append("oid", new ObjectId())
                .append("binary", new Binary(new byte[] {1, 2, 3})));
        documents.add(new Document("_id", 2).append("nested", new Document("a", new Document("b", List.of(1, "two", 3.0))))
                .append("list", List.of(new Document("x", 1), List.of(), "y")).append("empty", new Document()));
        documents.add(new Document("_id", 3).append("tenant_id", "t").append("strength", -2).append("notes", "n".repeat(5000)));
        return documents;
    }

    /** The first byte of every stored value of the collection, by {@code _id}: how each document was written. */
    private static Map<Object, Byte> firstBytes(Path file) {
        MVStore raw = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            MVMap<Object, Object> data = raw.openMap("databases.connections.things",
                    new MVMap.Builder<Object, Object>().valueType(new FirstByte()));
            Map<Object, Byte> firstBytes = new TreeMap<>();
            data.forEach((position, first) -> firstBytes.put(((Number) position).intValue(), (Byte) first));
            return firstBytes;
        } finally {
            raw.close();
        }
    }

    /** Reads a value as its first byte and skips the rest; the values' lengths come from their own prefixes. */
    private static final class FirstByte extends BasicDataType<Object> {

        private final ObjectDataType h2 = new ObjectDataType();

        @Override
        public Object read(ByteBuffer buffer) {
            byte first = buffer.get(buffer.position());
            if (first == EmbeddedDocumentType.BSON) {
                buffer.position(buffer.position() + 1 + Integer.reverseBytes(buffer.getInt(buffer.position() + 1)));
            } else {
                h2.read(buffer);
            }
            return first;
        }

        @Override
        public int getMemory(Object value) {
            return 16;
        }

        @Override
        public void write(WriteBuffer buffer, Object value) {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public Object[] createStorage(int size) {
            return new Object[size];
        }
    }
}
