package io.connectionsapi.web;

import org.jspecify.annotations.Nullable;

/**
 * One field of an update request: not sent (left as stored), or sent with a value, which may be {@code null} where
 * the field's rule allows it (the field is cleared). The record components of update requests have this type, so
 * that an explicit {@code null} stays distinct from a field the client did not send.
 *
 * @param sent whether the client sent the field
 * @param value what it sent; null when not sent or sent as null
 */
public record Sent<T>(boolean sent, @Nullable T value) {

    private static final Sent<?> ABSENT = new Sent<>(false, null);

    @SuppressWarnings("unchecked")
    public static <T> Sent<T> absent() {
        return (Sent<T>) ABSENT;
    }

    public static <T> Sent<T> of(@Nullable T value) {
        return new Sent<>(true, value);
    }

    /** The value sent, or {@code current} (the stored value) when the field was not sent. */
    public @Nullable T orElse(@Nullable T current) {
        return sent ? value : current;
    }
}
