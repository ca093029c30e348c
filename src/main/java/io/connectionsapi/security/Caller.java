package io.connectionsapi.security;

import java.util.Set;

/** Who is calling: the key and the tenant whose data every query of the request is confined to. */
public record Caller(String keyId, String tenantId, Set<Scope> scopes) {

    static final String ATTRIBUTE = Caller.class.getName();
}
