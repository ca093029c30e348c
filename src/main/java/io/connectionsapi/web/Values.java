package io.connectionsapi.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The valid values of one request object, read by its {@link RuleTable}: typed by their {@link Field}, and only
 * the fields sent, so that an explicit {@code null} (sent, value null) differs from a field not sent. Bound to the
 * resource's request record by {@link RecordBinding}.
 */
final class Values {

    private final Map<String, @Nullable Object> sent = new LinkedHashMap<>();
    private boolean valid = true;

    void put(Field<?> field, @Nullable Object value, boolean sentNull) {
        if (value == null && !(sentNull && field.schema().nullable())) {
            valid = false; // reported by the field's rule or the null check
            return;
        }
        sent.put(field.name(), value);
    }

    /** False when a field sent was invalid (and so reported). */
    boolean valid() {
        return valid;
    }

    boolean has(Field<?> field) {
        return sent.containsKey(field.name());
    }

    /** The value sent; null when not sent or sent as null. */
    @SuppressWarnings("unchecked")
    <T> @Nullable T get(Field<T> field) {
        return (T) sent.get(field.name());
    }

    /** The value sent, else the field's default (what a create stores for a field not sent). */
    @Nullable Object getOrDefault(Field<?> field) {
        return sent.containsKey(field.name()) ? sent.get(field.name()) : field.defaultValue();
    }
}
