/** API keys (stored only as hashes), their scopes, and the tenant every request acts for. */
@NullMarked
package io.connectionsapi.security;

import org.jspecify.annotations.NullMarked;
