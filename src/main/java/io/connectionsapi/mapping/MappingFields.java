package io.connectionsapi.mapping;

import java.util.List;

/** Stored (and wire) names of a mapping's fields, with the OpenAPI twins clients may send instead. */
final class MappingFields {

    static final String ID = "_id";
    static final String TENANT = "tenant_id";
    static final String LABEL_ID = "label_id";
    static final String LABEL_ID_TWIN = "label_definition_entity_id";
    static final String ENTITY_ID = "entity_id";
    static final String ENTITY_ID_TWIN = "connection_entity_id";
    static final String ENTITY_TYPE = "entity_type";
    static final String VALUE = "value";
    static final String VISIBILITY = "visibility";
    static final String DETAILS = "details";
    static final String EXTERNAL_ID = DETAILS + ".external_id";
    static final String LOCATION_ID = "location_id";
    static final String CONFIGURATION_ID = "configuration_id";
    static final String STATUS = "status";
    static final String CREATED_AT = "created_at";
    static final String UPDATED_AT = "updated_at";

    static final List<String> ID_SPELLINGS = List.of("mapping_id", "label_mapping_id", ID);
    static final List<String> LABEL_SPELLINGS = List.of(LABEL_ID, LABEL_ID_TWIN);
    static final List<String> ENTITY_SPELLINGS = List.of(ENTITY_ID, ENTITY_ID_TWIN);

    static final int MAX_VALUE = 1000;
    static final int MAX_VISIBILITY = 100;
    static final int MAX_STATUS = 100;
    static final String DEFAULT_STATUS = "ACTIVE";

    private MappingFields() {
    }
}
