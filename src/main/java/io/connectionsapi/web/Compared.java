package io.connectionsapi.web;

import static io.connectionsapi.web.Operator.*;

import com.mongodb.client.model.Filters;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

/**
 * A field a list lets clients compare with {@link Operator}s: its parameter name, where it is stored, and its type,
 * which decides the operators it takes and how their values are read. Values become numbers, dates ({@link Date}, as
 * the store keeps them), strings or booleans before any condition is built, so a number is compared as a number and
 * a date as a date. Declared one line per field next to a list's other filters ({@link ListSpec.Builder#compare}).
 */
public record Compared(String name, String path, Type type, @Nullable Set<String> allowedValues,
        UnaryOperator<String> normalize) {

    /** How long a {@code startswith} or {@code contains} value may be: a pattern is matched against every document. */
    public static final int MAX_PATTERN_LENGTH = 200;
    /** How long any other string value may be (the longest stored string a list can compare). */
    public static final int MAX_VALUE_LENGTH = 1000;
    /** How many values an {@code in} or {@code nin} list may hold. */
    public static final int MAX_LIST_SIZE = 100;

    public enum Type {
        NUMBER(EnumSet.of(NE, GT, GTE, LT, LTE, RANGE, IN, NIN, EXISTS), "a number"),
        DATE(EnumSet.of(NE, GT, GTE, LT, LTE, RANGE, IN, NIN, EXISTS), "an ISO-8601 date-time with a time zone, such as 2026-11-24T10:00:00Z"),
        STRING(EnumSet.allOf(Operator.class), "a string"),
        ENUM(EnumSet.of(NE, IN, NIN, EXISTS), "one of the allowed values"),
        BOOLEAN(EnumSet.of(NE, IN, NIN, EXISTS), "true or false");

        private final Set<Operator> operators;
        private final String described;

        Type(Set<Operator> operators, String described) {
            this.operators = operators;
            this.described = described;
        }

        public Set<Operator> operators() {
            return operators;
        }
    }

    public static Compared number(String name) {
        return new Compared(name, name, Type.NUMBER, null, UnaryOperator.identity());
    }

    public static Compared date(String name) {
        return new Compared(name, name, Type.DATE, null, UnaryOperator.identity());
    }

    public static Compared string(String name) {
        return new Compared(name, name, Type.STRING, null, UnaryOperator.identity());
    }

    public static Compared oneOf(String name, Set<String> allowedValues) {
        return new Compared(name, name, Type.ENUM, Set.copyOf(allowedValues), UnaryOperator.identity());
    }

    public static Compared bool(String name) {
        return new Compared(name, name, Type.BOOLEAN, null, UnaryOperator.identity());
    }

    /** The same field stored under another path (a key kept for case-insensitive matching, say). */
    public Compared storedAt(String storedPath) {
        return new Compared(name, storedPath, type, allowedValues, normalize);
    }

    /** String values go through {@code normalizer} before they are compared, as the stored values did. */
    public Compared normalizedBy(UnaryOperator<String> normalizer) {
        return new Compared(name, path, type, allowedValues, normalizer);
    }

    public Set<Operator> operators() {
        return type.operators;
    }

    /** The condition for {@code name__operator=raw}; an {@link Invalid} says what is wrong with it. */
    Bson condition(Operator operator, String raw) {
        if (!type.operators.contains(operator)) {
            throw new Invalid("is not an operator of " + name + "; allowed: " + spellings());
        }
        if (raw.isEmpty()) {
            throw new Invalid("must not be empty");
        }
        return switch (operator) {
            case NE -> Filters.ne(path, value(raw));
            case GT -> Filters.gt(path, value(raw));
            case GTE -> Filters.gte(path, value(raw));
            case LT -> Filters.lt(path, value(raw));
            case LTE -> Filters.lte(path, value(raw));
            case IN -> Filters.in(path, list(raw));
            case NIN -> Filters.nin(path, list(raw));
            case RANGE -> range(raw);
            case STARTSWITH -> Filters.regex(path, "^" + literal(raw));
            case CONTAINS -> Filters.regex(path, literal(raw));
            case EXISTS -> switch (raw) {
                // an unset field is stored as null or left out: both are "not there", both ways round
                case "true" -> Filters.ne(path, null);
                case "false" -> Filters.eq(path, null);
                default -> throw new Invalid("must be true or false");
            };
        };
    }

    /** The operators' spellings, for the messages that list what is allowed. */
    public String spellings() {
        return String.join(", ", type.operators.stream().map(Operator::spelling).toList());
    }

    private Bson range(String raw) {
        String[] bounds = raw.split(",", -1);
        if (bounds.length != 2) {
            throw new Invalid("must be two values separated by a comma, low,high");
        }
        Object low = value(bounds[0]);
        Object high = value(bounds[1]);
        if (compare(low, high) > 0) {
            throw new Invalid("must be low,high with low at most high");
        }
        return Filters.and(Filters.gte(path, low), Filters.lte(path, high));
    }

    private List<Object> list(String raw) {
        String[] items = raw.split(",", -1);
        if (items.length > MAX_LIST_SIZE) {
            throw new Invalid("must be at most " + MAX_LIST_SIZE + " comma-separated values");
        }
        List<Object> values = new ArrayList<>();
        for (String item : items) {
            values.add(value(item));
        }
        return values;
    }

    /** One value, typed. */
    private Object value(String raw) {
        if (raw.isEmpty()) {
            throw new Invalid("must not hold an empty value");
        }
        return switch (type) {
            case NUMBER -> numberValue(raw);
            case DATE -> dateValue(raw);
            case BOOLEAN -> switch (raw) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new Invalid("must be " + type.described);
            };
            case ENUM -> {
                if (!allowedValues.contains(raw)) {
                    throw new Invalid("must hold only " + String.join(", ", new TreeSet<>(allowedValues)));
                }
                yield raw;
            }
            case STRING -> {
                if (raw.codePointCount(0, raw.length()) > MAX_VALUE_LENGTH) {
                    throw new Invalid("must hold values of at most " + MAX_VALUE_LENGTH + " characters");
                }
                yield normalize.apply(raw);
            }
        };
    }

    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,30}(\\.\\d{1,30})?([eE][-+]?\\d{1,3})?");

    /** Whole numbers as longs and the rest as doubles, which MongoDB compares with stored numbers of either kind. */
    private Object numberValue(String raw) {
        if (!NUMBER.matcher(raw).matches()) {
            throw new Invalid("must be " + type.described);
        }
        BigDecimal decimal = new BigDecimal(raw);
        try {
            return decimal.longValueExact();
        } catch (ArithmeticException notWhole) {
            double value = decimal.doubleValue();
            if (Double.isInfinite(value)) {
                throw new Invalid("must be " + type.described);
            }
            return value;
        }
    }

    private Object dateValue(String raw) {
        try {
            return Date.from(OffsetDateTime.parse(raw).toInstant());
        } catch (DateTimeParseException | ArithmeticException | IllegalArgumentException e) { // past what a date holds
            throw new Invalid("must be " + type.described);
        }
    }

    /**
     * The value as a pattern that matches it literally: every ASCII character but letters and digits escaped with a
     * backslash, which both MongoDB's PCRE and Java's regex (the embedded store) read as that character itself.
     */
    private String literal(String raw) {
        if (raw.codePointCount(0, raw.length()) > MAX_PATTERN_LENGTH) {
            throw new Invalid("must be at most " + MAX_PATTERN_LENGTH + " characters long");
        }
        if (raw.chars().anyMatch(Character::isISOControl)) {
            throw new Invalid("must not contain control characters");
        }
        StringBuilder pattern = new StringBuilder();
        normalize.apply(raw).codePoints().forEach(c -> {
            if (c < 0x80 && !Character.isLetterOrDigit(c)) {
                pattern.append('\\');
            }
            pattern.appendCodePoint(c);
        });
        return pattern.toString();
    }

    /** What is wrong with a value, worded for the client: only these messages reach the answer. */
    static final class Invalid extends RuntimeException {

        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    @SuppressWarnings("unchecked")
    private static int compare(Object low, Object high) {
        if (low instanceof Number a && high instanceof Number b) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString()));
        }
        return Comparator.<Comparable<Object>>naturalOrder().compare((Comparable<Object>) low, (Comparable<Object>) high);
    }
}
