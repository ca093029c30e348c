package io.connectionsapi.web;

import io.connectionsapi.store.TenantCollection;

/**
 * The names and rules that connections, labels and mappings share: each resource's fields class extends this one,
 * so that {@code import static ...Fields.*} brings these names too, declared once.
 */
public class CommonFields {

    public static final String ID = TenantCollection.ID;
    public static final String TENANT = TenantCollection.TENANT;
    public static final String CREATED_AT = TenantCollection.CREATED_AT;
    public static final String UPDATED_AT = TenantCollection.UPDATED_AT;
    public static final String STATUS = "status";
    public static final String LOCATION_ID = "location_id";
    public static final String CONFIGURATION_ID = "configuration_id";

    public static final Field<String> STATUS_RULE = Field.string(STATUS, 1, 100).defaultsTo(() -> "ACTIVE");
    public static final Field<String> LOCATION_ID_RULE = Field.id(LOCATION_ID).nullable();
    public static final Field<String> CONFIGURATION_ID_RULE = Field.id(CONFIGURATION_ID).nullable();

    protected CommonFields() {
    }
}
