package io.connectionsapi.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import io.connectionsapi.store.WriteConflict;
import io.connectionsapi.support.ApiTest;
import io.connectionsapi.support.CommandGuard;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A batch inserts the entities it found missing; another request may store one of them between that read and this
 * write (two instances on a standalone MongoDB). The write then falls back to upserts, which find what was stored.
 */
class DirectoryWriteRaceTest extends ApiTest {

    @Autowired
    Entities entities;

    @Autowired
    MongoDatabase database;

    private void storedMeanwhile(String id, String type, Document data) {
        CommandGuard.outside(() -> database.getCollection("entities").insertOne(new Document("_id", "other-" + id)
                .append("tenant_id", tenant).append(EntityFields.ID, id).append(EntityFields.TYPE, type)
                .append(EntityFields.DATA, data).append("created_at", new Date()).append("updated_at", new Date())));
    }

    private static Document entity(String id, String type, Document data, Date now) {
        return new Document(EntityFields.ID, id).append(EntityFields.TYPE, type).append(EntityFields.DATA, data)
                .append(Entities.CREATED_AT, now).append(Entities.UPDATED_AT, now);
    }

    @Test
    void anEntityStoredMeanwhileWithTheSameTypeIsFoundAndGetsTheBatchsData() {
        storedMeanwhile("p-race", "PERSON", new Document("name", "theirs"));
        Date now = new Date();
        entities.write(tenant, List.of(entity("p-race", "PERSON", new Document("name", "ours"), now),
                entity("p-new", "PERSON", new Document("name", "new"), now)), Map.of(), now);

        Map<String, Document> stored = CommandGuard.outside(() -> entities.findByIds(tenant, List.of("p-race", "p-new")));
        assertThat(stored).containsOnlyKeys("p-race", "p-new");
        assertThat(stored.get("p-race").get(EntityFields.DATA, Document.class).getString("name")).isEqualTo("ours");
        assertThat(stored.get("p-race").getString("_id")).isEqualTo("other-p-race"); // one document, not two
        assertThat(stored.get("p-new").getString("tenant_id")).isEqualTo(tenant);
    }

    @Test
    void anEntityStoredMeanwhileWithAnotherTypeIsAConflictAndKeepsItsType() {
        storedMeanwhile("t-race", "TEAM", new Document("name", "theirs"));
        Date now = new Date();
        assertThatThrownBy(() -> entities.write(tenant, List.of(entity("t-race", "PERSON", new Document("name", "ours"), now)),
                Map.of(), now)).isInstanceOf(WriteConflict.class);
        Document stored = CommandGuard.outside(() -> entities.findByIds(tenant, List.of("t-race"))).get("t-race");
        assertThat(stored.getString(EntityFields.TYPE)).isEqualTo("TEAM");
    }
}
