package io.connectionsapi.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** How much one request may carry. Larger requests get 413. */
@Validated
@ConfigurationProperties("connections.limits")
public record LimitsProperties(
        @DefaultValue("1000") @jakarta.validation.constraints.Min(1) int maxBatchSize,
        @DefaultValue("16MB") DataSize maxBodySize) {

    public LimitsProperties {
        if (maxBodySize.toBytes() < 1024 || maxBodySize.toBytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("connections.limits.max-body-size must be between 1KB and 2GB");
        }
    }
}
