package io.connectionsapi.web;

import io.connectionsapi.store.Page;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;

/**
 * Sparse fieldsets: the {@code fields} query parameter of a list ({@code fields=strength,connection_to_entity.connection_entity_id})
 * keeps only those fields of each item, and always its ID. The names are those of the answer's view record, a
 * nested record's fields named with a dot; free-form objects ({@code details}, {@code connection_entity_data}) are
 * kept or dropped whole.
 *
 * <p>The fields are picked from the views, not projected in the store query: views derive fields from others (a
 * label's {@code entity_data} and {@code connection_entity_id}, a mapping's OpenAPI twins), so a projection would
 * have to know each view's sources. The page sent is smaller; the documents read are the same.
 */
public final class Fieldset {

    public static final String PARAMETER = "fields";

    private final String id;
    /** Every name a client may ask for, in the order the view shows them. */
    private final Set<String> names;

    private Fieldset(Class<? extends Record> view, String id) {
        this.id = id;
        this.names = new LinkedHashSet<>();
        collect(view, "", names);
        if (!names.contains(id)) {
            throw new IllegalArgumentException(view + " has no field " + id);
        }
    }

    /** The fields of {@code view}, of which {@code _id} is always kept. */
    public static Fieldset of(Class<? extends Record> view) {
        return new Fieldset(view, "_id");
    }

    /** The fields of {@code view}, of which {@code id} is always kept. */
    public static Fieldset of(Class<? extends Record> view, String id) {
        return new Fieldset(view, id);
    }

    /**
     * The fields the query asks for: every field when it does not ask. A name that is not a field is a {@code 400}
     * naming the parameter and the allowed names ({@link ListSpec} checks that the parameter is given once), before
     * anything is read.
     */
    public Selection parse(MultiValueMap<String, String> query) {
        List<String> values = query.get(PARAMETER);
        return new Selection(values == null || values.size() != 1 ? null : parse(values.get(0)));
    }

    /** Which fields of a page's items to send; {@code null}: all of them. */
    public record Selection(@Nullable Set<String> wanted) {

        public Page<?> apply(Page<? extends Record> page) {
            Set<String> fields = wanted;
            return fields == null ? page : page.map(item -> pick(item, "", fields));
        }
    }

    Set<String> parse(String value) {
        Set<String> wanted = new LinkedHashSet<>();
        wanted.add(id);
        List<String> unknown = new ArrayList<>();
        for (String name : value.split(",", -1)) {
            String field = name.strip();
            if (names.contains(field)) {
                wanted.add(field);
            } else {
                unknown.add("'" + (field.length() > 50 ? field.substring(0, 50) + "…" : field) + "'");
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiException.invalidField(PARAMETER, "names no field " + String.join(", ", unknown)
                    + "; a comma-separated list of: " + String.join(", ", names));
        }
        return wanted;
    }

    /** A field is kept when it is asked for, or when one of its nested fields is (then only those). */
    private static Map<String, Object> pick(Record item, String prefix, Set<String> wanted) {
        Map<String, Object> picked = new LinkedHashMap<>();
        for (RecordComponent component : item.getClass().getRecordComponents()) {
            String name = prefix + RecordComponents.wireName(component);
            Object value = RecordComponents.value(component, item);
            if (value == null) {
                continue; // as the views leave unset fields out
            }
            String key = name.substring(prefix.length());
            if (wanted.contains(name)) {
                picked.put(key, value);
            } else if (value instanceof Record nested && wanted.stream().anyMatch(field -> field.startsWith(name + "."))) {
                Map<String, Object> fields = pick(nested, name + ".", wanted);
                if (!fields.isEmpty()) { // only unset fields asked for: left out like them
                    picked.put(key, fields);
                }
            }
        }
        return picked;
    }

    private static void collect(Class<?> view, String prefix, Set<String> names) {
        for (RecordComponent component : view.getRecordComponents()) {
            String name = prefix + RecordComponents.wireName(component);
            names.add(name);
            if (component.getType().isRecord()) {
                collect(component.getType(), name + ".", names);
            }
        }
    }
}
