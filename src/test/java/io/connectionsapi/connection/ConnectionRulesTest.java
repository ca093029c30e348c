package io.connectionsapi.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.connectionsapi.support.OpenApiRules;
import io.connectionsapi.web.ApiException;
import io.connectionsapi.web.ErrorDetail;
import io.connectionsapi.web.Item;
import io.connectionsapi.web.RuleTable;
import io.connectionsapi.web.Sent;
import io.connectionsapi.web.Violations;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** A connection's rule table: what it accepts and refuses, without a database, and that the OpenAPI document agrees. */
class ConnectionRulesTest {

    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final Violations violations = new Violations();

    private Item item(String json) {
        return Item.of(JSON.readTree(json), "connections", 3, violations);
    }

    private java.util.List<ErrorDetail> errors() {
        return catchThrowableOfType(ApiException.class, violations::throwIfAny).errors();
    }

    @Test
    void theOpenApiDocumentStatesTheSameRules() {
        OpenApiRules.assertCreateAgrees(ConnectionFields.RULES, "ConnectionCreate");
        OpenApiRules.assertUpdateAgrees(ConnectionFields.RULES, "ConnectionUpdate");
    }

    @Test
    void aCreateReportsEveryProblemOfTheItemUnderItsIndexAndPath() {
        assertThat(ConnectionFields.RULES.create(item(
                "{\"_id\": \"x\", \"strenght\": 1, \"priority\": -1, \"status\": null, \"notes\": 5, \"connection_from_entity_id\": \"a\"}"),
                ConnectionItems.Fields.class)).isNull();
        assertThat(errors()).extracting(ErrorDetail::index).containsOnly(3);
        assertThat(errors()).extracting(ErrorDetail::field, ErrorDetail::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("connections[3]._id", "is assigned by the server and must not be sent"),
                org.assertj.core.groups.Tuple.tuple("connections[3].strenght", "is not a known field"),
                org.assertj.core.groups.Tuple.tuple("connections[3].strength", "is required"),
                org.assertj.core.groups.Tuple.tuple("connections[3].status", "must not be null"),
                org.assertj.core.groups.Tuple.tuple("connections[3].priority", "must be a finite number of at least 0"),
                org.assertj.core.groups.Tuple.tuple("connections[3].notes", "must be a string"));
    }

    @Test
    void aCreateIsATypedRecordWithEveryDefaultAndIsStoredWhole() {
        ConnectionItems.Fields fields = ConnectionFields.RULES.create(
                item("{\"strength\": 75, \"starts_at\": \"2025-07-18T14:00:00+02:00\"}"), ConnectionItems.Fields.class);
        assertThat(fields).isEqualTo(new ConnectionItems.Fields(75L, 1L, "ACTIVE", null, null,
                Instant.parse("2025-07-18T12:00:00Z"), null, null));
        assertThat(RuleTable.stored(fields)).containsExactly(entry("strength", 75L), entry("priority", 1L),
                entry("status", "ACTIVE"), entry("configuration_id", null), entry("location_id", null),
                entry("starts_at", Date.from(Instant.parse("2025-07-18T12:00:00Z"))), entry("ends_at", null), entry("notes", null));
    }

    @Test
    void anUpdateTellsAnExplicitNullFromAFieldNotSent() {
        ConnectionItems.Patch patch = ConnectionFields.RULES.update(
                item("{\"connection_id\": \"c1\", \"notes\": null, \"strength\": -100}"), ConnectionItems.Patch.class);
        assertThat(patch.endsAt()).isEqualTo(Sent.absent());
        assertThat(patch.notes()).isEqualTo(Sent.of(null));
        assertThat(patch.strength()).isEqualTo(Sent.of(-100L));
        assertThat(RuleTable.stored(patch)).containsExactly(entry("strength", -100L), entry("notes", null));
        assertThat(violations.isEmpty()).isTrue();
    }

    @Test
    void anUpdateRefusesNullWhereTheFieldMustKeepAValue() {
        assertThat(ConnectionFields.RULES.update(item("{\"_id\": \"c1\", \"strength\": null, \"priority\": 1e400}"),
                ConnectionItems.Patch.class)).isNull();
        assertThat(errors()).extracting(ErrorDetail::field, ErrorDetail::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("connections[3].strength", "must not be null"),
                org.assertj.core.groups.Tuple.tuple("connections[3].priority", "must be a finite number of at least 0"));
    }
}
