package io.connectionsapi.security;

import java.time.Duration;
import java.time.Instant;
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
    private final Duration lastUsedInterval;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastUseWritten = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong revocations = new java.util.concurrent.atomic.AtomicLong();

    KeyVerifier(ApiKeys keys, SecurityProperties properties) {
        this.keys = keys;
        this.ttl = properties.keyCacheTtl();
        this.lastUsedInterval = properties.lastUsedInterval();
    }

    @Nullable Caller verify(String secret) {
        String hash = ApiKeys.hash(secret);
        long now = System.nanoTime();
        Entry entry = cache.get(hash);
        if (entry == null || now - entry.verifiedAt() >= ttl.toNanos()) {
            long revocationsBefore = revocations.get();
            ApiKeys.StoredKey key = keys.findActive(secret);
            entry = new Entry(key == null ? null : new Caller(key.keyId(), key.tenantId(), key.scopes()),
                    key == null ? null : key.expiresAt(), now);
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
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
        Instant written = lastUseWritten.get(keyId);
        if (written == null || Duration.between(written, now).compareTo(lastUsedInterval) >= 0) {
            if (lastUseWritten.size() >= MAX_ENTRIES) {
                lastUseWritten.clear();
            }
            lastUseWritten.put(keyId, now);
            keys.touch(keyId, now);
        }
    }

    void forget(String keyId) {
        revocations.incrementAndGet();
        cache.values().removeIf(entry -> entry.caller() != null && entry.caller().keyId().equals(keyId));
    }

    private record Entry(@Nullable Caller caller, @Nullable Instant expiresAt, long verifiedAt) {
    }
}
