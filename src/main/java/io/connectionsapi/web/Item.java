package io.connectionsapi.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Set;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One JSON object of a request (a batch item, or an object inside one) with typed, validating accessors, which
 * resources use through their {@link RuleTable} ({@link #id} and {@link #object} also for what they read by hand).
 * Every accessor reports a bad value to the shared {@link Violations}, naming the item's index and the field's
 * full path, and returns {@code null} for absent, null or invalid values; {@link #has} and {@link #isNull} tell
 * those apart where it matters (a PUT clears a field with an explicit null).
 */
public final class Item {

    static final int MAX_ID_LENGTH = 200;

    private final JsonNode node;
    private final @Nullable Integer index;
    private final String path;
    private final Violations violations;

    private Item(JsonNode node, @Nullable Integer index, String path, Violations violations) {
        this.node = node;
        this.index = index;
        this.path = path;
        this.violations = violations;
    }

    /** The item at {@code index} of the batch named {@code batch}, or null (reported) if it is not an object. */
    public static @Nullable Item of(JsonNode node, String batch, int index, Violations violations) {
        String path = batch + "[" + index + "]";
        if (!node.isObject()) {
            violations.add(ErrorDetail.item(index, path, "must be an object"));
            return null;
        }
        return new Item(node, index, path, violations);
    }

    /** The request body itself, whose fields are named without a prefix. */
    public static Item root(JsonNode body, Violations violations) {
        return new Item(body, null, "", violations);
    }

    public @Nullable Integer index() {
        return index;
    }

    public String path() {
        return path;
    }

    public String path(String field) {
        if (field.isEmpty()) {
            return path;
        }
        return path.isEmpty() ? field : path + "." + field;
    }

    public boolean has(String field) {
        return node.has(field);
    }

    public boolean isNull(String field) {
        return node.has(field) && node.get(field).isNull();
    }

    /** The field's value; null when it is absent or JSON null. */
    private @Nullable JsonNode value(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    public void reject(String field, String message) {
        violations.add(new ErrorDetail(index, path(field), message));
    }

    public void rejectItem(String message) {
        violations.add(new ErrorDetail(index, path, message));
    }

    /** Reports every field not in {@code allowed} (this is what catches {@code strenght}). */
    public void allowOnly(Collection<String> allowed) {
        for (String field : node.propertyNames()) {
            if (!allowed.contains(field)) {
                reject(field, "is not a known field");
            }
        }
    }

    /** A string of {@code minLength} to {@code maxLength} characters (free text: control characters are kept). */
    @Nullable String string(String field, int minLength, int maxLength) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isString()) {
            reject(field, "must be a string");
            return null;
        }
        String text = value.stringValue();
        int length = text.codePointCount(0, text.length());
        if (length < minLength || length > maxLength) {
            reject(field, minLength == maxLength ? "must be " + minLength + " characters long"
                    : "must be between " + minLength + " and " + maxLength + " characters long");
            return null;
        }
        return text;
    }

    /** An identifier: 1 to 200 characters, no control characters. */
    public @Nullable String id(String field) {
        String id = string(field, 1, MAX_ID_LENGTH);
        if (id != null && hasControlCharacter(id)) {
            reject(field, "must not contain control characters");
            return null;
        }
        return id;
    }

    /** One of {@code allowed}, compared exactly. */
    @Nullable String oneOf(String field, Set<String> allowed) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isString() || !allowed.contains(value.stringValue())) {
            reject(field, "must be one of " + String.join(", ", new java.util.TreeSet<>(allowed)));
            return null;
        }
        return value.stringValue();
    }

    /** A finite number in [min, max], as a {@code Long} when integral (so 75 stays 75) and a {@code Double} otherwise. */
    @Nullable Number number(String field, double min, double max) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            reject(field, "must be a number");
            return null;
        }
        Number number = Numbers.normalize(value.decimalValue());
        if (number == null || number.doubleValue() < min || number.doubleValue() > max) {
            reject(field, max == Double.MAX_VALUE ? "must be a finite number of at least " + Numbers.format(min)
                    : "must be between " + Numbers.format(min) + " and " + Numbers.format(max));
            return null;
        }
        return number;
    }

    @Nullable Boolean bool(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            reject(field, "must be true or false");
            return null;
        }
        return value.booleanValue();
    }

    /** An ISO-8601 date-time with an offset ({@code 2025-07-18T12:00:00Z}), kept to the millisecond as MongoDB does. */
    @Nullable Instant dateTime(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (value.isString()) {
            try {
                Instant instant = OffsetDateTime.parse(value.stringValue()).toInstant();
                if (instant.getEpochSecond() >= -62135596800L && instant.getEpochSecond() <= 253402300799L) {
                    return instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
                }
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        reject(field, "must be an ISO-8601 date-time with a time zone between years 1 and 9999, such as 2025-07-18T12:00:00Z");
        return null;
    }

    /** A non-empty array of distinct strings, each one of {@code allowed}. */
    java.util.@Nullable List<String> strings(String field, Set<String> allowed) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        java.util.LinkedHashSet<String> found = new java.util.LinkedHashSet<>();
        boolean valid = value.isArray() && !value.isEmpty();
        if (valid) {
            for (JsonNode element : value.values()) {
                valid &= element.isString() && allowed.contains(element.stringValue()) && found.add(element.stringValue());
            }
        }
        if (!valid) {
            reject(field, "must be a non-empty array of distinct values from " + String.join(", ", new java.util.TreeSet<>(allowed)));
            return null;
        }
        return java.util.List.copyOf(found);
    }

    /** A nested object, as an item of its own whose fields are reported under this one's path. */
    public @Nullable Item object(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            reject(field, "must be an object");
            return null;
        }
        return new Item(value, index, path(field), violations);
    }

    /** A free-form object (entity data, details): checked against the contract's limits and made a BSON document. */
    @Nullable Document freeForm(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            reject(field, "must be an object");
            return null;
        }
        return FreeForm.toDocument(value, index, path(field), violations);
    }

    static boolean hasControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Numbers as the contract wants them: finite, and integral values kept integral. */
    static final class Numbers {

        private static final BigDecimal MAX_DOUBLE = BigDecimal.valueOf(Double.MAX_VALUE);

        private Numbers() {
        }

        static @Nullable Number normalize(BigDecimal value) {
            if (value.abs().compareTo(MAX_DOUBLE) > 0) {
                return null;
            }
            try {
                return value.longValueExact();
            } catch (ArithmeticException notAnExactLong) {
                double d = value.doubleValue();
                return Double.isFinite(d) ? d : null;
            }
        }

        static String format(double value) {
            return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
        }
    }
}
