package io.connectionsapi.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import io.connectionsapi.support.OpenApiRules;
import io.connectionsapi.web.ApiException;
import io.connectionsapi.web.ErrorDetail;
import io.connectionsapi.web.Item;
import io.connectionsapi.web.Violations;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** An entity object's rule table, without a database, and the OpenAPI document's agreement with it. */
class EntityRulesTest {

    @Test
    void theOpenApiDocumentStatesTheSameRules() {
        OpenApiRules.assertCreateAgrees(EntityFields.RULES, "EntityInput");
    }

    @Test
    void anEntityNeedsAnIdAndATypeAndDataIsAnObject() {
        Violations violations = new Violations();
        Item item = Item.of(JsonMapper.builder().build().readTree(
                "{\"connection_entity_id\": null, \"connection_entity_type\": \"DOG\", \"connection_entity_data\": null}"),
                "entities", 0, violations);
        assertThat(EntityInput.read(item)).isNull();
        assertThat(catchThrowableOfType(ApiException.class, violations::throwIfAny).errors())
                .extracting(ErrorDetail::field, ErrorDetail::message).containsExactly(
                        tuple("entities[0].connection_entity_id", "is required"),
                        tuple("entities[0].connection_entity_data", "must be an object; send {} for no data"),
                        tuple("entities[0].connection_entity_type", "must be one of LABEL, LAYER, LOCATION, PERSON, ROOM, SPACE, TEAM, ZONE"));
    }
}
