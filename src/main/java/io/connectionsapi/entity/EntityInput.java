package io.connectionsapi.entity;

import io.connectionsapi.web.Item;
import io.connectionsapi.web.Values;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/** An entity as a client sends it: ID and type, and data when the client wants to set it. */
public record EntityInput(String id, String type, @Nullable Document data) {

    /** Reads and checks an entity object by {@link EntityFields#RULES}; null (with the problems reported) if it is not valid. */
    public static @Nullable EntityInput read(Item item) {
        Values values = EntityFields.RULES.read(item);
        String id = values.get(EntityFields.ID_RULE);
        String type = values.get(EntityFields.TYPE_RULE);
        return id == null || type == null ? null : new EntityInput(id, type, values.get(EntityFields.DATA_RULE));
    }
}
