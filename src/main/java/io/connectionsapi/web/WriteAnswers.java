package io.connectionsapi.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The answer to a write: the success envelope, identified as {@code <verb>_<resource>_successful}, and the count
 * of the documents written as {@code connections_api_documents_total} with tags {@code resource} and
 * {@code operation} on /actuator/prometheus.
 */
@Component
public class WriteAnswers {

    private final MeterRegistry registry;

    WriteAnswers(MeterRegistry registry) {
        this.registry = registry;
    }

    public Envelope created(String resource, long count, Object data) {
        return answer("create", resource, "created", count, data);
    }

    public Envelope updated(String resource, long count, Object data) {
        return answer("update", resource, "updated", count, data);
    }

    public Envelope deleted(String resource, long count, Object data) {
        return answer("delete", resource, "deleted", count, data);
    }

    private Envelope answer(String verb, String resource, String operation, long count, Object data) {
        Counter.builder("connections_api.documents").description("Documents written, by resource and operation")
                .tag("resource", resource).tag("operation", operation).register(registry).increment(count);
        return Envelope.of(verb + "_" + resource + "_successful", data);
    }
}
