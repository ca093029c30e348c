package io.connectionsapi.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.connectionsapi.CannotStartException;
import io.connectionsapi.support.ApiTest;
import io.connectionsapi.support.TestStore;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Starting on a store whose indexes were made by an earlier version, another setting or a DBA: each test prepares
 * a scratch collection's indexes by hand, then lets {@link IndexSet} bring them to a declaration.
 */
class IndexSetTest extends ApiTest {

    @Autowired
    MongoDatabase database;

    @Autowired
    IndexSet indexSet;

    private MongoCollection<Document> scratch;

    @BeforeEach
    void scratchCollection() {
        scratch = database.getCollection("index_set_" + UUID.randomUUID().toString().substring(0, 8));
        scratch.insertOne(new Document("_id", "one").append("tenant_id", "t").append("seen_at", new java.util.Date()));
    }

    @Test
    void missingIndexesAreCreatedOnceAndARestartOnlyLooksAtThem() {
        List<IndexModel> declared = List.of(
                new IndexModel(Indexes.ascending("tenant_id", "name"), new IndexOptions().unique(true)),
                new IndexModel(Indexes.ascending("tenant_id", "created_at", "_id")));

        List<String> first = commands.during(() -> indexSet.ensure(scratch, declared));
        List<String> restart = commands.during(() -> indexSet.ensure(scratch, declared));

        assertThat(first).containsExactly("listIndexes", "createIndexes", "createIndexes"); // unique ones first
        assertThat(restart).containsExactly("listIndexes");
        assertThat(names()).contains("tenant_id_1_name_1", "tenant_id_1_created_at_1__id_1");
    }

    @Test
    void anEquivalentIndexUnderAnotherNameIsAcceptedAsItIs() {
        scratch.createIndex(Indexes.ascending("tenant_id", "name"), new IndexOptions().unique(true).name("dba_made_it"));

        List<String> sent = commands.during(() -> indexSet.ensure(scratch,
                List.of(new IndexModel(Indexes.ascending("tenant_id", "name"), new IndexOptions().unique(true)))));

        assertThat(sent).containsExactly("listIndexes");
        assertThat(names()).containsExactlyInAnyOrder("_id_", "dba_made_it");
    }

    @Test
    void aChangedTtlIsAppliedInPlace() {
        scratch.createIndex(Indexes.ascending("seen_at"), new IndexOptions().expireAfter(60L, TimeUnit.SECONDS));

        List<String> sent = commands.during(() -> indexSet.ensure(scratch,
                List.of(new IndexModel(Indexes.ascending("seen_at"), new IndexOptions().expireAfter(300L, TimeUnit.SECONDS)))));

        // collMod on MongoDB; the embedded store has no collMod and gets the index made again
        if (TestStore.mongodbUri() == null) {
            assertThat(sent).containsExactly("listIndexes", "dropIndexes", "createIndexes");
        } else {
            assertThat(sent).containsExactly("listIndexes", "collMod");
        }
        Document index = indexes().stream().filter(i -> i.getString("name").equals("seen_at_1")).findFirst().orElseThrow();
        assertThat(((Number) index.get("expireAfterSeconds")).longValue()).isEqualTo(300L);
    }

    @Test
    void anIndexWithTheKeysButAnotherMeaningStopsTheStartNamingIt() {
        scratch.createIndex(Indexes.ascending("tenant_id", "name"), new IndexOptions().name("not_unique"));

        assertThatThrownBy(() -> indexSet.ensure(scratch,
                List.of(new IndexModel(Indexes.ascending("tenant_id", "name"), new IndexOptions().unique(true)))))
                .isInstanceOf(CannotStartException.class)
                .hasMessageContaining("Index 'not_unique' on " + scratch.getNamespace().getCollectionName())
                .hasMessageContaining("it is not unique")
                .extracting(e -> ((CannotStartException) e).action()).asString().contains("dropIndex(\"not_unique\")");
    }

    private List<Document> indexes() {
        return scratch.listIndexes().into(new ArrayList<>());
    }

    private List<String> names() {
        return indexes().stream().map(index -> index.getString("name")).toList();
    }
}
