package io.connectionsapi.security;

import io.connectionsapi.web.ApiException;
import io.connectionsapi.web.Envelope;
import io.connectionsapi.web.ErrorCode;
import io.connectionsapi.web.Item;
import io.connectionsapi.web.JsonBodies;
import io.connectionsapi.web.Violations;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Key management, for keys with the {@code admin} scope. */
@RestController
@RequestMapping("/admin/v1/api-keys")
class ApiKeyController {

    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Set<String> SCOPES = Set.of("read", "write", "admin");

    private final ApiKeys keys;
    private final KeyVerifier verifier;
    private final JsonBodies bodies;

    ApiKeyController(ApiKeys keys, KeyVerifier verifier, JsonBodies bodies) {
        this.keys = keys;
        this.verifier = verifier;
        this.bodies = bodies;
    }

    @PostMapping
    ResponseEntity<Envelope> create(HttpServletRequest request) {
        JsonNode body = bodies.object(request);
        Violations violations = new Violations();
        Item item = Item.root(body, violations);
        item.allowOnly(List.of("tenant_id", "name", "scopes", "expires_at"));
        item.require("tenant_id");
        item.require("name");
        item.require("scopes");
        String tenantId = item.string("tenant_id", 1, 64);
        if (tenantId != null && !TENANT.matcher(tenantId).matches()) {
            item.reject("tenant_id", "must be 1 to 64 letters, digits, '_' or '-'");
        }
        String name = item.string("name", 1, 200);
        List<String> scopes = item.strings("scopes", SCOPES);
        Instant expiresAt = item.dateTime("expires_at");
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            item.reject("expires_at", "must be in the future");
        }
        violations.throwIfAny();
        EnumSet<Scope> granted = EnumSet.noneOf(Scope.class);
        scopes.forEach(scope -> granted.add(Scope.fromWire(scope)));
        ApiKeys.Created created = keys.create(tenantId, name, granted, expiresAt);
        return ResponseEntity.status(HttpStatus.CREATED).body(Envelope.of("create_api_keys_successful",
                new NewKeyView(created.key().keyId(), created.secret(), tenantId, name,
                        wireScopes(granted), created.key().createdAt(), expiresAt)));
    }

    @GetMapping
    Envelope list() {
        List<KeyView> views = keys.listActive().stream().map(key -> new KeyView(key.keyId(), key.tenantId(), key.name(),
                wireScopes(key.scopes()), key.createdAt(), key.expiresAt(), key.lastUsedAt())).toList();
        return Envelope.of("get_api_keys_successful", Map.of("api_keys", views));
    }

    @DeleteMapping("/{keyId}")
    Envelope revoke(@PathVariable String keyId) {
        if (!keys.revoke(keyId)) {
            throw new ApiException(ErrorCode.NOT_FOUND, "There is no active API key with ID '" + keyId + "'.");
        }
        verifier.forget(keyId);
        // and once more when the revocation is committed: a lookup meanwhile still read the key as active
        io.connectionsapi.store.UnitOfWork.afterCommit(() -> verifier.forget(keyId));
        return Envelope.of("delete_api_keys_successful", Map.of("key_id", keyId));
    }

    private static List<String> wireScopes(Set<Scope> scopes) {
        return scopes.stream().map(Scope::wireName).toList();
    }

    record NewKeyView(String keyId, String apiKey, String tenantId, String name, List<String> scopes, Instant createdAt,
            @org.jspecify.annotations.Nullable Instant expiresAt) {
    }

    record KeyView(String keyId, String tenantId, String name, List<String> scopes, Instant createdAt,
            @org.jspecify.annotations.Nullable Instant expiresAt, @org.jspecify.annotations.Nullable Instant lastUsedAt) {
    }
}
