package io.connectionsapi.connection;

import static io.connectionsapi.connection.ConnectionFields.*;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.connectionsapi.entity.EntityView;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * A connection as clients see it. An unset field is left out, never sent as null: the published OpenAPI document
 * types {@code configuration_id} and {@code status} as plain strings, and clients that validate against it refuse a
 * null. The same holds for every resource's view, so that clients meet one rule.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ConnectionView(
        @JsonProperty("_id") String id,
        Number strength,
        Number priority,
        String status,
        @Nullable String configurationId,
        @Nullable String locationId,
        @Nullable Instant startsAt,
        @Nullable Instant endsAt,
        @Nullable String notes,
        EntityView connectionFromEntity,
        EntityView connectionToEntity,
        Instant createdAt,
        Instant updatedAt) {

    static ConnectionView of(Document connection) {
        return new ConnectionView(
                connection.getString(ID),
                connection.get(STRENGTH, Number.class),
                connection.get(PRIORITY, Number.class),
                connection.getString(STATUS),
                connection.getString(CONFIGURATION_ID),
                connection.getString(LOCATION_ID),
                instant(connection.getDate(STARTS_AT)),
                instant(connection.getDate(ENDS_AT)),
                connection.getString(NOTES),
                EntityView.of(connection.get(FROM, Document.class)),
                EntityView.of(connection.get(TO, Document.class)),
                connection.getDate(CREATED_AT).toInstant(),
                connection.getDate(UPDATED_AT).toInstant());
    }

    private static @Nullable Instant instant(@Nullable Date date) {
        return date == null ? null : date.toInstant();
    }
}
