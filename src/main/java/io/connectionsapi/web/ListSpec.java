package io.connectionsapi.web;

import io.connectionsapi.store.ListQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;

/**
 * What a list endpoint accepts: its filters, the fields clients may compare with operators
 * ({@code field__op=value}), the fields it sorts by, and its tie-break. Every list endpoint declares one of these and
 * parses its query string with {@link #parse}; adding a filter is one {@link Builder#filter} line, letting clients
 * compare a field one {@link Builder#compare} line.
 */
public final class ListSpec {

    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 1000;

    private final Map<String, Filter> filters;
    private final Map<String, Compared> compared;
    private final Set<String> sortable;
    private final String defaultSort;
    private final String tieBreak;
    private final String sortNames;

    private ListSpec(Builder builder) {
        this.filters = Map.copyOf(builder.filters);
        this.compared = Map.copyOf(builder.compared);
        this.sortable = Set.copyOf(builder.sortable);
        this.defaultSort = builder.defaultSort;
        this.tieBreak = builder.tieBreak;
        this.sortNames = String.join(", ", builder.sortable);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Turns the raw query string into a {@link ListQuery}. Unknown and repeated parameters are rejected (a typo in
     * a filter name must not silently widen the result), and so are values outside what each parameter allows.
     */
    public ListQuery parse(MultiValueMap<String, String> parameters) {
        Violations violations = new Violations();
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            boolean known = filters.containsKey(name) || PAGING.contains(name);
            String unknown = known ? null : operatorProblem(name);
            if (unknown != null) {
                violations.add(ErrorDetail.field(name, unknown));
            } else if (parameter.getValue().size() != 1) {
                violations.add(ErrorDetail.field(name, "must be given once"));
            } else {
                values.put(name, parameter.getValue().get(0));
            }
        }
        int skip = integer(values, "skip", 0, 0, Integer.MAX_VALUE - MAX_LIMIT, violations);
        int limit = integer(values, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT, violations);
        String sort = values.getOrDefault("sort", defaultSort);
        if (!sortable.contains(sort)) {
            violations.add(ErrorDetail.field("sort", "must be one of " + sortNames));
        }
        if (values.containsKey("cursor") && values.containsKey("skip")) {
            violations.add(ErrorDetail.field("skip", "cannot be combined with cursor, which says where the page starts"));
        }
        // case-insensitive: clients send DESC and Asc as often as desc (compatibility notes)
        String order = values.getOrDefault("order", "asc").toLowerCase(java.util.Locale.ROOT);
        if (!order.equals("asc") && !order.equals("desc")) {
            violations.add(ErrorDetail.field("order", "must be asc or desc (in any case)"));
        }
        // enumerated values in any case (entity_type=person), before any filter reads another's value
        values.replaceAll((name, value) -> filters.containsKey(name) ? filters.get(name).canonical(value) : value);
        List<Bson> conditions = new ArrayList<>();
        for (Map.Entry<String, String> value : values.entrySet()) {
            Filter filter = filters.get(value.getKey());
            if (filter == null) {
                Bson comparison = comparison(value.getKey(), value.getValue(), violations);
                if (comparison != null) {
                    conditions.add(comparison);
                }
                continue;
            }
            String problem = filter.problem(value.getValue());
            if (problem != null) {
                violations.add(ErrorDetail.field(value.getKey(), problem));
                continue;
            }
            Bson condition = filter.condition().apply(value.getValue(), values);
            if (condition != null) {
                conditions.add(condition);
            }
        }
        violations.throwIfAny();
        boolean ascending = order.equals("asc");
        return new ListQuery(conditions, skip, limit, sort, ascending, order(sort));
    }

    /**
     * The sort field, then for its ties the default sort and the tie-break (each once, and nothing after the
     * tie-break, which is unique).
     */
    List<String> order(String sort) {
        return sort.equals(tieBreak) ? List.of(sort) : new ArrayList<>(new LinkedHashSet<>(List.of(sort, defaultSort, tieBreak)));
    }

    /**
     * Why {@code name}, which is neither a filter nor a paging parameter, is not accepted, or null when it is a
     * comparison this list takes ({@code field__op}).
     */
    private @Nullable String operatorProblem(String name) {
        int split = name.lastIndexOf(OPERATOR_SEPARATOR);
        Compared field = split < 0 ? null : compared.get(name.substring(0, split));
        if (field == null) {
            return "is not a known query parameter; allowed: " + String.join(", ", allowedNames())
                    + (compared.isEmpty() ? "" : ", and field" + OPERATOR_SEPARATOR + "operator with a field of "
                            + String.join(", ", new java.util.TreeSet<>(compared.keySet())));
        }
        String operator = name.substring(split + OPERATOR_SEPARATOR.length());
        if (!Operator.isSpelling(operator) || !field.operators().contains(Operator.bySpelling(operator))) {
            return "has no operator " + operator + "; the operators of " + field.name() + ": " + field.spellings();
        }
        return null;
    }

