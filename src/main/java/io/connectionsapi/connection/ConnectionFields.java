package io.connectionsapi.connection;

import io.connectionsapi.entity.EntityFields;
import io.connectionsapi.web.CommonFields;
import io.connectionsapi.web.Field;
import io.connectionsapi.web.RuleTable;
import java.util.List;
import java.util.stream.Stream;

/** A connection's fields: their stored (and wire) names, and the rule table its requests are read by. */
final class ConnectionFields extends CommonFields {

    static final String STRENGTH = "strength";
    static final String PRIORITY = "priority";
    static final String STARTS_AT = "starts_at";
    static final String ENDS_AT = "ends_at";
    static final String NOTES = "notes";
    static final String FROM = "connection_from_entity";
    static final String TO = "connection_to_entity";
    static final String FROM_ID = "connection_from_entity_id";
    static final String TO_ID = "connection_to_entity_id";

    static final String FROM_ENTITY_ID = FROM + "." + EntityFields.ID;
    static final String TO_ENTITY_ID = TO + "." + EntityFields.ID;
    static final String FROM_ENTITY_TYPE = FROM + "." + EntityFields.TYPE;
    static final String TO_ENTITY_TYPE = TO + "." + EntityFields.TYPE;
    static final String FROM_EXTERNAL_ID = FROM + "." + EntityFields.EXTERNAL_ID;
    static final String TO_EXTERNAL_ID = TO + "." + EntityFields.EXTERNAL_ID;

    /** A connection is named by {@code connection_id} (OpenAPI) or {@code _id} (guide). */
    static final List<String> ID_SPELLINGS = List.of("connection_id", ID);

    /**
     * Every plain field of a connection; the two sides, entity IDs or whole entities, are read by ConnectionItems.
     * The request records {@code ConnectionItems.Fields} and {@code Patch} have a component for each row.
     */
    static final RuleTable RULES = RuleTable.of(
                    Field.number(STRENGTH, -100, 100).required(),
                    Field.number(PRIORITY, 0, Double.MAX_VALUE).defaultsTo(() -> 1L),
                    STATUS_RULE,
                    CONFIGURATION_ID_RULE,
                    LOCATION_ID_RULE,
                    Field.dateTime(STARTS_AT).nullable(),
                    Field.dateTime(ENDS_AT).nullable(),
                    Field.string(NOTES, 0, 2000).nullable())
            .createAlso(List.of(FROM_ID, TO_ID, FROM, TO))
            .updateAlso(Stream.concat(ID_SPELLINGS.stream(), Stream.of(FROM_ID, TO_ID, FROM, TO)).toList());

    private ConnectionFields() {
    }
}
