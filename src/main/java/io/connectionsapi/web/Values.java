package io.connectionsapi.web;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * The valid values of one request object, read by its {@link RuleTable}: typed by their {@link Field}, and only
 * the fields sent, so that an explicit {@code null} (sent, value null) differs from a field not sent.
 */
public final class Values {

    private final RuleTable table;
    private final Map<String, @Nullable Object> sent = new LinkedHashMap<>();
    private boolean valid = true;

    Values(RuleTable table) {
        this.table = table;
    }

    void put(Field<?> field, @Nullable Object value, boolean sentNull) {
        if (value == null && !(sentNull && field.schema().nullable())) {
            valid = false; // reported by the field's rule or the null check
            return;
        }
        sent.put(field.name(), value);
    }

    /** False when a field sent was invalid (and so reported). */
    public boolean valid() {
        return valid;
    }

    public boolean has(Field<?> field) {
        return sent.containsKey(field.name());
    }

    /** The value sent; null when not sent or sent as null. */
    @SuppressWarnings("unchecked")
    public <T> @Nullable T get(Field<T> field) {
        return (T) sent.get(field.name());
    }

    /** The fields sent, as stored (the {@code $set} of an update). */
    public Document sent() {
        Document document = new Document();
        sent.forEach((name, value) -> document.append(name, stored(value)));
        return document;
    }

    /** Every field of the table as stored: the value sent, or the field's default (what a create stores). */
    public Document withDefaults() {
        Document document = new Document();
        for (Field<?> field : table.fields()) {
            document.append(field.name(), stored(sent.containsKey(field.name()) ? sent.get(field.name()) : field.defaultValue()));
        }
        return document;
    }

    /** Dates are stored as BSON dates, which the driver reads back as {@link Date}. */
    private static @Nullable Object stored(@Nullable Object value) {
        return value instanceof Instant instant ? Date.from(instant) : value;
    }
}
