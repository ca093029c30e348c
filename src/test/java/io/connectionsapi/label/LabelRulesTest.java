package io.connectionsapi.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import io.connectionsapi.support.OpenApiRules;
import io.connectionsapi.web.ApiException;
import io.connectionsapi.web.ErrorDetail;
import io.connectionsapi.web.Item;
import io.connectionsapi.web.Violations;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** A label's rule table, without a database, and the OpenAPI document's agreement with it. */
class LabelRulesTest {

    private final Violations violations = new Violations();

    private Item item(String json) {
        return Item.of(JsonMapper.builder().build().readTree(json), "labels", 1, violations);
    }

    @Test
    void theOpenApiDocumentStatesTheSameRules() {
        OpenApiRules.assertCreateAgrees(LabelFields.RULES, "LabelCreate");
        OpenApiRules.assertUpdateAgrees(LabelFields.RULES, "LabelUpdate");
    }

    @Test
    void flagsAreReadByTheirOwnTableAndFilledWithTheirDefaults() {
        LabelItems.Fields fields = LabelFields.RULES.create(item("{\"name\": \"Blue\", \"flags\": {}}"), LabelItems.Fields.class);
        assertThat(fields.flags()).isEqualTo(new LabelView.Flags(true));
        assertThat(LabelItems.stored(fields)).containsEntry("flags", new Document("connectable", true))
                .containsEntry("details", new Document()).containsEntry("type", null).containsEntry("status", "ACTIVE")
                .containsEntry("name_key", "blue");
    }

    @Test
    void nestedProblemsAreNamedByTheirFullPath() {
        assertThat(LabelFields.RULES.update(item("{\"label_id\": \"l\", \"flags\": {\"connectable\": null, \"colour\": 1}, \"details\": null}"),
                LabelItems.Patch.class)).isNull();
        assertThat(catchThrowableOfType(ApiException.class, violations::throwIfAny).errors())
                .extracting(ErrorDetail::index, ErrorDetail::field, ErrorDetail::message).containsExactly(
                        tuple(1, "labels[1].details", "must not be null"),
                        tuple(1, "labels[1].flags.colour", "is not a known field"),
                        tuple(1, "labels[1].flags.connectable", "must be true or false"));
    }
}
