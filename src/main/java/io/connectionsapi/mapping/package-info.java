/** Label mappings: which label is applied to which entity, with a value, a visibility and details. */
@NullMarked
package io.connectionsapi.mapping;

import org.jspecify.annotations.NullMarked;
