package io.connectionsapi.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Counts the documents each resource creates, updates and deletes, as {@code connections_api_documents_total}
 * with tags {@code resource} and {@code operation} on /actuator/prometheus.
 */
@Component
public class DocumentCounters {

    private final MeterRegistry registry;

    DocumentCounters(MeterRegistry registry) {
        this.registry = registry;
    }

    public void created(String resource, long count) {
        count(resource, "created", count);
    }

    public void updated(String resource, long count) {
        count(resource, "updated", count);
    }

    public void deleted(String resource, long count) {
        count(resource, "deleted", count);
    }

    private void count(String resource, String operation, long count) {
        Counter.builder("connections_api.documents").description("Documents written, by resource and operation")
                .tag("resource", resource).tag("operation", operation).register(registry).increment(count);
    }
}
