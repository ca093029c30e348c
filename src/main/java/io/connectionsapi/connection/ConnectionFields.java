package io.connectionsapi.connection;

import io.connectionsapi.entity.EntityFields;

/** Stored (and wire) names of a connection's fields. */
final class ConnectionFields {

    static final String ID = "_id";
    static final String TENANT = "tenant_id";
    static final String STRENGTH = "strength";
    static final String PRIORITY = "priority";
    static final String STATUS = "status";
    static final String CONFIGURATION_ID = "configuration_id";
    static final String LOCATION_ID = "location_id";
    static final String STARTS_AT = "starts_at";
    static final String ENDS_AT = "ends_at";
    static final String NOTES = "notes";
    static final String FROM = "connection_from_entity";
    static final String TO = "connection_to_entity";
    static final String FROM_ID = "connection_from_entity_id";
    static final String TO_ID = "connection_to_entity_id";
    static final String CREATED_AT = "created_at";
    static final String UPDATED_AT = "updated_at";

    static final String FROM_ENTITY_ID = FROM + "." + EntityFields.ID;
    static final String TO_ENTITY_ID = TO + "." + EntityFields.ID;
    static final String FROM_ENTITY_TYPE = FROM + "." + EntityFields.TYPE;
    static final String TO_ENTITY_TYPE = TO + "." + EntityFields.TYPE;
    static final String FROM_EXTERNAL_ID = FROM + "." + EntityFields.EXTERNAL_ID;
    static final String TO_EXTERNAL_ID = TO + "." + EntityFields.EXTERNAL_ID;

    static final int MAX_NOTES = 2000;
    static final int MAX_STATUS = 100;
    static final String DEFAULT_STATUS = "ACTIVE";
    static final long DEFAULT_PRIORITY = 1;

    private ConnectionFields() {
    }
}
