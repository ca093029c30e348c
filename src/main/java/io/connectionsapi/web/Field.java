package io.connectionsapi.web;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * One row of a resource's {@link RuleTable}: a field's wire (and stored) name, its type and limits, whether a
 * create needs it, whether an explicit {@code null} is allowed (it clears the field), and its default. The
 * {@link #schema} of the row is what the OpenAPI document must say of the field, which a test checks.
 *
 * @param <T> the Java type of a valid value: {@code String}, {@code Number} (a {@code Long} when integral),
 *            {@code Instant}, {@code Boolean}, {@code Document} or {@code List<String>}
 */
public final class Field<T> {

    private static final String NOT_NULL = "must not be null";

    private final String name;
    private final Class<?> valueType;
    private final Schema schema;
    private final BiFunction<Item, String, @Nullable T> reader;
    private final String nullMessage;
    private final @Nullable Supplier<T> defaultValue;

    private Field(String name, Class<?> valueType, Schema schema, BiFunction<Item, String, @Nullable T> reader,
            String nullMessage, @Nullable Supplier<T> defaultValue) {
        this.name = name;
        this.valueType = valueType;
        this.schema = schema;
        this.reader = reader;
        this.nullMessage = nullMessage;
        this.defaultValue = defaultValue;
    }

    /** A string of {@code minLength} to {@code maxLength} characters (free text: control characters are kept). */
    public static Field<String> string(String name, int minLength, int maxLength) {
        return new Field<>(name, String.class, Schema.of("string").lengths(minLength, maxLength),
                (item, field) -> item.string(field, minLength, maxLength), NOT_NULL, null);
    }

    /** An identifier: 1 to 200 characters, no control characters. */
    public static Field<String> id(String name) {
        return new Field<>(name, String.class, Schema.of("string").lengths(1, Item.MAX_ID_LENGTH), Item::id, NOT_NULL, null);
    }

    /** A string of 1 to {@code maxLength} characters matching {@code pattern} whole; {@code message} says what matches. */
    public static Field<String> matching(String name, int maxLength, Pattern pattern, String message) {
        return new Field<>(name, String.class, Schema.of("string").lengths(1, maxLength).pattern(pattern.pattern()), (item, field) -> {
            String value = item.string(field, 1, maxLength);
            if (value != null && !pattern.matcher(value).matches()) {
                item.reject(field, message);
                return null;
            }
            return value;
        }, NOT_NULL, null);
    }

    /** A finite number in [minimum, maximum]; {@code Double.MAX_VALUE} as the maximum means none. */
    public static Field<Number> number(String name, double minimum, double maximum) {
        return new Field<>(name, Number.class, Schema.of("number").range(minimum, maximum),
                (item, field) -> item.number(field, minimum, maximum), NOT_NULL, null);
    }

    /** An ISO-8601 date-time with an offset, kept to the millisecond. */
    public static Field<Instant> dateTime(String name) {
        return new Field<>(name, Instant.class, new Schema("string", "date-time", null, null, null, null, null, null, null, false, false, null),
                Item::dateTime, NOT_NULL, null);
    }

    /** One of {@code allowed}, compared exactly. */
    public static Field<String> oneOf(String name, Set<String> allowed) {
        return new Field<>(name, String.class, Schema.of("string").allowed(allowed), (item, field) -> item.oneOf(field, allowed), NOT_NULL, null);
    }

    public static Field<Boolean> bool(String name) {
        return new Field<>(name, Boolean.class, Schema.of("boolean"), Item::bool, NOT_NULL, null);
    }

    /** A client-owned object, checked against the contract's limits for free-form data. */
    public static Field<Document> freeForm(String name) {
        return new Field<>(name, Document.class, Schema.of("object"), Item::freeForm, NOT_NULL, null);
    }

    /** An object with fields of its own, read by {@code fields} into a {@code type} record, defaults filled in. */
    public static <R extends Record> Field<R> object(String name, Class<R> type, RuleTable fields) {
        return new Field<>(name, type, Schema.of("object").nested(fields), (item, field) -> {
            Item object = item.object(field);
            return object == null ? null : fields.read(object, type);
        }, NOT_NULL, null);
    }

    /** A non-empty array of distinct strings, each one of {@code allowed}. */
    public static Field<List<String>> strings(String name, Set<String> allowed) {
        return new Field<>(name, List.class, new Schema("array", null, null, null, null, null, new TreeSet<>(allowed), null, null, false, false, null),
                (item, field) -> item.strings(field, allowed), NOT_NULL, null);
    }

    /** Required in a create (and in a single-form object): absent is "is required". */
    public Field<T> required() {
        return new Field<>(name, valueType, schema.withRequired(), reader, nullMessage, defaultValue);
    }

    /** An explicit null is accepted: it clears the field (a create stores null). */
    public Field<T> nullable() {
        return new Field<>(name, valueType, schema.withNullable(), reader, nullMessage, defaultValue);
    }

    /** What an explicit null on this non-nullable field is told, where the contract words it otherwise. */
    public Field<T> nullMessage(String message) {
        return new Field<>(name, valueType, schema, reader, message, defaultValue);
    }

    /**
     * A rule the schema cannot state (checked against the clock, for one): a value it refuses is reported with
     * {@code message}, like any other rule of the field.
     */
    public Field<T> must(java.util.function.Predicate<T> rule, String message) {
        BiFunction<Item, String, @Nullable T> checked = (item, field) -> {
            T value = reader.apply(item, field);
            if (value != null && !rule.test(value)) {
                item.reject(field, message);
                return null;
            }
            return value;
        };
        return new Field<>(name, valueType, schema, checked, nullMessage, defaultValue);
    }

    /** What a create stores when the field is not sent (a fresh value each time, for mutable ones). */
    public Field<T> defaultsTo(Supplier<T> value) {
        T sample = value.get();
        Object shown = sample instanceof String || sample instanceof Number || sample instanceof Boolean ? sample : null;
        return new Field<>(name, valueType, schema.withDefault(shown), reader, nullMessage, value);
    }

    public String name() {
        return name;
    }

    /** The Java type of a valid value: what a request record's component for this field must accept. */
    Class<?> valueType() {
        return valueType;
    }

    /** What the OpenAPI document must say of this field. */
    public Schema schema() {
        return schema;
    }

    @Nullable T read(Item item) {
        return reader.apply(item, name);
    }

    String nullMessage() {
        return nullMessage;
    }

    @Nullable T defaultValue() {
        return defaultValue == null ? null : defaultValue.get();
    }

    /**
     * A field's rules in the terms of an OpenAPI schema: {@code type} and {@code format}, the bounds (null where
     * there is none), the allowed values ({@code enum}, or the items' {@code enum} of an array), whether null is
     * allowed, whether a create needs it, the scalar default, and the rules of a nested object's fields.
     */
    public record Schema(String type, @Nullable String format, @Nullable Double minimum, @Nullable Double maximum,
            @Nullable Integer minLength, @Nullable Integer maxLength, @Nullable Set<String> allowed, @Nullable String pattern,
            @Nullable RuleTable fields, boolean nullable, boolean required, @Nullable Object defaultValue) {

        static Schema of(String type) {
            return new Schema(type, null, null, null, null, null, null, null, null, false, false, null);
        }

        Schema lengths(int min, int max) {
            return new Schema(type, format, minimum, maximum, min == 0 ? null : min, max, allowed, pattern, fields, nullable, required, defaultValue);
        }

        Schema range(double min, double max) {
            return new Schema(type, format, min, max == Double.MAX_VALUE ? null : max, minLength, maxLength, allowed, pattern, fields,
                    nullable, required, defaultValue);
        }

        Schema allowed(Set<String> values) {
            return new Schema(type, format, minimum, maximum, minLength, maxLength, new TreeSet<>(values), pattern, fields, nullable, required, defaultValue);
        }

        Schema pattern(String regex) {
            return new Schema(type, format, minimum, maximum, minLength, maxLength, allowed, regex, fields, nullable, required, defaultValue);
        }

        Schema nested(RuleTable table) {
            return new Schema(type, format, minimum, maximum, minLength, maxLength, allowed, pattern, table, nullable, required, defaultValue);
        }

        Schema withNullable() {
            return new Schema(type, format, minimum, maximum, minLength, maxLength, allowed, pattern, fields, true, required, defaultValue);
        }

        Schema withRequired() {
            return new Schema(type, format, minimum, maximum, minLength, maxLength, allowed, pattern, fields, nullable, true, defaultValue);
        }

        Schema withDefault(@Nullable Object value) {
            return new Schema(type, format, minimum, maximum, minLength, maxLength, allowed, pattern, fields, nullable, required, value);
        }
    }
}
