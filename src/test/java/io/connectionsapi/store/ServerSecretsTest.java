package io.connectionsapi.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectionsapi.support.ApiTest;
import io.connectionsapi.support.CommandGuard;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A secret is made once and kept: every later ask, by this instance or another on the same database, gets it back. */
class ServerSecretsTest extends ApiTest {

    @Autowired
    ServerSecrets secrets;

    @Autowired
    com.mongodb.client.MongoDatabase database;

    @Test
    void aSecretIsMadeOnceAndReadBackByEveryInstance() {
        byte[] signing = secrets.get(ServerSecrets.CURSOR_SIGNING);
        assertThat(signing).hasSize(32);
        // another instance is another ServerSecrets on the same database
        assertThat(new ServerSecrets(database).get(ServerSecrets.CURSOR_SIGNING)).isEqualTo(signing);
        String name = "test-" + tenant;
        byte[] other = secrets.get(name);
        assertThat(other).isNotEqualTo(signing).isEqualTo(secrets.get(name));
        Document stored = CommandGuard.outside(() -> database.getCollection("server_secrets").find(new Document("_id", name)).first());
        assertThat(stored).isNotNull();
        assertThat(stored.getString("secret")).isNotBlank();
    }
}
