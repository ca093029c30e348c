package io.connectionsapi.store;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Bounds the requests working on the store at once ({@code connections.store.max-concurrent-requests}, 100 by
 * default: the driver's pool size, beyond which requests would only queue inside the driver) and how long a
 * request waits for its turn ({@code connections.store.queue-wait}, 1 s). A request that does not get in answers
 * 503 with {@code Retry-After} at once, instead of holding a server thread for the whole operation timeout.
 */
@Component
public class StoreGate {

    private final Semaphore slots;
    private final Duration wait;

    StoreGate(StoreProperties properties) {
        this.slots = new Semaphore(properties.maxConcurrentRequests(), true);
        this.wait = properties.queueWait();
    }

    /** Waits for a slot at most the configured time; true when the caller got one and must {@link #leave}. */
    public boolean enter() {
        try {
            return slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public void leave() {
        slots.release();
    }
}
