/** Label mappings: which label is applied to which entity, with a value, a visibility and details. */
@ApplicationModule(allowedDependencies = {"label", "entity", "security", "store", "web"})
@NullMarked
package io.connectionsapi.mapping;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
