package io.connectionsapi.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.not;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The checks every rejected request gets, shared by the bad-input tests of all resources. */
public final class ErrorEnvelope {

    /** What must never appear in a response body: class names, stack frames, driver and framework text. */
    public static final List<String> INTERNALS = List.of("Exception", "java.", "javax.", "jakarta.", "com.mongodb", "org.bson",
            "tools.jackson", "com.fasterxml", "org.springframework", "org.apache", "de.bwaldvogel", "Caused by", "\tat ");

    private ErrorEnvelope() {
    }

    /**
     * Asserts the error envelope: status, {@code success: false}, identifier, a message, an {@code errors} array
     * (each entry with a message, and a field starting with its item's path where it has an index), and no
     * internals anywhere in the body.
     */
    public static ValidatableResponse rejected(ValidatableResponse response, int status, String identifier) {
        response.statusCode(status)
                .contentType(ContentType.JSON)
                .body("success", equalTo(false))
                .body("identifier", equalTo(identifier))
                .body("message", instanceOf(String.class))
                .body("message", not(emptyString()))
                .body("errors", instanceOf(List.class))
                .body("data", equalTo(null));
        String body = response.extract().asString();
        for (String internal : INTERNALS) {
            assertThat(body).as("response body leaks internals (%s)", internal).doesNotContain(internal);
        }
        List<Map<String, Object>> errors = response.extract().path("errors");
        for (Map<String, Object> error : errors) {
            assertThat(error.get("message")).as("message of %s", error).isInstanceOf(String.class);
            assertThat((String) error.get("message")).as("message of %s", error).isNotBlank();
            if (error.get("index") != null) {
                assertThat((String) error.get("field")).as("field of %s", error)
                        .matches("[a-z_]+\\[" + error.get("index") + "\\](\\..*)?");
            }
        }
        return response;
    }

    /** Asserts that {@code faults} are among the response's errors, each with exactly that field and index. */
    public static void names(ValidatableResponse response, List<Fault> faults) {
        List<Map<String, Object>> errors = response.extract().path("errors");
        List<Fault> reported = errors.stream()
                .map(error -> new Fault((Integer) error.get("index"), (String) error.get("field"))).toList();
        assertThat(reported).as("errors of %s", response.extract().asString()).containsAll(faults);
    }

    /**
     * The {@code faults} are among the errors, each with exactly that field and index, and no error blames an item
     * the case did not spoil (item 0 of every batch is valid).
     */
    public static void namesOnly(ValidatableResponse response, List<Fault> faults) {
        List<Map<String, Object>> errors = response.extract().path("errors");
        List<Fault> reported = errors.stream()
                .map(error -> new Fault((Integer) error.get("index"), (String) error.get("field"))).toList();
        assertThat(reported).as("errors of %s", response.extract().asString()).containsAll(faults);
        Set<@Nullable Integer> blamed = new HashSet<>();
        faults.forEach(fault -> blamed.add(fault.index()));
        assertThat(reported).as("items blamed in %s", response.extract().asString()).allMatch(fault -> blamed.contains(fault.index()));
    }

    /** One item or field at fault: its batch index (null when no item is) and its full field path. */
    public record Fault(@Nullable Integer index, String field) {
    }

    public static Fault at(int index, String field) {
        return new Fault(index, field);
    }

    public static Fault top(String field) {
        return new Fault(null, field);
    }

    /** A request that must be refused, with the items and fields the refusal must name. */
    public record Case(String name, String method, String path, String body, int status, String identifier, List<Fault> faults) {
        @Override
        public String toString() {
            return name;
        }
    }

    public static Case invalid(String name, String method, String path, Object body, Fault... faults) {
        return new Case(name, method, path, body.toString(), 400, "validation_failed", List.of(faults));
    }

    public static Case refused(String name, String method, String path, Object body, int status, String identifier, Fault... faults) {
        return new Case(name, method, path, body.toString(), status, identifier, List.of(faults));
    }

    /** A JSON object written field by field with raw JSON values, so that any value (1e400, -0, NUL) can be sent. */
    public static final class Obj {
        private final Map<String, String> fields = new java.util.LinkedHashMap<>();

        public Obj with(String key, Object rawValue) {
            fields.put(key, rawValue.toString());
            return this;
        }

        public Obj without(String key) {
            fields.remove(key);
            return this;
        }

        @Override
        public String toString() {
            return fields.entrySet().stream().map(field -> "\"" + field.getKey() + "\":" + field.getValue())
                    .collect(java.util.stream.Collectors.joining(",", "{", "}"));
        }
    }

    public static Obj obj() {
        return new Obj();
    }

    /** A JSON string of {@code text}, written as is (escapes included). */
    public static String str(String text) {
        return "\"" + text + "\"";
    }
}
