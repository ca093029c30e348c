package io.connectionsapi.store;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
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
 * The embedded store's file format for documents ({@link EmbeddedDocumentType}): BSON, readable from files that
 * mongo-java-server wrote with Java serialisation, every type a client can send kept, and a cache size that follows
 * the document rather than what was written last.
 */
class EmbeddedDocumentTypeTest {

    @TempDir
    Path dir;

    @Test
    void aFileMongoJavaServerWroteIsReadAndItsChangedDocumentsAreWrittenAsBson() {
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
            things.updateOne(eq("_id", 1), Updates.set("changed", true));
            store.commit();
        } finally {
            store.close();
        }
        assertThat(firstBytes(file).get(1)).isEqualTo(EmbeddedDocumentType.BSON);

        written.get(0).put("changed", true);
        assertAStartedStoreReads(written);
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
