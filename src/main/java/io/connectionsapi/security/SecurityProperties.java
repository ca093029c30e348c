package io.connectionsapi.security;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code apiKey}: a secret that must exist for tenant {@code default} with every scope (CONNECTIONS_API_KEY).
 * {@code keyCacheTtl}: how long a verified key is trusted without asking MongoDB again; it bounds how long a key
 * revoked on another instance keeps working there. {@code lastUsedInterval}: how often a key's last_used_at is
 * written at most.
 */
@ConfigurationProperties("connections.security")
public record SecurityProperties(@Nullable String apiKey, @DefaultValue("10s") Duration keyCacheTtl,
        @DefaultValue("1m") Duration lastUsedInterval) {

    public SecurityProperties {
        if (keyCacheTtl.isNegative()) {
            throw new io.connectionsapi.InvalidSettingException("connections.security.key-cache-ttl", keyCacheTtl, "must not be negative");
        }
        if (lastUsedInterval.isNegative()) {
            throw new io.connectionsapi.InvalidSettingException("connections.security.last-used-interval", lastUsedInterval, "must not be negative");
        }
        if (apiKey != null && apiKey.isBlank()) {
            apiKey = null;
        }
    }
}
