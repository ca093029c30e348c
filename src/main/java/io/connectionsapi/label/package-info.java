/**
 * Labels: named, typed tags (a category, a tag) that are also entities of type LABEL in the directory, so that
 * connections can point at them and mappings can attach them to other entities.
 */
@ApplicationModule(allowedDependencies = {"entity", "security", "store", "web"})
@NullMarked
package io.connectionsapi.label;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
