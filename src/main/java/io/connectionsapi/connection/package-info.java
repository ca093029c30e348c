/** The connections resource: weighted links between two entities, created, changed and deleted in batches. */
@ApplicationModule(allowedDependencies = {"entity", "security", "store", "web"})
@NullMarked
package io.connectionsapi.connection;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
