package io.connectionsapi.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.connectionsapi.support.ApiTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Instances started together with the same CONNECTIONS_API_KEY: every one of them starts, on one stored key. */
class BootstrapKeyRaceTest extends ApiTest {

    private static final int INSTANCES = 4;
    private static final int ROUNDS = 10;

    @Autowired
    ApiKeys keys;

    @Autowired
    MongoDatabase database;

    @Test
    void concurrentStartsWithOneKeyAllSucceedOnOneStoredKey() throws Exception {
        ExecutorService starts = Executors.newFixedThreadPool(INSTANCES);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String secret = "race-key-" + UUID.randomUUID();
                CyclicBarrier together = new CyclicBarrier(INSTANCES);
                List<Future<ApiKeys.StoredKey>> ensured = new ArrayList<>();
                for (int i = 0; i < INSTANCES; i++) {
                    ensured.add(starts.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        return keys.ensure(secret, "CONNECTIONS_API_KEY");
                    }));
                }
                Set<String> ids = new HashSet<>();
                for (Future<ApiKeys.StoredKey> start : ensured) {
                    ids.add(start.get(30, TimeUnit.SECONDS).keyId()); // an exception here is a failed start
                }
                long stored = database.getCollection("api_keys").countDocuments(new Document("key_hash", ApiKeys.hash(secret)));
                assertThat(ids).as("round %d: the key every instance was given", round).hasSize(1);
                assertThat(stored).as("round %d: stored keys for the secret", round).isEqualTo(1);
                assertThat(keys.findActive(secret)).as("round %d", round).isNotNull()
                        .extracting(ApiKeys.StoredKey::keyId).isEqualTo(ids.iterator().next());
            }
        } finally {
            starts.shutdownNow();
        }
    }

    @Test
    void aRevokedConfiguredKeyIsReplacedByAFreshOne() {
        String secret = "revoked-key-" + UUID.randomUUID();
        ApiKeys.StoredKey first = keys.ensure(secret, "CONNECTIONS_API_KEY");
        assertThat(keys.revoke(first.keyId())).isTrue();

        ApiKeys.StoredKey second = keys.ensure(secret, "CONNECTIONS_API_KEY");

        assertThat(second.keyId()).isNotEqualTo(first.keyId());
        assertThat(keys.findActive(secret)).extracting(ApiKeys.StoredKey::keyId).isEqualTo(second.keyId());
    }
}
