package io.connectionsapi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

/** What each operator sends to MongoDB: conditions built from typed values, never from what the client wrote. */
class ComparedTest {

    private static BsonDocument condition(Compared field, Operator operator, String value) {
        return field.condition(operator, value).toBsonDocument();
    }

    @Test
    void numbersAndDatesAreTypedValues() {
        assertThat(condition(Compared.number("strength"), Operator.GT, "5"))
                .isEqualTo(BsonDocument.parse("{strength: {$gt: {$numberLong: '5'}}}"));
        assertThat(condition(Compared.number("strength"), Operator.LTE, "-2.5"))
                .isEqualTo(BsonDocument.parse("{strength: {$lte: -2.5}}"));
        assertThat(condition(Compared.date("created_at"), Operator.RANGE, "2026-01-01T01:00:00+01:00,2026-01-02T00:00:00Z"))
                .isEqualTo(BsonDocument.parse("{$and: [{created_at: {$gte: {$date: '2026-01-01T00:00:00Z'}}},"
                        + " {created_at: {$lte: {$date: '2026-01-02T00:00:00Z'}}}]}"));
    }

    @Test
    void whatLooksLikeAnOperatorIsOnlyAString() {
        assertThat(condition(Compared.string("status"), Operator.IN, "{\"$gt\":\"\"},$where"))
                .isEqualTo(new BsonDocument("status", new BsonDocument("$in", new org.bson.BsonArray(List.of(
                        new org.bson.BsonString("{\"$gt\":\"\"}"), new org.bson.BsonString("$where"))))));
    }

    @Test
    void patternsMatchTheTextLiterally() {
        var prefix = condition(Compared.string("status"), Operator.STARTSWITH, "a.b*(c)|[d]^$\\e f").get("status").asRegularExpression();
        assertThat(prefix.getPattern()).isEqualTo("^a\\.b\\*\\(c\\)\\|\\[d\\]\\^\\$\\\\e\\ f");
        assertThat(prefix.getOptions()).isEmpty();
        assertThat(java.util.regex.Pattern.compile(prefix.getPattern()).matcher("a.b*(c)|[d]^$\\e f and more").find()).isTrue();
        assertThat(java.util.regex.Pattern.compile(prefix.getPattern()).matcher("axb*(c)|[d]^$\\e f").find()).isFalse();
        var lowered = Compared.string("name").storedAt("name_key").normalizedBy(s -> s.toLowerCase(java.util.Locale.ROOT));
        assertThat(condition(lowered, Operator.CONTAINS, "Ünï").get("name_key").asRegularExpression().getPattern()).isEqualTo("ünï");
    }

    @Test
    void existsMatchesNullAndAbsentAlike() {
        assertThat(condition(Compared.date("ends_at"), Operator.EXISTS, "false")).isEqualTo(BsonDocument.parse("{ends_at: null}"));
        assertThat(condition(Compared.date("ends_at"), Operator.EXISTS, "true")).isEqualTo(BsonDocument.parse("{ends_at: {$ne: null}}"));
    }

    @Test
    void wrongValuesSayWhatIsWrong() {
        assertThatThrownBy(() -> condition(Compared.oneOf("entity_type", Set.of("PERSON")), Operator.GT, "A"))
                .isInstanceOf(Compared.Invalid.class).hasMessageContaining("allowed: ne, in, nin, exists");
        assertThatThrownBy(() -> condition(Compared.bool("flags.connectable"), Operator.NE, "1"))
                .isInstanceOf(Compared.Invalid.class).hasMessage("must be true or false");
        assertThatThrownBy(() -> condition(Compared.string("status"), Operator.CONTAINS, "a\nb"))
                .isInstanceOf(Compared.Invalid.class).hasMessage("must not contain control characters");
        assertThatThrownBy(() -> condition(Compared.date("created_at"), Operator.GT, "+999999999-01-01T00:00:00Z"))
                .isInstanceOf(Compared.Invalid.class).hasMessageStartingWith("must be an ISO-8601 date-time");
        assertThatThrownBy(() -> condition(Compared.number("strength"), Operator.RANGE, "10,9.5"))
                .isInstanceOf(Compared.Invalid.class).hasMessageContaining("low at most high");
    }
}
