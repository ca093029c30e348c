package io.connectionsapi.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;

/**
 * The wire name and the value of a record component, as Jackson sees them: shared by the request records
 * ({@link RecordBinding}) and the views a sparse fieldset picks from ({@link Fieldset}), so that both name a field
 * as the answers do.
 */
final class RecordComponents {

    private RecordComponents() {
    }

    /** Its {@code @JsonProperty} name, else its name in snake_case, as the application's Jackson names it. */
    static String wireName(RecordComponent component) {
        JsonProperty property = component.getAnnotation(JsonProperty.class);
        if (property == null) {
            property = component.getAccessor().getAnnotation(JsonProperty.class);
        }
        return property != null && !property.value().isEmpty() ? property.value()
                : PropertyNamingStrategies.SNAKE_CASE.nameForField(null, null, component.getName());
    }

    /** Its value in {@code record}: the records are package-private to their resource, hence the accessibility. */
    static @Nullable Object value(RecordComponent component, Record record) {
        try {
            var accessor = component.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read " + component + " of " + record.getClass(), e);
        }
    }
}
