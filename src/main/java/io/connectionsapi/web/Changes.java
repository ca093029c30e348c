package io.connectionsapi.web;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bson.Document;

/**
 * A batch of changes to stored documents, in request order: each item, its document as stored and as it will be,
 * and its {@code $set} (with {@code updated_at}). The checks made before writing (unique keys, references) read
 * the documents as they will be; the originals put things back where a write must be undone by hand.
 */
public record Changes(List<Item> items, List<Document> originals, List<Document> changed, Map<String, Document> setsById) {

    /** The changes of {@code byId} (one per document) to {@code stored}, each setting what {@code setsOf} says. */
    public static <T extends ItemIds.Change> Changes of(Map<String, T> byId, Map<String, Document> stored,
            Function<T, Document> setsOf) {
        Date now = new Date();
        Changes changes = new Changes(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new LinkedHashMap<>());
        byId.forEach((id, entry) -> {
            Document original = stored.get(id);
            Document sets = new Document(setsOf.apply(entry)).append(CommonFields.UPDATED_AT, now);
            Document changed = new Document(original);
            changed.putAll(sets);
            changes.items().add(entry.item());
            changes.originals().add(original);
            changes.changed().add(changed);
            changes.setsById().put(id, sets);
        });
        return changes;
    }
}
