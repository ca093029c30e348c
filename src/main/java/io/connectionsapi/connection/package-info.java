/** The connections resource: weighted links between two entities, created, changed and deleted in batches. */
@NullMarked
package io.connectionsapi.connection;

import org.jspecify.annotations.NullMarked;
