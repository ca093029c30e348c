package io.connectionsapi.label;

import static io.connectionsapi.label.LabelFields.*;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * A label as clients see it: its own fields, and the OpenAPI view of it as a LABEL entity. Unset fields are left
 * out, as in every view (see {@code ConnectionView}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record LabelView(
        @JsonProperty("_id") String id,
        String name,
        @Nullable String type,
        Map<String, Object> details,
        Flags flags,
        @Nullable String locationId,
        @Nullable String configurationId,
        String status,
        Instant createdAt,
        Instant updatedAt,
        String connectionEntityId,
        String connectionEntityType,
        EntityData entityData) {

    static LabelView of(Document label) {
        Document details = label.get(DETAILS, Document.class);
        return new LabelView(label.getString(ID), label.getString(NAME), label.getString(TYPE), details,
                new Flags(label.get(FLAGS, Document.class).getBoolean(CONNECTABLE, true)),
                label.getString(LOCATION_ID), label.getString(CONFIGURATION_ID), label.getString(STATUS),
                label.getDate(CREATED_AT).toInstant(), label.getDate(UPDATED_AT).toInstant(),
                label.getString(ID), "LABEL", new EntityData(label.getString(NAME), label.getString(TYPE), details));
    }

    /** The data of the label's directory entry, shown inside connections to it. */
    static Document entityData(Document label) {
        return new Document(NAME, label.getString(NAME)).append(TYPE, label.getString(TYPE))
                .append(DETAILS, label.get(DETAILS, Document.class));
    }

    record Flags(boolean connectable) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EntityData(String name, @Nullable String type, Map<String, Object> details) {
    }
}
