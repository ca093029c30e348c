package io.connectionsapi.entity;

import io.connectionsapi.web.Field;
import io.connectionsapi.web.RuleTable;
import org.bson.Document;

/**
 * The stored and wire names of an entity's fields, shared by the directory and the connections that show it, and
 * the rule table of an entity object as clients send it.
 */
public final class EntityFields {

    public static final String ID = "connection_entity_id";
    public static final String TYPE = "connection_entity_type";
    public static final String DATA = "connection_entity_data";
    /** Labels are entities of this type, kept by the labels resource. */
    public static final String LABEL = "LABEL";
    /** On a label's entry only: false when the label may not be the end of a new connection. */
    public static final String CONNECTABLE = "connectable";
    /** Where client systems keep their own ID of a person or team (the {@code external_id} filter). */
    public static final String EXTERNAL_ID = DATA + ".external_id";

    /** An entity object's fields, read into an {@link EntityInput}. */
    static final RuleTable RULES = RuleTable.of(
            Field.id(ID).required().nullMessage("is required"),
            Field.oneOf(TYPE, EntityType.NAMES).required().nullMessage("is required"),
            Field.freeForm(DATA).nullMessage("must be an object; send {} for no data"));

    private EntityFields() {
    }
}
