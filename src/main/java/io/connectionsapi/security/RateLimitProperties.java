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
 * <p>
 * The defaults are for a self-hosted server whose clients are the operator's own syncs and tools: a client with 8
 * requests in flight stays below 2000 requests per second unless its requests take under 4 ms each, which only the
 * smallest reads on a fast machine do, and a burst of 4000 absorbs those. The limit stops a runaway loop, not a
 * busy client; a deployment shared by parties who do not trust each other sets its own.
 */
@ConfigurationProperties("connections.rate-limit")
@Validated
public record RateLimitProperties(
        @DefaultValue("2000") @Positive double requestsPerSecond,
        @DefaultValue("4000") @Min(1) int burst,
        @DefaultValue("30") @Min(1) int failedAuthPerMinute,
        @DefaultValue("5s") @DurationMin(nanos = 0, inclusive = false) Duration heartbeat) {
}
