package io.connectionsapi.web;

import io.connectionsapi.store.ListQuery;
import io.connectionsapi.store.ServerSecrets;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Keyset cursors: where the next page of a list starts, as the sort key of the last document seen, with the
 * position for the pagination numbers, the tenant and a fingerprint of the query (filters, sort, order). The token
 * is that payload (BSON, which keeps the values' types: dates, whole and decimal numbers), readable but signed with HMAC-SHA256 under a secret the store keeps ({@link ServerSecrets}, the
 * same for every instance and restart): a changed token, one of another tenant, or one used with other filters or
 * another sort, is refused before anything in it is used.
 */
@Component
class Cursors {

    /** Longer than any cursor this server writes for keys of IDs and short strings; a bound on what is read. */
    static final int MAX_LENGTH = 4096;

    private static final JsonWriterSettings EXACT = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    private final SecretKeySpec key;

    Cursors(ServerSecrets secrets) {
        this.key = new SecretKeySpec(secrets.get(ServerSecrets.CURSOR_SIGNING), "HmacSHA256");
    }

    /** The cursor for the page after the one whose last document has the sort key {@code lastKey}. */
    String next(String tenantId, ListQuery query, List<@Nullable Object> lastKey, int position) {
        Document payload = new Document("t", tenantId).append("q", fingerprint(query)).append("p", position)
                .append("k", new ArrayList<>(lastKey));
        BasicOutputBuffer bytes = new BasicOutputBuffer();
        new DocumentCodec().encode(new BsonBinaryWriter(bytes), payload, EncoderContext.builder().build());
        String encoded = base64(bytes.toByteArray());
        return encoded + "." + base64(sign(encoded));
    }

    /** {@code query} continued where {@code cursor} points; an {@link ApiException} naming {@code cursor} if it may not be. */
    ListQuery continueAt(String cursor, String tenantId, ListQuery query) {
        int dot = cursor.indexOf('.');
        if (cursor.length() > MAX_LENGTH || dot < 0 || !MessageDigest.isEqual(sign(cursor.substring(0, dot)), decode(cursor.substring(dot + 1)))) {
            throw refused("is not a cursor this server issued, or it was changed");
        }
        // signed by this server, so these are bytes it wrote itself
        Document payload = new RawBsonDocument(decode(cursor.substring(0, dot))).decode(new DocumentCodec());
        if (!tenantId.equals(payload.getString("t"))) {
            throw refused("was not issued to this tenant");
        }
        if (!fingerprint(query).equals(payload.getString("q"))) {
            throw refused("belongs to another query: send the filters, sort and order of the request that returned it");
        }
        @SuppressWarnings("unchecked")
        List<@Nullable Object> lastKey = (List<@Nullable Object>) payload.get("k", List.class);
        if (lastKey.size() != query.order().size()) {
            throw refused("belongs to another query: send the filters, sort and order of the request that returned it");
        }
        return query.after(lastKey, payload.getInteger("p"));
    }

    /** What a page's documents depend on, but not its window: so the limit may change from page to page. */
    private static String fingerprint(ListQuery query) {
        List<String> conditions = new ArrayList<>(query.conditions().stream().map(c -> c.toBsonDocument().toJson(EXACT)).toList());
        conditions.sort(null); // the order of the parameters does not change the results
        String shape = String.join("\n", conditions) + "\n" + query.order() + "\n" + query.ascending();
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(shape.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] decode(String text) {
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static ApiException refused(String message) {
        return ApiException.invalidField("cursor", message);
    }
}
