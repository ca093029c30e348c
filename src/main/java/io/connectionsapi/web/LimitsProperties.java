package io.connectionsapi.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import io.connectionsapi.InvalidSettingException;

/** How much one request may carry. Larger requests get 413. */
@ConfigurationProperties("connections.limits")
public record LimitsProperties(@DefaultValue("1000") int maxBatchSize, @DefaultValue("16MB") DataSize maxBodySize) {

    public LimitsProperties {
        if (maxBatchSize < 1) {
            throw new InvalidSettingException("connections.limits.max-batch-size", maxBatchSize, "must be at least 1");
        }
        if (maxBodySize.toBytes() < 1024 || maxBodySize.toBytes() > Integer.MAX_VALUE - 8) {
            throw new InvalidSettingException("connections.limits.max-body-size", maxBodySize, "must be between 1KB and 2GB");
        }
    }
}
