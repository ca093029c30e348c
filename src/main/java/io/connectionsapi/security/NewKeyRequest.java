package io.connectionsapi.security;

import io.connectionsapi.web.Field;
import io.connectionsapi.web.Item;
import io.connectionsapi.web.RuleTable;
import io.connectionsapi.web.Values;
import io.connectionsapi.web.Violations;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** The body of {@code POST /admin/v1/api-keys}, read by its rule table. */
record NewKeyRequest(String tenantId, String name, Set<Scope> scopes, @Nullable Instant expiresAt) {

    static final Field<String> TENANT_ID = Field.matching("tenant_id", 64, Pattern.compile("[A-Za-z0-9_-]{1,64}"),
            "must be 1 to 64 letters, digits, '_' or '-'").required().nullMessage("is required");
    static final Field<String> NAME = Field.string("name", 1, 200).required().nullMessage("is required");
    static final Field<List<String>> SCOPES = Field.strings("scopes",
            Arrays.stream(Scope.values()).map(Scope::wireName).collect(Collectors.toSet())).required().nullMessage("is required");
    static final Field<Instant> EXPIRES_AT = Field.dateTime("expires_at").nullable();
    static final RuleTable RULES = RuleTable.of(TENANT_ID, NAME, SCOPES, EXPIRES_AT);

    /** The request, or a 400 naming every problem; an expiry must also be in the future. */
    static NewKeyRequest read(JsonNode body) {
        Violations violations = new Violations();
        Item item = Item.root(body, violations);
        Values values = RULES.read(item);
        Instant expiresAt = values.get(EXPIRES_AT);
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            item.reject(EXPIRES_AT.name(), "must be in the future");
        }
        violations.throwIfAny();
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        values.get(SCOPES).forEach(scope -> scopes.add(Scope.fromWire(scope)));
        return new NewKeyRequest(values.get(TENANT_ID), values.get(NAME), scopes, expiresAt);
    }
}
