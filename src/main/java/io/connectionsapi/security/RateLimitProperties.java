package io.connectionsapi.security;

import io.connectionsapi.InvalidSettingException;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per API key: a token bucket of {@code burst} requests, refilled at {@code requestsPerSecond}. Per client address:
 * at most {@code failedAuthPerMinute} failed authentications. With several instances on one MongoDB each enforces
 * its share (the limits divided by the live instances, which announce themselves every {@code heartbeat}).
 */
@ConfigurationProperties("connections.rate-limit")
public record RateLimitProperties(
        @DefaultValue("20") double requestsPerSecond,
        @DefaultValue("200") int burst,
        @DefaultValue("30") int failedAuthPerMinute,
        @DefaultValue("5s") Duration heartbeat) {

    public RateLimitProperties {
        if (!(requestsPerSecond > 0)) {
            throw new InvalidSettingException("connections.rate-limit.requests-per-second", requestsPerSecond, "must be above 0");
        }
        if (burst < 1) {
            throw new InvalidSettingException("connections.rate-limit.burst", burst, "must be at least 1");
        }
        if (failedAuthPerMinute < 1) {
            throw new InvalidSettingException("connections.rate-limit.failed-auth-per-minute", failedAuthPerMinute, "must be at least 1");
        }
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new InvalidSettingException("connections.rate-limit.heartbeat", heartbeat, "must be positive");
        }
    }
}
