package io.connectionsapi.mapping;

import io.connectionsapi.entity.EntityType;
import io.connectionsapi.web.CommonFields;
import io.connectionsapi.web.Field;
import io.connectionsapi.web.RuleTable;
import java.util.List;
import java.util.stream.Stream;
import org.bson.Document;

/**
 * A mapping's fields: their stored (and wire) names, the OpenAPI twins clients may send instead, and the rule
 * table its requests are read by.
 */
final class MappingFields extends CommonFields {

    static final String LABEL_ID = "label_id";
    static final String LABEL_ID_TWIN = "label_definition_entity_id";
    static final String ENTITY_ID = "entity_id";
    static final String ENTITY_ID_TWIN = "connection_entity_id";
    static final String ENTITY_TYPE = "entity_type";
    static final String VALUE = "value";
    static final String VISIBILITY = "visibility";
    static final String DETAILS = "details";
    static final String EXTERNAL_ID = DETAILS + ".external_id";

    static final List<String> ID_SPELLINGS = List.of("mapping_id", "label_mapping_id", ID);
    static final List<String> LABEL_SPELLINGS = List.of(LABEL_ID, LABEL_ID_TWIN);
    static final List<String> ENTITY_SPELLINGS = List.of(ENTITY_ID, ENTITY_ID_TWIN);

    /**
     * Every plain field; the label and the entity, each under two spellings, are read by MappingItems. The request
     * records {@code MappingItems.Fields} and {@code Patch} have a component for each row.
     */
    static final RuleTable RULES = RuleTable.of(
                    Field.oneOf(ENTITY_TYPE, EntityType.NAMES).nullable(),
                    Field.string(VALUE, 0, 1000).nullable(),
                    Field.string(VISIBILITY, 1, 100).nullable(),
                    Field.freeForm(DETAILS).defaultsTo(Document::new),
                    LOCATION_ID_RULE,
                    CONFIGURATION_ID_RULE,
                    STATUS_RULE)
            .createAlso(Stream.concat(LABEL_SPELLINGS.stream(), ENTITY_SPELLINGS.stream()).toList())
            .updateAlso(Stream.of(ID_SPELLINGS, LABEL_SPELLINGS, ENTITY_SPELLINGS).flatMap(List::stream).distinct().toList());

    private MappingFields() {
    }
}
