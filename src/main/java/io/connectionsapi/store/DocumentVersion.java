package io.connectionsapi.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import org.bson.Document;

/**
 * The version of a stored document: a digest of everything stored in it, so that it changes with every change a
 * client could see, including those that leave {@code updated_at} alone (entity data copied into connections).
 * The claim mark that transactions write ({@link References#claim}) is left out: it changes nothing a client sees.
 */
public final class DocumentVersion {

    private DocumentVersion() {
    }

    /** 128 bits of SHA-256 over the document's extended JSON, as 22 URL-safe characters. */
    public static String of(Document stored) {
        Document seen = new Document(stored);
        seen.remove(References.CLAIM);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seen.toJson().getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
