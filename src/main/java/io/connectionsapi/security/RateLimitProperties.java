package io.connectionsapi.security;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Per API key: a token bucket of {@code burst} requests, refilled at {@code requestsPerSecond}. Per client address:
 * at most {@code failedAuthPerMinute} failed authentications. With several instances on one MongoDB each enforces
 * its share (the limits divided by the live instances, which announce themselves every {@code heartbeat}).
 */
@ConfigurationProperties("connections.rate-limit")
@Validated
public record RateLimitProperties(
        @DefaultValue("20") @Positive double requestsPerSecond,
        @DefaultValue("200") @Min(1) int burst,
        @DefaultValue("30") @Min(1) int failedAuthPerMinute,
        @DefaultValue("5s") @DurationMin(nanos = 0, inclusive = false) Duration heartbeat) {
}
