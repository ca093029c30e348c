package io.connectionsapi.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queries that the embedded store answers from a unique index although they name more than its keys: the answers
 * are exactly those of a scan (the other conditions, the tenant's among them, still apply), and they survive a
 * restart on the same file.
 */
class EmbeddedCollectionsTest {

    @TempDir
    Path dir;

    private EmbeddedStore store;
    private MongoClient client;
    private MongoCollection<Document> things;

    @BeforeEach
    void start() {
        store = EmbeddedStore.start(dir, false);
        client = MongoClients.create(store.connectionString());
        things = client.getDatabase("connections").getCollection("things");
        things.createIndex(Indexes.ascending("tenant_id", "key"), new IndexOptions().unique(true));
        for (String tenant : List.of("a", "b")) {
            for (int i = 0; i < 5; i++) {
                things.insertOne(new Document("_id", tenant + i).append("tenant_id", tenant).append("key", "k" + i)
                        .append("n", i));
            }
        }
    }

    @AfterEach
    void stop() {
        client.close();
        store.close();
    }

    @Test
    void anIdLookupKeepsItsTenantCondition() {
        assertThat(ids(and(eq("tenant_id", "a"), eq("_id", "a1")))).containsExactly("a1");
        assertThat(ids(and(eq("tenant_id", "a"), eq("_id", "b1")))).as("another tenant's ID").isEmpty();
        assertThat(ids(and(eq("tenant_id", "a"), in("_id", "a1", "b2", "a3", "missing")))).containsExactlyInAnyOrder("a1", "a3");
        assertThat(ids(new Document("tenant_id", "b").append("_id", new Document("$in", List.of("a1", "b4"))))).containsExactly("b4");
    }

    @Test
    void aCompoundUniqueIndexServesEqualitiesAndAnInOfItsKeys() {
        assertThat(ids(and(eq("tenant_id", "b"), in("key", "k0", "k4", "k9")))).containsExactlyInAnyOrder("b0", "b4");
        assertThat(ids(and(eq("tenant_id", "b"), eq("key", "k2"), eq("n", 3)))).as("a further condition applies").isEmpty();
        assertThat(ids(and(eq("tenant_id", "b"), eq("key", "k2"), eq("n", 2)))).containsExactly("b2");
    }

    @Test
    void sortSkipAndLimitApplyToTheLookedUpDocuments() {
        List<String> found = things.find(and(eq("tenant_id", "a"), in("_id", "a0", "a1", "a2", "a3")))
                .sort(Sorts.descending("n")).skip(1).limit(2).map(d -> d.getString("_id")).into(new ArrayList<>());
        assertThat(found).containsExactly("a2", "a1");
    }

    @Test
    void writesByIdChangeOnlyTheirTenantsDocumentsAndLastAcrossARestart() {
        things.updateOne(and(eq("tenant_id", "a"), eq("_id", "b3")), Updates.set("n", 99)); // b3 is not a's
        things.updateOne(and(eq("tenant_id", "a"), eq("_id", "a3")), Updates.set("n", 33));
        things.deleteMany(and(eq("tenant_id", "b"), in("_id", "b0", "a0")));
        store.commit();
        client.close();
        store.close();

        store = EmbeddedStore.start(dir, false);
        client = MongoClients.create(store.connectionString());
        things = client.getDatabase("connections").getCollection("things");
        assertThat(things.find(eq("_id", "b3")).first().getInteger("n")).isEqualTo(3);
        assertThat(things.find(eq("_id", "a3")).first().getInteger("n")).isEqualTo(33);
        assertThat(ids(new Document())).containsExactlyInAnyOrder("a0", "a1", "a2", "a3", "a4", "b1", "b2", "b3", "b4");
        assertThat(ids(and(eq("tenant_id", "a"), eq("_id", "a0")))).containsExactly("a0");
    }

    private List<String> ids(org.bson.conversions.Bson filter) {
        return things.find(filter).map(d -> d.getString("_id")).into(new ArrayList<>());
    }
}
