package io.connectionsapi.entity;

import java.util.Map;
import org.bson.Document;

/** Something that shows copies of entity data and must be told when it changes (connections do). */
public interface EntityDisplays {

    /** Replaces the shown data of the given entities of the tenant, in a constant number of commands. */
    void refresh(String tenantId, Map<String, Document> dataByEntityId);
}
