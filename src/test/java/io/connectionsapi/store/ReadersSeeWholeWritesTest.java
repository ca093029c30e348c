package io.connectionsapi.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectionsapi.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A reader never sees a write request half applied: while a batch of 1000 connections (with 1000 new directory
 * entities) is being written, every list answers with none of them or all of them. On the embedded store readers
 * wait for the running write; on a replica set they read committed data.
 */
class ReadersSeeWholeWritesTest extends ApiTest {

    private static final int SIZE = 1000;

    @Test
    void listsDuringABatchShowNoneOrAllOfIt() throws Exception {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            items.add(Map.of("strength", 1,
                    "connection_from_entity", Map.of("connection_entity_id", "reader-p" + i, "connection_entity_type", "PERSON"),
                    "connection_to_entity", Map.of("connection_entity_id", "reader-t" + i, "connection_entity_type", "TEAM")));
        }
        Set<Integer> connectionCounts = new ConcurrentSkipListSet<>();
        Set<Integer> entityCounts = new ConcurrentSkipListSet<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch readerStarted = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            readerStarted.countDown();
            while (writing.get()) {
                connectionCounts.add(as().get(BASE + "/connections?limit=1").then().statusCode(200)
                        .extract().<Integer>path("pagination.total_results"));
                entityCounts.add(as().get(BASE + "/entities?limit=1").then().statusCode(200)
                        .extract().<Integer>path("pagination.total_results"));
            }
        });
        reader.start();
        readerStarted.await();
        try {
            post("/connections", Map.of("connections", items)).statusCode(200);
        } finally {
            writing.set(false);
            reader.join();
        }

        assertThat(connectionCounts).as("connections seen while the batch was written").isSubsetOf(0, SIZE);
        assertThat(entityCounts).as("directory entities seen while the batch was written").isSubsetOf(0, 2 * SIZE);
        get("/connections?limit=1").body("pagination.total_results", org.hamcrest.Matchers.equalTo(SIZE));
    }
}
