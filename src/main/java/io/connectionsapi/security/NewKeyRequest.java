package io.connectionsapi.security;

import io.connectionsapi.web.Field;
import io.connectionsapi.web.Item;
import io.connectionsapi.web.RuleTable;
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
record NewKeyRequest(String tenantId, String name, List<String> scopes, @Nullable Instant expiresAt) {

    /** Every field of the request, one component of the record each. */
    static final RuleTable RULES = RuleTable.of(
            Field.matching("tenant_id", 64, Pattern.compile("[A-Za-z0-9_-]{1,64}"), "must be 1 to 64 letters, digits, '_' or '-'")
                    .required().nullMessage("is required"),
            Field.string("name", 1, 200).required().nullMessage("is required"),
            Field.strings("scopes", Arrays.stream(Scope.values()).map(Scope::wireName).collect(Collectors.toSet()))
                    .required().nullMessage("is required"),
            Field.dateTime("expires_at").nullable().must(expiry -> expiry.isAfter(Instant.now()), "must be in the future"));

    /** The request, or a 400 naming every problem. */
    static NewKeyRequest read(JsonNode body) {
        Violations violations = new Violations();
        Item item = Item.root(body, violations);
        NewKeyRequest request = RULES.read(item, NewKeyRequest.class);
        violations.throwIfAny();
        return request;
    }

    /** The scopes asked for (their wire names were checked by the table). */
    Set<Scope> grantedScopes() {
        EnumSet<Scope> granted = EnumSet.noneOf(Scope.class);
        scopes.forEach(scope -> granted.add(Scope.fromWire(scope)));
        return granted;
    }
}
