package io.connectionsapi.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads request bodies itself rather than through data binding, so that every problem (wrong media type, too
 * large, not JSON, duplicate keys, wrong shape) becomes the contract's error, never a framework message.
 */
@Component
public class JsonBodies {

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final LimitsProperties limits;

    JsonBodies(LimitsProperties limits) {
        this.limits = limits;
    }

    /** The batch array under {@code key} (or one of its accepted aliases), checked for size. */
    Batch batch(HttpServletRequest request, String key, String... aliases) {
        JsonNode body = object(request);
        List<String> accepted = new ArrayList<>(List.of(key));
        accepted.addAll(List.of(aliases));
        String present = null;
        Violations violations = new Violations();
        for (String field : body.propertyNames()) {
            if (!accepted.contains(field)) {
                violations.add(ErrorDetail.field(field, "is not a known field; the batch goes under '" + key + "'"));
            } else if (present != null) {
                violations.add(ErrorDetail.field(field, "repeats the batch already sent as '" + present + "'"));
            } else {
                present = field;
            }
        }
        violations.throwIfAny();
        if (present == null) {
            throw ApiException.invalidField(key, "is required: send {\"" + key + "\": [ ... ]}");
        }
        JsonNode items = body.get(present);
        if (!items.isArray()) {
            throw ApiException.invalidField(present, "must be an array");
        }
        if (items.isEmpty()) {
            throw ApiException.invalidField(present, "must not be empty");
        }
        if (items.size() > limits.maxBatchSize()) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "A batch holds at most " + limits.maxBatchSize()
                    + " items; this one has " + items.size() + ".", List.of(ErrorDetail.field(present,
                            "must hold at most " + limits.maxBatchSize() + " items")));
        }
        return new Batch(present, List.copyOf(items.values())); // errors name the items as the client sent them
    }

    /** The body as a JSON object. */
    JsonNode object(HttpServletRequest request) {
        requireJson(request.getContentType());
        byte[] bytes = readLimited(request);
        if (bytes.length == 0) {
            throw ApiException.invalidField("body", "is required: send a JSON object");
        }
        JsonNode body;
        try {
            body = STRICT.readTree(requireUtf8(bytes));
        } catch (StreamReadException e) {
            var location = e.getLocation();
            String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
            String why = e.getMessage() != null && e.getMessage().startsWith("Duplicate Object property")
                    ? "repeats a key" : "is not valid JSON";
            throw ApiException.invalidField("body", why + where);
        } catch (JacksonException e) {
            throw ApiException.invalidField("body", "is not valid JSON");
        }
        if (body == null || !body.isObject()) {
            throw ApiException.invalidField("body", "must be a JSON object");
        }
        return body;
    }

    /**
     * The body itself, once every byte of it is known to be valid UTF-8: malformed bytes are a 400, never silently
     * replaced. Decoded in small pieces that are thrown away, because the parser reads the bytes: a body at the
     * 16 MiB limit would otherwise be held once more as 32 MB of characters and again as a string.
     */
    private static byte[] requireUtf8(byte[] bytes) {
        var decoder = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        var in = java.nio.ByteBuffer.wrap(bytes);
        var piece = java.nio.CharBuffer.allocate(8192);
        java.nio.charset.CoderResult result;
        do {
            piece.clear();
            result = decoder.decode(in, piece, true);
        } while (result.isOverflow());
        if (result.isError() || decoder.flush(piece.clear()).isError()) {
            throw ApiException.invalidField("body", "is not valid UTF-8");
        }
        return bytes;
    }

    /** A 415 unless {@code contentType} is JSON in UTF-8. */
    static void requireJson(@org.jspecify.annotations.Nullable String contentType) {
        if (contentType == null) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the body as JSON with Content-Type: application/json.");
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            if (!MediaType.APPLICATION_JSON.isCompatibleWith(type) || type.isWildcardSubtype()) {
                throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                        "Content-Type " + type.getType() + "/" + type.getSubtype() + " is not supported; use application/json.");
            }
            String charset = type.getParameter("charset");
            if (charset != null && !charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("\"utf-8\"")) {
                throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "JSON bodies must be UTF-8.");
            }
        } catch (InvalidMediaTypeException e) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "The Content-Type header is malformed; use application/json.");
        }
    }

    private byte[] readLimited(HttpServletRequest request) {
        int limit = (int) limits.maxBodySize().toBytes();
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(limit);
        }
        try (InputStream in = request.getInputStream()) {
            if (declared >= 0) { // read into one array of the declared size: readNBytes would hold the body twice
                byte[] bytes = new byte[(int) declared];
                if (in.readNBytes(bytes, 0, bytes.length) < bytes.length) {
                    throw ApiException.invalidField("body", "could not be read completely");
                }
                return bytes;
            }
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw tooLarge(limit);
            }
            return bytes;
        } catch (IOException e) {
            throw ApiException.invalidField("body", "could not be read completely");
        }
    }

    private static ApiException tooLarge(int limit) {
        return new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "A request body may be at most " + limit + " bytes.");
    }

    /** The items of a write request, not yet validated. */
    public record Batch(String key, List<JsonNode> items) {

        public int size() {
            return items.size();
        }

        /**
         * Reads every item with {@code reader}, in request order, keeping the ones it accepts; problems (a non-object
         * item included) go to {@code violations}, which the caller throws once all checks are made.
         */
        public <T> List<T> read(Violations violations, java.util.function.Function<Item, @org.jspecify.annotations.Nullable T> reader) {
            List<T> read = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                Item item = Item.of(items.get(i), key, i, violations);
                T value = item == null ? null : reader.apply(item);
                if (value != null) {
                    read.add(value);
                }
            }
            return read;
        }
    }
}
