/**
 * The entity directory: one record per (tenant, entity ID) of the people, teams, rooms and other things that
 * connections join. Connections show the directory's current data, so a change here reaches every connection.
 */
@ApplicationModule(allowedDependencies = {"security", "store", "web"})
@NullMarked
package io.connectionsapi.entity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
