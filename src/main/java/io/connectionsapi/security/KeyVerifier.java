package io.connectionsapi.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Verifies secrets, remembering answers for {@code key-cache-ttl} so that a request does not cost a key lookup.
 * The cache is keyed by the secret's hash, never the secret; a revocation here is seen at once, one on another
 * instance after at most the TTL. Both caches are bounded, so a flood of made-up keys cannot grow them.
 */
@Component
class KeyVerifier {

    private static final int MAX_ENTRIES = 10_000;

    private final ApiKeys keys;
    private final Cache<String, Entry> cache;
    /** Keys whose last_used_at was written within {@code last-used-interval}: their use needs no write. */
    private final Cache<String, Instant> recentlyTouched;
    private final AtomicLong revocations = new AtomicLong();

    KeyVerifier(ApiKeys keys, SecurityProperties properties) {
        this.keys = keys;
        this.cache = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(properties.keyCacheTtl()).build();
        this.recentlyTouched = Caffeine.newBuilder().maximumSize(MAX_ENTRIES)
                .expireAfterWrite(properties.lastUsedInterval()).build();
    }

    @Nullable Caller verify(String secret) {
        String hash = ApiKeys.hash(secret);
        Entry entry = cache.getIfPresent(hash);
        if (entry == null) {
            long revocationsBefore = revocations.get();
            ApiKeys.StoredKey key = keys.findActive(secret);
            entry = new Entry(key == null ? null : new Caller(key.keyId(), key.tenantId(), key.scopes()),
                    key == null ? null : key.expiresAt());
            // a revocation while the key was being read may be missing from what was read: don't remember it then
            if (revocations.get() == revocationsBefore) {
                cache.put(hash, entry);
            }
        }
        Instant wallClock = Instant.now();
        if (entry.caller() == null || (entry.expiresAt() != null && !wallClock.isBefore(entry.expiresAt()))) {
            return null;
        }
        noteUse(entry.caller().keyId(), wallClock);
        return entry.caller();
    }

    /** Keeps last_used_at without a write per request: at most one per key and {@code last-used-interval}. */
    private void noteUse(String keyId, Instant now) {
        if (recentlyTouched.asMap().putIfAbsent(keyId, now) == null) {
            keys.touch(keyId, now);
        }
    }

    void forget(String keyId) {
        revocations.incrementAndGet();
        cache.asMap().values().removeIf(entry -> entry.caller() != null && entry.caller().keyId().equals(keyId));
    }

    private record Entry(@Nullable Caller caller, @Nullable Instant expiresAt) {
    }
}
