package io.connectionsapi.web;

import java.util.Locale;

/**
 * The comparisons a list accepts as {@code field__op=value} (the CoreData spelling). Each becomes a condition built
 * by the driver's {@code Filters} from a typed value ({@link Compared#condition}): what a client sends is never
 * parsed as a query document, so no operator of its own reaches MongoDB.
 */
public enum Operator {
    NE, GT, GTE, LT, LTE, RANGE, IN, NIN, STARTSWITH, CONTAINS, EXISTS;

    /** The suffix that names it in a parameter, after the field and {@code __}. */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Operator bySpelling(String spelling) {
        for (Operator operator : values()) {
            if (operator.spelling().equals(spelling)) {
                return operator;
            }
        }
        throw new IllegalArgumentException(spelling);
    }

    static boolean isSpelling(String spelling) {
        for (Operator operator : values()) {
            if (operator.spelling().equals(spelling)) {
                return true;
            }
        }
        return false;
    }
}
