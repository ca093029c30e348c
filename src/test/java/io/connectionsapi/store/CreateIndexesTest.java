package io.connectionsapi.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectionsapi.support.ApiTest;
import io.connectionsapi.support.CommandGuard;
import io.connectionsapi.support.Golden;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The {@code createIndexes} commands the server sent when it started on an empty store, as the driver sent them,
 * against the golden file {@code golden/create-indexes.txt}: a changed index (keys, uniqueness, partial filter,
 * TTL) is a reviewed change of that file, never an accident.
 */
class CreateIndexesTest extends ApiTest {

    private static final Set<String> COLLECTIONS = Set.of("connections", "entities", "labels", "label_mappings",
            "idempotency_keys", "api_keys", "instances");

    @Autowired
    CommandGuard guard;

    @Test
    void theServerCreatesTheIndexesOfTheGoldenFile() {
        TreeSet<String> lines = new TreeSet<>();
        for (BsonDocument command : guard.createIndexesCommands()) {
            String collection = command.getString("createIndexes").getValue();
            if (!COLLECTIONS.contains(collection)) {
                continue; // scratch collections of other tests
            }
            for (BsonValue value : command.getArray("indexes")) {
                BsonDocument index = value.asDocument();
                StringBuilder line = new StringBuilder(collection).append(' ').append(index.getDocument("key").toJson())
                        .append(" name=").append(index.getString("name").getValue());
                for (String option : List.of("unique", "partialFilterExpression", "expireAfterSeconds", "sparse")) {
                    if (index.containsKey(option)) {
                        BsonValue setting = index.get(option);
                        line.append(' ').append(option).append('=').append(setting.isDocument() ? setting.asDocument().toJson()
                                : setting.isBoolean() ? String.valueOf(setting.asBoolean().getValue())
                                : String.valueOf(setting.asNumber().longValue()));
                    }
                }
                lines.add(line.toString());
            }
        }
        assertThat(lines).as("createIndexes commands seen since the start").isNotEmpty();
        Golden.assertMatches("golden/create-indexes.txt", String.join("\n", lines) + "\n");
    }
}
