package io.connectionsapi.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.connectionsapi.store.ListQuery.Counting;
import java.util.List;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The count modes of {@link ListQuery#run} against a MongoDB-protocol store with a small cap (the API's tests
 * share one application and its default cap of 10,000): where an estimate stops, that it never claims less than
 * the page proves, and what a page without a count says.
 */
class CountingTest {

    private static MongoServer server;
    private static MongoClient client;
    private static MongoCollection<Document> documents;

    @BeforeAll
    static void tenDocuments() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        documents = client.getDatabase("counting").getCollection("things");
        documents.insertMany(IntStream.range(0, 10)
                .mapToObj(i -> new Document("_id", "d" + i).append("tenant_id", "t")).toList());
        documents.insertOne(new Document("_id", "other").append("tenant_id", "u"));
    }

    @AfterAll
    static void stop() {
        client.close();
        server.shutdownNow();
    }

    private static Page<Document> page(int skip, int limit, Counting counting) {
        return new ListQuery(List.of(), skip, limit, "_id", true, List.of("_id")).counting(counting).run(documents, "t");
    }

    @Test
    void anEstimateStopsAtTheCapButNeverBelowWhatThePageProves() {
        Counting capThree = new Counting(Counting.Mode.ESTIMATED, 3);
        Page<Document> first = page(0, 2, capThree);
        assertThat(first.total()).isEqualTo(3);
        assertThat(first.totalExact()).isFalse();
        assertThat(first.lastKey()).isNotNull(); // more follow

        // the page proves six documents and one more: the count goes that far, not to the cap
        Page<Document> fourth = page(4, 2, capThree);
        assertThat(fourth.total()).isEqualTo(7);
        assertThat(fourth.totalExact()).isFalse();

        // a full last page: the count reaches the end before its bound
        Page<Document> last = page(8, 2, capThree);
        assertThat(last.total()).isEqualTo(10);
        assertThat(last.totalExact()).isTrue();
        assertThat(last.lastKey()).isNull();

        Page<Document> underCap = page(0, 2, new Counting(Counting.Mode.ESTIMATED, 50));
        assertThat(underCap.total()).isEqualTo(10);
        assertThat(underCap.totalExact()).isTrue();
    }

    @Test
    void theBoundIsTheCapOrOneBeyondThePage() {
        Counting cap = new Counting(Counting.Mode.ESTIMATED, 100);
        assertThat(cap.bound(0, 25)).isEqualTo(100);
        assertThat(cap.bound(90, 25)).isEqualTo(116);
        assertThat(cap.bound(Integer.MAX_VALUE - 1000, 1000)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void anExactCountSaysNothingOfItsExactness() {
        Page<Document> first = page(0, 2, Counting.EXACT);
        assertThat(first.total()).isEqualTo(10);
        assertThat(first.totalExact()).isNull();
    }

    @Test
    void withoutACountAPageKnowsOnlyWhetherMoreFollow() {
        Counting none = new Counting(Counting.Mode.NONE, 3);
        Page<Document> first = page(0, 4, none);
        assertThat(first.items()).hasSize(4);
        assertThat(first.total()).isEqualTo(5);
        assertThat(first.totalExact()).isFalse();

        Page<Document> last = page(6, 4, none);
        assertThat(last.items()).extracting(d -> d.getString("_id")).containsExactly("d6", "d7", "d8", "d9");
        assertThat(last.total()).isEqualTo(10);
        assertThat(last.totalExact()).isTrue();
        assertThat(last.lastKey()).isNull();

        assertThat(page(20, 4, none).totalExact()).isFalse();
        assertThat(page(0, 20, none).total()).isEqualTo(10);
    }
}
