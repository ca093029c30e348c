package io.connectionsapi.entity;

import io.connectionsapi.web.Item;
import java.util.List;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/** An entity as a client sends it: ID and type, and data when the client wants to set it. */
public record EntityInput(String id, String type, @Nullable Document data) {

    private static final List<String> FIELDS = List.of(EntityFields.ID, EntityFields.TYPE, EntityFields.DATA);

    /** Reads and checks an entity object; null (with the problems reported) if it is not valid. */
    public static @Nullable EntityInput read(Item item) {
        item.allowOnly(FIELDS);
        item.require(EntityFields.ID);
        item.require(EntityFields.TYPE);
        String id = item.id(EntityFields.ID);
        String type = item.oneOf(EntityFields.TYPE, EntityType.NAMES);
        Document data = item.freeForm(EntityFields.DATA);
        if (item.isNull(EntityFields.DATA)) {
            item.reject(EntityFields.DATA, "must be an object; send {} for no data");
        }
        return id == null || type == null ? null : new EntityInput(id, type, data);
    }
}
