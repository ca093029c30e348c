package io.connectionsapi.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Client-owned objects stored as given (entity data, label details). They are checked against the contract's
 * limits (16 KiB, nesting depth 8, no key that is empty, starts with {@code $}, contains {@code .} or NUL) so that
 * nothing a client sends can be read by MongoDB as an operator or a path, or fail in the driver.
 */
public final class FreeForm {

    static final int MAX_BYTES = 16 * 1024;
    static final int MAX_DEPTH = 8;

    private FreeForm() {
    }

    static @Nullable Document toDocument(JsonNode object, @Nullable Integer index, String path, Violations violations) {
        if (object.toString().getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            violations.add(new ErrorDetail(index, path, "must be at most 16 KiB of JSON"));
            return null;
        }
        List<ErrorDetail> found = new ArrayList<>();
        Object converted = convert(object, 1, path, index, found);
        if (!found.isEmpty()) {
            found.forEach(violations::add);
            return null;
        }
        return (Document) converted;
    }

    /**
     * Why a document the server puts together from checked parts (a label's name, type and details, which become
     * its directory entry) could not have been sent as free-form data, or null. A client that reads such an entry
     * and sends it back as entity data must not be refused, so it must fit the same limits. The size is that of
     * its compact JSON, as answers show it and a client would send it back.
     */
    public static @Nullable String problem(Document document) {
        if (JsonMapper.shared().writeValueAsBytes(document).length > MAX_BYTES) {
            return "must be at most 16 KiB of JSON";
        }
        if (depth(document) > MAX_DEPTH) {
            return "nests objects and arrays deeper than " + MAX_DEPTH + " levels";
        }
        return null;
    }

    /** Levels of objects and arrays, the outermost being 1, as {@link #convert} counts them. */
    private static int depth(@Nullable Object value) {
        if (value instanceof Map<?, ?> map) {
            return 1 + map.values().stream().mapToInt(FreeForm::depth).max().orElse(0);
        }
        if (value instanceof List<?> list) {
            return 1 + list.stream().mapToInt(FreeForm::depth).max().orElse(0);
        }
        return 0;
    }

    private static @Nullable Object convert(JsonNode node, int depth, String path, @Nullable Integer index,
            List<ErrorDetail> found) {
        if (node.isObject()) {
            if (depth > MAX_DEPTH) {
                found.add(new ErrorDetail(index, path, "nests objects and arrays deeper than " + MAX_DEPTH + " levels"));
                return null;
            }
            Document document = new Document();
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                String key = property.getKey();
                String keyProblem = keyProblem(key);
                if (keyProblem != null) {
                    found.add(new ErrorDetail(index, path, "has a key that " + keyProblem + ": '" + printable(key) + "'"));
                    continue;
                }
                document.put(key, convert(property.getValue(), depth + 1, path + "." + key, index, found));
            }
            return document;
        }
        if (node.isArray()) {
            if (depth > MAX_DEPTH) {
                found.add(new ErrorDetail(index, path, "nests objects and arrays deeper than " + MAX_DEPTH + " levels"));
                return null;
            }
            List<Object> list = new ArrayList<>(node.size());
            int i = 0;
            for (JsonNode element : node.values()) {
                list.add(convert(element, depth + 1, path + "[" + i++ + "]", index, found));
            }
            return list;
        }
        if (node.isNumber()) {
            Number number = Item.Numbers.normalize(node.decimalValue());
            if (number == null) {
                found.add(new ErrorDetail(index, path, "must be a finite number within the range of a 64-bit float"));
            }
            return number;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return null;
    }

    private static @Nullable String keyProblem(String key) {
        if (key.isEmpty()) {
            return "is empty";
        }
        if (key.startsWith("$")) {
            return "starts with $";
        }
        if (key.contains(".")) {
            return "contains a dot";
        }
        if (key.indexOf('\0') >= 0) {
            return "contains a NUL character";
        }
        return null;
    }

    private static String printable(String key) {
        String shown = key.length() > 50 ? key.substring(0, 50) + "…" : key;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
