/**
 * Where data lives: the MongoDB connection and its driver settings, the embedded MongoDB-protocol store, units of
 * work, and the collections every resource builds on.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package io.connectionsapi.store;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
