/** API keys (stored only as hashes), their scopes, and the tenant every request acts for. */
@ApplicationModule(allowedDependencies = {"store", "web"})
@NullMarked
package io.connectionsapi.security;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
