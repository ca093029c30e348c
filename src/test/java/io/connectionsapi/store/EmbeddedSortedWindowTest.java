package io.connectionsapi.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's sorted windows and counts, which it answers without holding every match
 * ({@link EmbeddedCollections}), give exactly what mongo-java-server itself gives for the same documents inserted in
 * the same order: the same documents in the same order, ties (kept in the scan's order when no tie-break is
 * asked), missing and null values, mixed types, skips past the end and projections included.
 */
class EmbeddedSortedWindowTest {

    /** Every sort a list allows, the connections' among them (a nested field, dates, numbers, strings). */
    private static final List<String> SORTS = List.of("strength", "priority", "status", "created_at", "updated_at",
            "starts_at", "_id", "connection_from_entity.connection_entity_id", "connection_to_entity.connection_entity_type");
    private static final int DOCUMENTS = 240;

    @TempDir
    Path dir;

    private EmbeddedStore store;
    private MongoClient client;
    private MongoCollection<Document> ours;
    private MongoServer plainServer;
    private MongoClient plainClient;
    private MongoCollection<Document> plain;

    @BeforeEach
    void start() {
        store = EmbeddedStore.start(dir, false);
        client = MongoClients.create(store.connectionString());
        ours = client.getDatabase("connections").getCollection("connections");
        plainServer = new MongoServer(H2Backend.inMemory());
        plainClient = MongoClients.create("mongodb://" + hostAndPort(plainServer.bind()));
        plain = plainClient.getDatabase("connections").getCollection("connections");
        List<Document> documents = documents();
        for (Document document : documents) {
            ours.insertOne(Document.parse(document.toJson()));
            plain.insertOne(Document.parse(document.toJson()));
        }
    }

    private static String hostAndPort(java.net.InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    @AfterEach
    void stop() {
        client.close();
        store.close();
        plainClient.close();
        plainServer.shutdownNow();
    }

    /**
     * Two tenants' connections with many ties, some fields missing or null, one of mixed type, inserted in a
     * shuffled order, so that the scan's order is neither the IDs' nor the sort's.
     */
    private static List<Document> documents() {
        Random random = new Random(11);
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            Document document = new Document("_id", String.format("c%04d", (i * 7919) % 10_000))
                    .append("tenant_id", i % 5 == 0 ? "other" : "t")
                    .append("strength", random.nextInt(4))
                    .append("status", List.of("ACTIVE", "INACTIVE", "PENDING").get(random.nextInt(3)))
                    .append("created_at", new Date(1_700_000_000_000L + random.nextInt(6) * 1000L))
                    .append("updated_at", new Date(1_700_000_000_000L + random.nextInt(1000) * 1000L))
                    .append("connection_from_entity", new Document("connection_entity_id", "person-" + random.nextInt(30)))
                    .append("connection_to_entity", new Document("connection_entity_type", i % 7 == 0 ? null : "TEAM"));
            if (i % 3 != 0) {
                document.append("priority", i % 11 == 0 ? "high" : random.nextInt(3)); // missing, a string or a number
            }
            if (i % 4 == 0) {
                document.append("starts_at", i % 8 == 0 ? null : new Date(1_700_000_000_000L + i));
            }
            documents.add(document);
        }
        Collections.shuffle(documents, random);
        return documents;
    }

    @Test
    void everySortInBothDirectionsGivesTheSameWindowsAsMongoJavaServer() {
        List<Bson> filters = List.of(eq("tenant_id", "t"), and(eq("tenant_id", "t"), eq("status", "ACTIVE")),
                new Document(), and(eq("tenant_id", "t"), gt("strength", 1)), eq("tenant_id", "nobody"));
        int compared = 0;
        for (String sort : SORTS) {
            for (boolean ascending : List.of(true, false)) {
                List<Bson> sortings = new ArrayList<>();
                // alone (ties in the scan's order), then as the lists send it: the default order, then the ID
                sortings.add(ascending ? Sorts.ascending(sort) : Sorts.descending(sort));
                sortings.add(ascending ? Sorts.ascending(sort, "created_at", "_id") : Sorts.descending(sort, "created_at", "_id"));
                for (Bson sorting : sortings) {
                    for (Bson filter : filters) {
                        for (int skip : List.of(0, 13, 191, 192, 500)) {
                            for (int limit : List.of(1, 25, 1000)) {
                                List<Document> expected = plain.find(filter).sort(sorting).skip(skip).limit(limit)
                                        .into(new ArrayList<>());
                                List<Document> actual = ours.find(filter).sort(sorting).skip(skip).limit(limit)
                                        .into(new ArrayList<>());
                                assertThat(actual).as("%s %s skip %d limit %d", filter, sorting, skip, limit)
                                        .isEqualTo(expected);
                                compared += expected.size();
                            }
                        }
                    }
                }
            }
        }
        assertThat(compared).as("documents compared").isGreaterThan(30_000);
    }

    @Test
    void smallBatchesAndProjectionsComeAsBefore() {
        Bson filter = eq("tenant_id", "t");
        Bson sorting = Sorts.descending("strength", "_id");
        List<Document> expected = plain.find(filter).sort(sorting).skip(20).limit(150).batchSize(10)
                .projection(Projections.include("strength", "status")).into(new ArrayList<>());
        List<Document> actual = ours.find(filter).sort(sorting).skip(20).limit(150).batchSize(10)
                .projection(Projections.include("strength", "status")).into(new ArrayList<>());
        assertThat(actual).hasSize(150).isEqualTo(expected);
        assertThat(actual.get(0).keySet()).containsExactly("_id", "strength", "status");
    }

    @Test
    void countsAndAggregationsReadTheStreamedCollectionAlike() {
        for (Bson filter : List.of(eq("tenant_id", "t"), and(eq("tenant_id", "t"), eq("status", "PENDING")), new Document())) {
            assertThat(ours.countDocuments(filter)).isEqualTo(plain.countDocuments(filter)).isPositive();
            assertThat(ours.countDocuments(filter, new CountOptions().limit(10).skip(3)))
                    .isEqualTo(plain.countDocuments(filter, new CountOptions().limit(10).skip(3)));
        }
        List<Bson> pipeline = List.of(Aggregates.match(eq("tenant_id", "t")), Aggregates.limit(30));
        assertThat(ours.aggregate(pipeline).into(new ArrayList<>())).hasSize(30)
                .isEqualTo(plain.aggregate(pipeline).into(new ArrayList<>()));
    }
}
