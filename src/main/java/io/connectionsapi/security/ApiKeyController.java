package io.connectionsapi.security;

import io.connectionsapi.web.ApiException;
import io.connectionsapi.web.Envelope;
import io.connectionsapi.web.ErrorCode;
import io.connectionsapi.web.JsonBody;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    private final ApiKeys keys;
    private final KeyVerifier verifier;

    ApiKeyController(ApiKeys keys, KeyVerifier verifier) {
        this.keys = keys;
        this.verifier = verifier;
    }

    @PostMapping
    ResponseEntity<Envelope> create(@JsonBody JsonNode body) {
        NewKeyRequest key = NewKeyRequest.read(body);
        ApiKeys.Created created = keys.create(key.tenantId(), key.name(), key.grantedScopes(), key.expiresAt());
        return ResponseEntity.status(HttpStatus.CREATED).body(Envelope.of("create_api_keys_successful",
                new NewKeyView(created.key().keyId(), created.secret(), key.tenantId(), key.name(),
                        wireScopes(key.grantedScopes()), created.key().createdAt(), key.expiresAt())));
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
