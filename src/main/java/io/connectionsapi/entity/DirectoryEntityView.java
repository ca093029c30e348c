package io.connectionsapi.entity;

import java.time.Instant;
import java.util.Map;
import org.bson.Document;

/** An entity as the directory shows it. */
record DirectoryEntityView(String connectionEntityId, String connectionEntityType, Map<String, Object> connectionEntityData,
        Instant createdAt, Instant updatedAt) {

    static DirectoryEntityView of(Document entity) {
        return new DirectoryEntityView(entity.getString(EntityFields.ID), entity.getString(EntityFields.TYPE),
                entity.get(EntityFields.DATA, Document.class), entity.getDate(Entities.CREATED_AT).toInstant(),
                entity.getDate(Entities.UPDATED_AT).toInstant());
    }
}
