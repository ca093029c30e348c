package io.connectionsapi.entity;

import java.util.Map;
import org.bson.Document;

/** An entity as a connection shows it. */
public record EntityView(String connectionEntityId, String connectionEntityType, Map<String, Object> connectionEntityData) {

    public static EntityView of(Document embedded) {
        Document data = embedded.get(EntityFields.DATA, Document.class);
        return new EntityView(embedded.getString(EntityFields.ID), embedded.getString(EntityFields.TYPE),
                data == null ? new Document() : data);
    }

    /** The form stored inside a connection document. */
    public Document toDocument() {
        return new Document(EntityFields.ID, connectionEntityId).append(EntityFields.TYPE, connectionEntityType)
                .append(EntityFields.DATA, connectionEntityData);
    }
}
