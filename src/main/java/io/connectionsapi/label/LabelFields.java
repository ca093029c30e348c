package io.connectionsapi.label;

import io.connectionsapi.web.CommonFields;
import io.connectionsapi.web.Field;
import io.connectionsapi.web.RuleTable;
import java.util.List;
import org.bson.Document;

/** A label's fields: their stored (and wire) names, and the rule table its requests are read by. */
final class LabelFields extends CommonFields {

    static final String LABEL_ID = "label_id";
    static final String NAME = "name";
    static final String TYPE = "type";
    /** Lower-cased name and type: what uniqueness and the name/type filters compare, case-insensitively. */
    static final String NAME_KEY = "name_key";
    static final String TYPE_KEY = "type_key";
    static final String DETAILS = "details";
    static final String FLAGS = "flags";
    static final String CONNECTABLE = "connectable";

    static final List<String> ID_SPELLINGS = List.of(LABEL_ID, ID);

    /**
     * Every field a client sends; {@code flags}, when sent, replaces the stored flags whole. The request records
     * {@code LabelItems.Fields} and {@code Patch} have a component for each row.
     */
    static final RuleTable RULES = RuleTable.of(
                    Field.string(NAME, 1, 200).required(),
                    Field.string(TYPE, 1, 100).nullable(),
                    STATUS_RULE,
                    LOCATION_ID_RULE,
                    CONFIGURATION_ID_RULE,
                    Field.freeForm(DETAILS).defaultsTo(Document::new),
                    Field.object(FLAGS, LabelView.Flags.class, RuleTable.of(
                                    Field.bool(CONNECTABLE).nullMessage("must be true or false").defaultsTo(() -> true)))
                            .defaultsTo(() -> new LabelView.Flags(true)))
            .updateAlso(ID_SPELLINGS);

    private LabelFields() {
    }

    static String key(@org.jspecify.annotations.Nullable String value) {
        return value == null ? "" : value.toLowerCase(java.util.Locale.ROOT);
    }
}