    /** The condition of a {@code field__op} parameter, or null (and a violation) when its value is wrong. */
    private @Nullable Bson comparison(String name, String value, Violations violations) {
        int split = name.lastIndexOf(OPERATOR_SEPARATOR);
        if (split < 0) {
            return null; // a paging parameter
        }
        Compared field = compared.get(name.substring(0, split));
        try {
            return field.condition(Operator.bySpelling(name.substring(split + OPERATOR_SEPARATOR.length())), value);
        } catch (Compared.Invalid e) {
            violations.add(ErrorDetail.field(name, e.getMessage()));
            return null;
        }
    }

    /** The fields operators may compare, for the test that checks the OpenAPI document lists each. */
    public Map<String, Compared> compared() {
        return compared;
    }

    /** The filter parameters, for the test that finds the index serving each filter and sort. */
    public Set<String> filterNames() {
        return filters.keySet();
    }

    /** The fields a list can be sorted by. */
    public Set<String> sortable() {
        return sortable;
    }

    /** A value the filter accepts, for the same test: its first allowed value, or any text. */
    public String sampleValue(String filter) {
        Set<String> allowed = filters.get(filter).allowedValues();
        return allowed == null ? "sample" : new java.util.TreeSet<>(allowed).first();
    }

    private List<String> allowedNames() {
        List<String> names = new ArrayList<>(new java.util.TreeSet<>(filters.keySet()));
        names.addAll(PAGING);
        return names;
    }

    /** Parameters every list takes besides its filters; {@code fields} is read by {@link Fieldset}. */
    private static final List<String> PAGING = List.of("skip", "limit", "sort", "order", "cursor", Fieldset.PARAMETER);

    /** Between a field and its operator, as CoreData spells it: {@code strength__gte=50}. */
    public static final String OPERATOR_SEPARATOR = "__";

    private static int integer(Map<String, String> values, String name, int fallback, int min, int max,
            Violations violations) {
        String raw = values.get(name);
        if (raw == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.strip().equals(raw) ? raw : "x");
            if (value >= min && value <= max) {
                return (int) value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        violations.add(ErrorDetail.field(name, "must be a whole number between " + min + " and " + max));
        return fallback;
    }

    /**
     * One filter parameter: how its value is checked and the condition it adds. The condition sees every
     * parameter of the request, for filters that combine (an entity ID and type must match on the same side);
     * it returns null when another filter already covers it.
     */
    record Filter(@Nullable Set<String> allowedValues, BiFunction<String, Map<String, String>, @Nullable Bson> condition) {

        /** The allowed value that {@code value} spells in another case, or {@code value} itself. */
        String canonical(String value) {
            return allowedValues == null ? value
                    : allowedValues.stream().filter(value::equalsIgnoreCase).findFirst().orElse(value);
        }

        @Nullable String problem(String value) {
            if (value.isEmpty()) {
                return "must not be empty";
            }
            if (value.codePointCount(0, value.length()) > Item.MAX_ID_LENGTH) { // characters, as writes count them
                return "must be at most " + Item.MAX_ID_LENGTH + " characters long";
            }
            if (allowedValues != null && !allowedValues.contains(value)) {
                return "must be one of " + String.join(", ", new java.util.TreeSet<>(allowedValues));
            }
            return null;
        }
    }

    public static final class Builder {

        private final Map<String, Filter> filters = new LinkedHashMap<>();
        private final Map<String, Compared> compared = new LinkedHashMap<>();
        private final Set<String> sortable = new LinkedHashSet<>();
        private String defaultSort = "created_at";
        private String tieBreak = "_id";

        /** A filter whose value is matched as given (a plain string, never an operator). */
        public Builder filter(String name, BiFunction<String, Map<String, String>, @Nullable Bson> condition) {
            filters.put(name, new Filter(null, condition));
            return this;
        }

        /** A filter whose value must be one of {@code allowedValues}, in any case (the condition gets the allowed spelling). */
        public Builder filter(String name, Set<String> allowedValues,
                BiFunction<String, Map<String, String>, @Nullable Bson> condition) {
            filters.put(name, new Filter(allowedValues, condition));
            return this;
        }

        /** A field clients may compare with {@code field__op=value} ({@link Operator}), typed by {@code field}. */
        public Builder compare(Compared field) {
            compared.put(field.name(), field);
            return this;
        }

        public Builder sortable(String... fields) {
            sortable.addAll(List.of(fields));
            return this;
        }

        public Builder defaultSort(String field) {
            this.defaultSort = field;
            return this;
        }

        /** The unique field that orders equal sort values, so that pages never overlap or skip. */
        public Builder tieBreak(String field) {
            this.tieBreak = field;
            return this;
        }

        public ListSpec build() {
            return new ListSpec(this);
        }
    }
}
