package io.connectionsapi.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A count that follows a sorted page of the same filter, as a list's total does, is answered from the page's scan
 * (EmbeddedCollections.Database#handleCommand): one read of the collection instead of two, the same answer as
 * mongo-java-server's aggregation, and never an answer that misses a write made since.
 */
class EmbeddedScanCountTest {

    @TempDir
    Path dir;

    private EmbeddedStore store;
    private MongoClient client;
    private MongoDatabase database;
    private MongoCollection<Document> things;

    @BeforeEach
    void start() {
        store = EmbeddedStore.start(dir, false);
        client = MongoClients.create(store.connectionString());
        database = client.getDatabase("connections");
        things = database.getCollection("things");
        List<Document> documents = new ArrayList<>();
        for (String tenant : List.of("a", "b")) {
            for (int i = 0; i < 40; i++) {
                documents.add(new Document("_id", tenant + i).append("tenant_id", tenant).append("n", i).append("team", "t" + i % 4));
            }
        }
        things.insertMany(documents);
    }

    @AfterEach
    void stop() {
        client.close();
        store.close();
    }

    private long reads() {
        return store.fullReads("connections", "things");
    }

    private void page(Bson filter) {
        things.find(filter).sort(Sorts.ascending("n", "_id")).skip(2).limit(5).into(new ArrayList<>());
    }

    @Test
    void aCountAfterAPageOfTheSameFilterReadsNothingMore() {
        Bson filter = and(eq("tenant_id", "a"), eq("team", "t1"));
        long before = reads();
        page(filter);
        assertThat(reads() - before).as("the page's scan").isEqualTo(1);
        assertThat(things.countDocuments(filter)).isEqualTo(10);
        assertThat(things.countDocuments(filter, new CountOptions().limit(4))).isEqualTo(4);
        assertThat(things.countDocuments(filter, new CountOptions().skip(3))).isEqualTo(7);
        assertThat(things.countDocuments(filter, new CountOptions().skip(8).limit(5))).isEqualTo(2);
        assertThat(things.countDocuments(filter, new CountOptions().skip(30))).isZero();
        assertThat(reads() - before).as("the counts, from the page's scan").isEqualTo(1);

        things.countDocuments(eq("tenant_id", "a"));
        assertThat(reads() - before).as("a count of another filter scans").isEqualTo(2);
    }

    @Test
    void aListsFullPageReadsTheCollectionOnce() {
        // the server's own list query: a full page needs its total counted
        ListQuery query = new ListQuery(List.of(eq("team", "t1")), 2, 5, "n", false, List.of("n", "_id"));
        long before = reads();
        Page<Document> page = query.run(things, "a");
        assertThat(page.items()).extracting(d -> d.getString("_id")).containsExactly("a29", "a25", "a21", "a17", "a13");
        assertThat(page.total()).isEqualTo(10);
        assertThat(reads() - before).as("the page's scan, and the count from it").isEqualTo(1);

        Page<Document> estimated = query.counting(new ListQuery.Counting(ListQuery.Counting.Mode.ESTIMATED, 8)).run(things, "a");
        assertThat(estimated.total()).isEqualTo(8);
        assertThat(estimated.totalExact()).isFalse();
        assertThat(reads() - before).as("an estimate too").isEqualTo(2);
    }

    @Test
    void theAnswerIsTheAggregationsToTheLastField() {
        for (Bson filter : List.of(eq("tenant_id", "b"), and(eq("tenant_id", "b"), gte("n", 37)),
                and(eq("tenant_id", "c")), Filters.or(eq("team", "t0"), eq("n", 3)))) {
            for (List<Document> middle : List.of(List.<Document>of(), List.of(new Document("$limit", 3)),
                    List.of(new Document("$skip", 2), new Document("$limit", 100)))) {
                List<Document> pipeline = new ArrayList<>();
                pipeline.add(new Document("$match", filter.toBsonDocument()));
                pipeline.addAll(middle);
                pipeline.add(new Document("$group", new Document("_id", 1).append("n", new Document("$sum", 1))));
                Document command = new Document("aggregate", "things").append("pipeline", pipeline).append("cursor", new Document());
                long before = reads();
                page(eq("tenant_id", "another")); // the page before this one was of the same filter
                Document scanned = database.runCommand(command);
                page(filter);
                Document fromThePage = database.runCommand(command);
                assertThat(reads() - before).as("a scan for each page and the first count, none for the second")
                        .isEqualTo(3);
                assertThat(fromThePage.get("cursor", Document.class)).as(filter + " " + middle)
                        .isEqualTo(scanned.get("cursor", Document.class));
                assertThat(fromThePage.get("ok")).isEqualTo(scanned.get("ok"));
            }
        }
    }

    @Test
    void aWriteAfterThePageIsCounted() {
        Bson filter = and(eq("tenant_id", "a"), eq("team", "t2"));
        page(filter);
        things.insertOne(new Document("_id", "a-new").append("tenant_id", "a").append("n", 99).append("team", "t2"));
        assertThat(things.countDocuments(filter)).as("after an insert").isEqualTo(11);

        page(filter);
        things.updateOne(eq("_id", "a2"), Updates.set("team", "t3"));
        assertThat(things.countDocuments(filter)).as("after an update that moves a document out").isEqualTo(10);

        page(filter);
        things.deleteOne(eq("_id", "a6"));
        assertThat(things.countDocuments(filter)).as("after a delete").isEqualTo(9);

        page(filter);
        things.updateOne(eq("_id", "b0"), Updates.set("n", -1)); // a document the filter does not match
        long before = reads();
        assertThat(things.countDocuments(filter)).as("after a write elsewhere in the collection").isEqualTo(9);
        assertThat(reads() - before).as("counted again, by a scan").isEqualTo(1);
    }

    @Test
    void aWriteUndoneLeavesTheCountAsThePageSawIt() {
        Bson filter = and(eq("tenant_id", "b"), eq("team", "t0"));
        page(filter);
        things.insertOne(new Document("_id", "b-undone").append("tenant_id", "b").append("n", 5).append("team", "t0"));
        store.rollback(); // as a unit of work that failed: back to the last commit, before the inserts of start()
        long before = reads();
        assertThat(things.countDocuments(filter)).isEqualTo(things.find(filter).into(new ArrayList<>()).size());
        assertThat(reads() - before).as("the rolled-back store is not the one the page read").isGreaterThanOrEqualTo(1);
    }
}
