/**
 * The HTTP conventions every resource shares: the success and error envelopes, batch and query parsing,
 * field validation, and the mapping of every failure to the contract's error identifiers.
 */
@ApplicationModule(allowedDependencies = {"store"})
@NullMarked
package io.connectionsapi.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
