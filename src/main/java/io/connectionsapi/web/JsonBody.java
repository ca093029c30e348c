package io.connectionsapi.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A handler parameter read from the request body by {@link JsonBodies}: a {@link JsonBodies.Batch} (whose items go
 * under the first of {@link #value}, or one of the others as an alias) or a {@code JsonNode} object. Spring's
 * {@code @RequestBody} is not used because its failures are framework messages, not the contract's errors.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface JsonBody {

    /** For a batch: the key of its items, then the aliases accepted for it. */
    String[] value() default {};
}
