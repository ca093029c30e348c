package io.connectionsapi.entity;

import io.connectionsapi.web.Item;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/** An entity as a client sends it: ID and type, and data when the client wants to set it. */
public record EntityInput(
        @JsonProperty(EntityFields.ID) String id,
        @JsonProperty(EntityFields.TYPE) String type,
        @JsonProperty(EntityFields.DATA) @Nullable Document data) {

    /** Reads and checks an entity object by {@link EntityFields#RULES}; null (with the problems reported) if it is not valid. */
    public static @Nullable EntityInput read(Item item) {
        return EntityFields.RULES.read(item, EntityInput.class);
    }
}
