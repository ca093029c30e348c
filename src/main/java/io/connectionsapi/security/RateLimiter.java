package io.connectionsapi.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;

/**
 * Token buckets in memory: one per API key, and one per client address for failed authentications. Their number
 * is bounded, so a flood of names cannot grow them; they do not expire by time, because when a bucket is full again
 * depends on how many instances share the limits at the time.
 */
@Component
class RateLimiter {

    private static final int MAX_BUCKETS = 100_000;

    private final RateLimitProperties limits;
    private final Instances instances;
    private final Cache<String, Bucket> keys = Caffeine.newBuilder().maximumSize(MAX_BUCKETS).build();
    private final Cache<String, Bucket> failures = Caffeine.newBuilder().maximumSize(MAX_BUCKETS).build();

    RateLimiter(RateLimitProperties limits, Instances instances) {
        this.limits = limits;
        this.instances = instances;
    }

    /** Takes one request from the key's bucket. */
    Decision request(String keyId) {
        int share = instances.live();
        return bucket(keys, keyId).take(share(limits.burst(), share), limits.requestsPerSecond() / share, true);
    }

    /** Whether the address may try to authenticate (without using up a try). */
    Decision authenticationAllowed(String address) {
        int share = instances.live();
        return bucket(failures, address).take(share(limits.failedAuthPerMinute(), share),
                limits.failedAuthPerMinute() / 60.0 / share, false);
    }

    void authenticationFailed(String address) {
        int share = instances.live();
        bucket(failures, address).take(share(limits.failedAuthPerMinute(), share),
                limits.failedAuthPerMinute() / 60.0 / share, true);
    }

    /** An instance's part of a bucket: never below one request, or a small limit on many instances would refuse all. */
    private static double share(int capacity, int instances) {
        return Math.max(1.0, capacity / (double) instances);
    }

    private static Bucket bucket(Cache<String, Bucket> buckets, String name) {
        return buckets.get(name, unused -> new Bucket());
    }

    /** The answer for one request, with what the RateLimit headers report. */
    record Decision(boolean allowed, long limit, long remaining, long secondsUntilFull, long retryAfterSeconds) {
    }

    private static final class Bucket {

        private double tokens = Double.NaN;
        private long updated;

        synchronized Decision take(double capacity, double perSecond, boolean consume) {
            long now = System.nanoTime();
            tokens = Double.isNaN(tokens) ? capacity : Math.min(capacity, tokens + (now - updated) / 1e9 * perSecond);
            updated = now;
            boolean allowed = tokens >= 1;
            if (allowed && consume) {
                tokens -= 1;
            }
            long untilFull = (long) Math.ceil((capacity - tokens) / perSecond);
            long retryAfter = allowed ? 0 : Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
            return new Decision(allowed, (long) Math.floor(capacity), (long) Math.floor(tokens), untilFull, retryAfter);
        }
    }
}
