package io.connectionsapi.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectionsapi.support.ApiTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a unit of work costs on the wire. On a replica set or sharded cluster a write request is one transaction:
 * it ends with exactly one {@code commitTransaction} when it succeeds and never commits when it is refused; on the
 * embedded store the unit is the store's own commit, and nothing of it reaches the wire.
 */
class UnitOfWorkCommandsTest extends ApiTest {

    @Autowired
    UnitOfWork units;

    private static Map<String, Object> label(String name) {
        return Map.of("labels", List.of(Map.of("name", name, "type", "ZONE")));
    }

    @Test
    void aSuccessfulWriteCommitsOnceAndARefusedOneNever() {
        List<String> created = commands.unitOfWorkCommandsDuring(() -> post("/labels", label("Quiet")).statusCode(201));
        List<String> refused = commands.unitOfWorkCommandsDuring(() -> post("/labels", label("quiet")).statusCode(409));
        List<String> read = commands.unitOfWorkCommandsDuring(() -> get("/labels").statusCode(200));

        if (units.deployment().transactional()) {
            assertThat(created).containsOnlyOnce("commitTransaction").doesNotContain("abortTransaction");
            assertThat(created.get(created.size() - 1)).isEqualTo("commitTransaction");
            assertThat(refused).doesNotContain("commitTransaction");
        } else {
            assertThat(created).isEmpty();
            assertThat(refused).isEmpty();
        }
        assertThat(read).isEmpty();
    }

    @Test
    void theDeploymentIsDetected() {
        assertThat(units.deployment()).isNotNull();
        if (io.connectionsapi.support.TestStore.mongodbUri() == null) {
            assertThat(units.deployment()).isEqualTo(UnitOfWork.Deployment.EMBEDDED);
        } else {
            assertThat(units.deployment()).isNotEqualTo(UnitOfWork.Deployment.EMBEDDED);
        }
    }
}
