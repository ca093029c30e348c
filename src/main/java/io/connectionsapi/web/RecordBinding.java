package io.connectionsapi.web;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * Binds the values a {@link RuleTable} read to a request record, and a request record back to the document the
 * store keeps. A component matches the field whose wire name is its own in snake_case ({@code startsAt} is
 * {@code starts_at}); in an update record every component is a {@link Sent} of the field's type.
 *
 * <p>Why by hand rather than Jackson's record binding: the values were read (and their problems reported, all of
 * them, under the item's path) by the table, so what is left is to call the canonical constructor; and the check
 * that every field of the table has a component of its type, and every component a field, runs once per record
 * type, so that a field added to one and not the other fails the first test that reads such a request.
 */
final class RecordBinding<R extends Record> {

    private static final ClassValue<Map<RuleTable, RecordBinding<?>>> BINDINGS = new ClassValue<>() {
        @Override
        protected Map<RuleTable, RecordBinding<?>> computeValue(Class<?> type) {
            return new java.util.concurrent.ConcurrentHashMap<>();
        }
    };

    private final Constructor<R> constructor;
    private final List<Field<?>> fields = new ArrayList<>();
    private final boolean update;

    private RecordBinding(Class<R> type, RuleTable table) {
        RecordComponent[] components = type.getRecordComponents();
        Map<String, Field<?>> byName = new LinkedHashMap<>();
        table.fields().forEach(field -> byName.put(field.name(), field));
        Set<String> missing = new TreeSet<>(byName.keySet());
        Class<?>[] parameterTypes = new Class<?>[components.length];
        boolean anySent = false;
        boolean allSent = true;
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            parameterTypes[i] = component.getType();
            String name = RecordComponents.wireName(component);
            Field<?> field = byName.get(name);
            if (field == null) {
                throw new IllegalStateException(type.getName() + "." + component.getName() + " has no field '" + name
                        + "' in its rule table");
            }
            missing.remove(name);
            boolean sent = component.getType() == Sent.class;
            anySent |= sent;
            allSent &= sent;
            Class<?> valueType = sent ? typeArgument(component.getGenericType()) : boxed(component.getType());
            if (!valueType.isAssignableFrom(field.valueType())) {
                throw new IllegalStateException(type.getName() + "." + component.getName() + " is a " + valueType.getSimpleName()
                        + "; its field '" + name + "' reads a " + field.valueType().getSimpleName());
            }
            fields.add(field);
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(type.getName() + " has no component for the fields " + missing);
        }
        if (anySent && !allSent) {
            throw new IllegalStateException(type.getName() + " mixes Sent components (an update) with plain ones (a create)");
        }
        this.update = anySent;
        try {
            this.constructor = type.getDeclaredConstructor(parameterTypes);
            this.constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static <R extends Record> RecordBinding<R> of(Class<R> type, RuleTable table) {
        return (RecordBinding<R>) BINDINGS.get(type).computeIfAbsent(table, t -> new RecordBinding<>(type, t));
    }

    /** The record of valid values: in a create, every field (its default when not sent); in an update, what was sent. */
    R bind(Values values) {
        Object[] arguments = new Object[fields.size()];
        for (int i = 0; i < arguments.length; i++) {
            Field<?> field = fields.get(i);
            arguments[i] = update ? (values.has(field) ? Sent.of(values.get(field)) : Sent.absent()) : values.getOrDefault(field);
        }
        try {
            return constructor.newInstance(arguments);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The document the store keeps: every component of a create; the fields sent of an update (its {@code $set}). */
    static Document stored(Record request) {
        Document document = new Document();
        for (RecordComponent component : request.getClass().getRecordComponents()) {
            Object value = RecordComponents.value(component, request);
            if (value instanceof Sent<?> sent) {
                if (!sent.sent()) {
                    continue;
                }
                value = sent.value();
            }
            document.append(RecordComponents.wireName(component), stored(value));
        }
        return document;
    }

    /** Dates are stored as BSON dates (which the driver reads back as {@link Date}), nested records as documents. */
    private static @Nullable Object stored(@Nullable Object value) {
        if (value instanceof Instant instant) {
            return Date.from(instant);
        }
        return value instanceof Record nested ? stored(nested) : value;
    }

    private static Class<?> typeArgument(Type type) {
        Type argument = type instanceof ParameterizedType parameterized ? parameterized.getActualTypeArguments()[0] : Object.class;
        if (argument instanceof ParameterizedType parameterized) {
            argument = parameterized.getRawType();
        }
        return argument instanceof Class<?> raw ? raw : Object.class;
    }

    private static Class<?> boxed(Class<?> type) {
        return type == boolean.class ? Boolean.class : type;
    }
}
