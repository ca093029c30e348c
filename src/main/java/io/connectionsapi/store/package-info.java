/** Where data lives: the MongoDB connection, the embedded MongoDB-protocol store, and fail-fast driver settings. */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package io.connectionsapi.store;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
