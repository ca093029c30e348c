package io.connectionsapi.security;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Verifies secrets, remembering answers for {@code key-cache-ttl} so that a request does not cost a key lookup.
 * The cache is keyed by the secret's hash, never the secret; a revocation here is seen at once, one on another
 * instance after at most the TTL.
 */
@Component
class KeyVerifier {

    private static final int MAX_ENTRIES = 10_000;

    private final ApiKeys keys;
    private final Duration ttl;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    KeyVerifier(ApiKeys keys, SecurityProperties properties) {
        this.keys = keys;
        this.ttl = properties.keyCacheTtl();
    }

    @Nullable Caller verify(String secret) {
        String hash = ApiKeys.hash(secret);
        long now = System.nanoTime();
        Entry entry = cache.get(hash);
        if (entry != null && now - entry.verifiedAt() < ttl.toNanos()) {
            return entry.caller();
        }
        ApiKeys.StoredKey key = keys.findActive(secret);
        Caller caller = key == null ? null : new Caller(key.keyId(), key.tenantId(), key.scopes());
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(hash, new Entry(caller, now));
        return caller;
    }

    void forget(String keyId) {
        cache.values().removeIf(entry -> entry.caller() != null && entry.caller().keyId().equals(keyId));
    }

    private record Entry(@Nullable Caller caller, long verifiedAt) {
    }
}
