package io.connectionsapi.web;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Dates leave the server in UTC with exactly three fractional digits ({@code 2026-11-24T10:00:00.000Z}). Jackson's
 * own ISO format drops a zero fraction ({@code ...:59Z} next to {@code ...:59.999Z}), and dates that differ in
 * length no longer sort as strings. Spring Boot registers this module with the application's mapper, so answers
 * and error envelopes alike use it.
 */
@Configuration(proxyBeanMethods = false)
class JsonDates {

    private static final DateTimeFormatter MILLIS = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

    @Bean
    SimpleModule millisecondDates() {
        return new SimpleModule("millisecond-dates").addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
            @Override
            public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
                generator.writeString(MILLIS.format(value));
            }
        });
    }
}
