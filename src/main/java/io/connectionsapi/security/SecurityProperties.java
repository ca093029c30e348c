package io.connectionsapi.security;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code apiKey}: a secret that must exist for tenant {@code default} with every scope (CONNECTIONS_API_KEY).
 * {@code keyCacheTtl}: how long a verified key is trusted without asking MongoDB again; it bounds how long a key
 * revoked on another instance keeps working there. {@code lastUsedInterval}: how often a key's last_used_at is
 * written at most.
 */
@ConfigurationProperties("connections.security")
@Validated
public record SecurityProperties(@Nullable String apiKey,
        @DefaultValue("10s") @DurationMin(nanos = 0) Duration keyCacheTtl,
        @DefaultValue("1m") @DurationMin(nanos = 0) Duration lastUsedInterval) {

    public SecurityProperties {
        if (apiKey != null && apiKey.isBlank()) {
            apiKey = null;
        }
    }
}
