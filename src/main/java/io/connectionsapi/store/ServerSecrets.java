package io.connectionsapi.store;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Date;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Secrets the server makes for itself, each generated once and kept in the store ({@code server_secrets}), so that
 * every instance on the same database, and every restart, uses the same one: a cursor one instance signed is
 * accepted by the next. Two instances starting together both upsert the same {@code _id}; the one inserted first is
 * the one both read back.
 */
@Component
public class ServerSecrets {

    /** Signs list cursors. */
    public static final String CURSOR_SIGNING = "cursor-signing";

    private final MongoCollection<Document> secrets;

    ServerSecrets(MongoDatabase database) {
        this.secrets = database.getCollection("server_secrets");
    }

    /** The secret named {@code name}: 256 random bits, made the first time any instance asks. */
    public byte[] get(String name) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        Document stored;
        try {
            stored = secrets.findOneAndUpdate(eq("_id", name),
                    Updates.combine(Updates.setOnInsert("secret", Base64.getEncoder().encodeToString(fresh)),
                            Updates.setOnInsert("created_at", new Date())),
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        } catch (MongoException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // another instance inserted it between our look and our insert: theirs is the one
            stored = secrets.find(eq("_id", name)).first();
        }
        return Base64.getDecoder().decode(stored.getString("secret"));
    }
}
