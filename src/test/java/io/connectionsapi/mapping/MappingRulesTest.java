package io.connectionsapi.mapping;

import io.connectionsapi.support.OpenApiRules;
import org.junit.jupiter.api.Test;

/** The OpenAPI document states a mapping's rules as its rule table does. */
class MappingRulesTest {

    @Test
    void theOpenApiDocumentStatesTheSameRules() {
        OpenApiRules.assertCreateAgrees(MappingFields.RULES, "MappingCreate");
        OpenApiRules.assertUpdateAgrees(MappingFields.RULES, "MappingUpdate");
    }
}
