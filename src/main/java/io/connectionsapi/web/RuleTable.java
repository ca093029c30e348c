package io.connectionsapi.web;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * A resource's fields and their rules, declared once: the reader of its requests, its writes (which store every
 * field, or its default) and the test that holds the OpenAPI document to the same rules all use this table.
 *
 * <p>Why not Bean Validation on request records: the contract reports every problem of a whole batch at once,
 * each under its item's index and full path ({@code connections[3].strength}), names unknown fields, and tells
 * an explicit {@code null} (which clears a field in a PUT) from a field not sent. Binding JSON to a record loses
 * the last two and stops at the first type error, so the table reads the JSON tree itself and reports through
 * the batch's {@link Violations}, then hands the valid values to the resource's request record (its components
 * named as the fields, {@link RecordBinding}). Fields whose rules need more than one value or stored state (from and to
 * differ, starts before ends, the entity sides) are read by hand around the table and named in
 * {@link #createAlso}/{@link #updateAlso}, so that unknown-field checks and the OpenAPI check still see them.
 */
public final class RuleTable {

    /** Assigned by the server: a create that sends it is refused with its own message. */
    static final String SERVER_ID = "_id";

    private final List<Field<?>> fields;
    private final List<String> createAlso;
    private final List<String> updateAlso;

    private RuleTable(List<Field<?>> fields, List<String> createAlso, List<String> updateAlso) {
        this.fields = fields;
        this.createAlso = createAlso;
        this.updateAlso = updateAlso;
    }

    public static RuleTable of(Field<?>... fields) {
        return new RuleTable(List.of(fields), List.of(), List.of());
    }

    /** Fields a create (or a single-form object) accepts that its resource reads by hand. */
    public RuleTable createAlso(List<String> names) {
        return new RuleTable(fields, List.copyOf(names), updateAlso);
    }

    /** Fields an update accepts that its resource reads by hand (the spellings of the document's ID, for one). */
    public RuleTable updateAlso(List<String> names) {
        return new RuleTable(fields, createAlso, List.copyOf(names));
    }

    public List<Field<?>> fields() {
        return fields;
    }

    public List<String> createAlso() {
        return createAlso;
    }

    public List<String> updateAlso() {
        return updateAlso;
    }

    /**
     * A create item as a {@code type} record: no {@code _id}, no unknown field, the required ones sent, every value
     * valid, defaults filled in; null when the item has problems (all of them reported).
     */
    public <R extends Record> @Nullable R create(Item item, Class<R> type) {
        if (item.has(SERVER_ID)) {
            item.reject(SERVER_ID, "is assigned by the server and must not be sent");
        }
        item.allowOnly(Stream.concat(names(createAlso).stream(), Stream.of(SERVER_ID)).toList());
        requireSent(item);
        return bind(values(item), type);
    }

    /**
     * An update item as a {@code type} record of {@link Sent} components: only the fields sent, each valid, a null
     * clearing a nullable field; null when the item has problems (all of them reported).
     */
    public <R extends Record> @Nullable R update(Item item, Class<R> type) {
        item.allowOnly(names(updateAlso));
        return bind(values(item), type);
    }

    /** An object sent whole (an entity, a new API key, label flags): no unknown field, the required ones sent. */
    public <R extends Record> @Nullable R read(Item item, Class<R> type) {
        item.allowOnly(names(createAlso));
        requireSent(item);
        return bind(values(item), type);
    }

    /** What the store keeps of a request record: every field of a create, the fields sent of an update. */
    public static Document stored(Record request) {
        return RecordBinding.stored(request);
    }

    private <R extends Record> @Nullable R bind(Values values, Class<R> type) {
        RecordBinding<R> binding = RecordBinding.of(type, this); // checked even when this item is invalid
        return values.valid() ? binding.bind(values) : null;
    }

    private List<String> names(List<String> also) {
        List<String> names = new ArrayList<>();
        fields.forEach(field -> names.add(field.name()));
        names.addAll(also);
        return names;
    }

    private void requireSent(Item item) {
        for (Field<?> field : fields) {
            if (field.schema().required() && !item.has(field.name())) {
                item.reject(field.name(), "is required");
            }
        }
    }

    /** Every null where null is not allowed first, then each field's own rules, all reported. */
    private Values values(Item item) {
        for (Field<?> field : fields) {
            if (!field.schema().nullable() && item.isNull(field.name())) {
                item.reject(field.name(), field.nullMessage());
            }
        }
        Values values = new Values();
        for (Field<?> field : fields) {
            if (item.has(field.name())) {
                values.put(field, field.read(item), item.isNull(field.name()));
            }
        }
        return values;
    }
}
