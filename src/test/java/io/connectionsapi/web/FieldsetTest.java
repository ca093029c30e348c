package io.connectionsapi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.connectionsapi.store.Page;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;

class FieldsetTest {

    record Side(String entityId, Map<String, Object> entityData) {
    }

    record Thing(@JsonProperty("_id") String id, Number strength, @Nullable String notes, Side toSide) {
    }

    private static final Fieldset FIELDS = Fieldset.of(Thing.class);
    private static final Thing THING = new Thing("t1", 5, null, new Side("r1", Map.of("k", 1)));

    private static List<Object> select(String fields) {
        var query = new LinkedMultiValueMap<String, String>();
        query.add("fields", fields);
        return List.copyOf(FIELDS.parse(query).apply(new Page<>(List.of(THING), 0, 1)).items());
    }

    @Test
    void namesAreTheWireNamesWithNestedRecordsDotted() {
        var error = catchThrowableOfType(ApiException.class, () -> select("nope"));
        assertThat(error.errors()).singleElement().satisfies(detail -> {
            assertThat(detail.field()).isEqualTo("fields");
            assertThat(detail.message()).isEqualTo("names no field 'nope'; a comma-separated list of: _id, strength, notes,"
                    + " to_side, to_side.entity_id, to_side.entity_data");
        });
    }

    @Test
    void theIdIsAlwaysKeptAndUnsetFieldsStayOut() {
        assertThat(select("strength")).containsExactly(Map.of("_id", "t1", "strength", 5));
        assertThat(select("notes")).containsExactly(Map.of("_id", "t1"));
        assertThat(select("to_side.entity_id")).containsExactly(Map.of("_id", "t1", "to_side", Map.of("entity_id", "r1")));
        assertThat(select("to_side")).containsExactly(Map.of("_id", "t1", "to_side", THING.toSide()));
    }

    @Test
    void withoutFieldsThePageIsUnchanged() {
        Page<Thing> page = new Page<>(List.of(THING), 0, 1);
        assertThat(FIELDS.parse(new LinkedMultiValueMap<>()).apply(page)).isSameAs(page);
    }

    @Test
    void emptyNamesAndFreeFormKeysAreNotFields() {
        assertThat(catchThrowableOfType(ApiException.class, () -> select("strength,")).errors().get(0).message())
                .startsWith("names no field ''");
        assertThat(catchThrowableOfType(ApiException.class, () -> select("to_side.entity_data.k")).errors()).hasSize(1);
    }
}
