package io.connectionsapi.entity;

import java.util.Collection;
import java.util.Set;

/** Something that refers to entities and so keeps them from being deleted (connections do). */
public interface EntityUsage {

    /** Which of {@code entityIds} of the tenant are in use, found in a constant number of commands. */
    Set<String> inUse(String tenantId, Collection<String> entityIds);

    /** What uses them, for the 409 message and the counts of a label deletion ("connections", "mappings"). */
    String usedBy();

    /** Deletes whatever of the tenant refers to {@code entityIds}, in a constant number of commands; returns how many. */
    long removeAll(String tenantId, Collection<String> entityIds);
}
