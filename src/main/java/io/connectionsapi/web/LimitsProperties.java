package io.connectionsapi.web;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How much one request may carry. Larger requests get 413. A body is read into one array, so its limit stays below
 * the largest array the JVM allocates. A body not received whole within {@code bodyReadTimeout} gets 408.
 * {@code countCap} is where a list asked for {@code Prefer: count=estimated} stops counting.
 */
@ConfigurationProperties("connections.limits")
@Validated
public record LimitsProperties(@DefaultValue("1000") @Min(1) int maxBatchSize,
        @DefaultValue("16MB") @DataSizeRange(minBytes = 1024, maxBytes = Integer.MAX_VALUE - 8,
                message = "must be between 1KB and 2GB") DataSize maxBodySize,
        @DefaultValue("30s") @DurationMin(seconds = 1) Duration bodyReadTimeout,
        @DefaultValue("10000") @Min(1) int countCap) {
}
