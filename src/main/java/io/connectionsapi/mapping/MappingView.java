package io.connectionsapi.mapping;

import static io.connectionsapi.mapping.MappingFields.*;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * A mapping as clients see it, with the OpenAPI twins of its label and entity IDs. Unset fields are left out, as
 * in every view (see {@code ConnectionView}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record MappingView(
        @JsonProperty("_id") String id,
        String labelId,
        String labelDefinitionEntityId,
        String entityId,
        String connectionEntityId,
        @Nullable String entityType,
        @Nullable String value,
        @Nullable String visibility,
        Map<String, Object> details,
        @Nullable String locationId,
        @Nullable String configurationId,
        String status,
        Instant createdAt,
        Instant updatedAt) {

    static MappingView of(Document mapping) {
        return new MappingView(mapping.getString(ID), mapping.getString(LABEL_ID), mapping.getString(LABEL_ID),
                mapping.getString(ENTITY_ID), mapping.getString(ENTITY_ID), mapping.getString(ENTITY_TYPE),
                mapping.getString(VALUE), mapping.getString(VISIBILITY), mapping.get(DETAILS, Document.class),
                mapping.getString(LOCATION_ID), mapping.getString(CONFIGURATION_ID), mapping.getString(STATUS),
                mapping.getDate(CREATED_AT).toInstant(), mapping.getDate(UPDATED_AT).toInstant());
    }
}
