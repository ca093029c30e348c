package io.connectionsapi.label;

/** Stored (and wire) names of a label's fields. */
final class LabelFields {

    static final String ID = "_id";
    static final String LABEL_ID = "label_id";
    static final String TENANT = "tenant_id";
    static final String NAME = "name";
    static final String TYPE = "type";
    /** Lower-cased name and type: what uniqueness and the name/type filters compare, case-insensitively. */
    static final String NAME_KEY = "name_key";
    static final String TYPE_KEY = "type_key";
    static final String DETAILS = "details";
    static final String FLAGS = "flags";
    static final String CONNECTABLE = "connectable";
    static final String LOCATION_ID = "location_id";
    static final String CONFIGURATION_ID = "configuration_id";
    static final String STATUS = "status";
    static final String CREATED_AT = "created_at";
    static final String UPDATED_AT = "updated_at";

    static final int MAX_NAME = 200;
    static final int MAX_TYPE = 100;
    static final int MAX_STATUS = 100;
    static final String DEFAULT_STATUS = "ACTIVE";

    private LabelFields() {
    }

    static String key(@org.jspecify.annotations.Nullable String value) {
        return value == null ? "" : value.toLowerCase(java.util.Locale.ROOT);
    }
}
