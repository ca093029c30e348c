package io.connectionsapi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** A request record and its rule table must name the same fields with the same types; a mismatch fails at once. */
class RecordBindingTest {

    private static final RuleTable TABLE = RuleTable.of(
            Field.number("size", 0, 10).required(),
            Field.dateTime("due_at").nullable());

    record Create(Number size, @Nullable Instant dueAt) {
    }

    record Update(Sent<Number> size, Sent<Instant> dueAt) {
    }

    record Extra(Number size, @Nullable Instant dueAt, String colour) {
    }

    record Short(Number size) {
    }

    record WrongType(String size, @Nullable Instant dueAt) {
    }

    private final Violations violations = new Violations();

    private Item item(String json) {
        return Item.of(JsonMapper.builder().build().readTree(json), "things", 0, violations);
    }

    @Test
    void aCreateIsBoundByComponentNameAndStoredWithBsonDates() {
        Create create = TABLE.create(item("{\"size\": 3, \"due_at\": \"2026-01-01T00:00:00Z\"}"), Create.class);
        assertThat(create).isEqualTo(new Create(3L, Instant.parse("2026-01-01T00:00:00Z")));
        assertThat(RuleTable.stored(create)).isEqualTo(new Document("size", 3L).append("due_at", Date.from(Instant.parse("2026-01-01T00:00:00Z"))));
    }

    @Test
    void anUpdateKeepsAbsentApartFromNull() {
        Update update = TABLE.update(item("{\"due_at\": null}"), Update.class);
        assertThat(update).isEqualTo(new Update(Sent.absent(), Sent.of(null)));
        assertThat(update.size().orElse(7)).isEqualTo(7);
        assertThat(RuleTable.stored(update)).isEqualTo(new Document("due_at", null));
    }

    @Test
    void aComponentWithoutAFieldIsRefusedByName() {
        assertThatThrownBy(() -> TABLE.create(item("{\"size\": 1}"), Extra.class))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("colour");
    }

    @Test
    void aFieldWithoutAComponentIsRefusedByName() {
        assertThatThrownBy(() -> TABLE.create(item("{\"size\": 1}"), Short.class))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("due_at");
    }

    @Test
    void aComponentOfAnotherTypeIsRefused() {
        assertThatThrownBy(() -> TABLE.create(item("{\"size\": 1}"), WrongType.class))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("size").hasMessageContaining("Number");
    }

    @Test
    void anInvalidItemGivesNoRecordButIsCheckedAgainstItAnyway() {
        assertThat(TABLE.create(item("{\"size\": 11}"), Create.class)).isNull();
        assertThat(violations.isEmpty()).isFalse();
        assertThatThrownBy(() -> TABLE.create(item("{\"size\": 11}"), Short.class)).isInstanceOf(IllegalStateException.class);
    }
}
