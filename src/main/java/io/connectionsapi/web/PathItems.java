package io.connectionsapi.web;

import io.connectionsapi.store.Page;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The writes on one document named by its path ({@code PUT} and {@code DELETE /connections/v1/connections/{id}}...):
 * a batch of one item, made of the path's ID and the body, so that they take the batch's write path and answer
 * with its envelope; their errors name the fields as the body has them ({@code strength}, not
 * {@code connections[0].strength}).
 */
public final class PathItems {

    private PathItems() {
    }

    /**
     * The body of a {@code PUT} by path (the fields of one batch item) as a batch of one under {@code key}. An ID in
     * the body under one of {@code spellings} must be the path's: another is a 400, never a write to another document.
     */
    public static JsonBodies.Batch update(String key, String id, List<String> spellings, JsonNode body) {
        ObjectNode item = (ObjectNode) body.deepCopy();
        boolean named = false;
        for (String spelling : spellings) {
            JsonNode sent = item.get(spelling);
            if (sent == null) {
                continue;
            }
            if (!sent.isString() || !sent.asString().equals(id)) {
                throw ApiException.invalidField(spelling, "must be the ID in the path ('" + id + "') or left out");
            }
            named = true;
        }
        if (!named) {
            item.put(spellings.get(0), id);
        }
        return new JsonBodies.Batch(key, List.of(item));
    }

    /** A {@code DELETE} by path as a batch of one item under {@code key}, naming {@code id} as {@code idField}. */
    public static JsonBodies.Batch delete(String key, String id, String idField) {
        return new JsonBodies.Batch(key, List.of(JsonNodeFactory.instance.objectNode().put(idField, id)));
    }

    /**
     * The answer of a {@code GET} by path: the document as a page of one in its list's envelope, with the list's
     * {@code fields=}, so that it is what the list filtered by the ID answers.
     */
    public static Envelope one(String identifier, String key, Fieldset fields, MultiValueMap<String, String> query,
            Record view) {
        return Envelope.list(identifier, key, fields.parse(query).apply(new Page<>(List.of(view), 0, 1)));
    }

    /** A {@code GET} by path takes no query parameter: one is refused as the lists refuse unknown ones, not ignored. */
    public static void requireNoQuery(MultiValueMap<String, String> query) {
        for (String name : query.keySet()) {
            if (!name.equals(Fieldset.PARAMETER)) {
                throw ApiException.invalidField(name, "is not a known query parameter; a GET by path takes only "
                        + Fieldset.PARAMETER);
            }
        }
    }

    /** A DELETE by path names its document in the path; a body (a batch sent to the wrong URL?) is refused. */
    public static void requireNoBody(byte @org.jspecify.annotations.Nullable [] body) {
        if (body != null && body.length > 0) {
            throw ApiException.invalidField("body", "must be empty: the path names the document to delete (a batch goes"
                    + " to the collection's URL)");
        }
    }

    /** Runs the write of a batch of one made here, its errors naming what the client sent rather than the batch item. */
    public static <T> T run(String key, Supplier<T> write) {
        try {
            return write.get();
        } catch (ApiException e) {
            String item = key + "[0]";
            List<ErrorDetail> errors = e.errors().stream().map(error -> {
                String field = error.field();
                if (field != null && field.startsWith(item + ".")) {
                    field = field.substring(item.length() + 1);
                } else if (item.equals(field)) {
                    field = "body";
                }
                return new ErrorDetail(null, field, error.message());
            }).toList();
            if (e.code() == ErrorCode.VALIDATION_FAILED) {
                throw ApiException.invalid(errors);
            }
            throw new ApiException(e.code(), e.getMessage(), errors);
        }
    }
}
