package io.connectionsapi.entity;

import java.util.Collection;
import java.util.Set;

/** Something that refers to entities and so keeps them from being deleted (connections do). */
public interface EntityUsage {

    /** Which of {@code entityIds} of the tenant are in use, found in a constant number of commands. */
    Set<String> inUse(String tenantId, Collection<String> entityIds);

    /** What uses them, for the 409 message ("connections"). */
    String usedBy();
}
