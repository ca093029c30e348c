package io.connectionsapi.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import io.connectionsapi.store.TenantCollection;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * How batch items name the document they act on: one ID under any of the accepted spellings
 * ({@code connection_id} or {@code _id}, {@code mapping_id} or {@code label_mapping_id} or {@code _id}...), and
 * no document twice in one batch.
 */
public final class ItemIds {

    private ItemIds() {
    }

    /** The ID the item names under one of {@code spellings} (the first is the one reported when missing). */
    public static @Nullable String of(Item item, List<String> spellings) {
        String found = null;
        String foundUnder = null;
        boolean sent = false;
        for (String spelling : spellings) {
            if (!item.has(spelling)) {
                continue;
            }
            sent = true;
            if (item.isNull(spelling)) {
                item.reject(spelling, "must be an ID, not null");
                return null;
            }
            String id = item.id(spelling);
            if (id == null) {
                return null;
            }
            if (found != null && !found.equals(id)) {
                item.reject(spelling, "names another document than " + foundUnder);
                return null;
            }
            found = id;
            foundUnder = spelling;
        }
        if (!sent) {
            item.reject(spellings.get(0), "is required" + (spellings.size() > 1
                    ? " (or " + String.join(" or ", spellings.subList(1, spellings.size())) + ")" : ""));
        }
        return found;
    }

    /** Reports a second item naming an ID already named in the batch; returns false for it. */
    private static <T> boolean firstTime(Map<String, T> seen, String id, T value, Item item, List<String> spellings,
            Function<T, Item> itemOf) {
        T first = seen.putIfAbsent(id, value);
        if (first == null) {
            return true;
        }
        String field = spellings.stream().filter(item::has).findFirst().orElse(spellings.get(0));
        item.reject(field, "repeats '" + id + "' of item " + itemOf.apply(first).index());
        return false;
    }

    /** A batch item that changes the stored document it names. */
    public interface Change {

        Item item();

        String id();
    }

    /**
     * The changes of an update batch, read by {@code reader}: one per ID, in request order (a second item naming an
     * ID is reported). Problems go to {@code violations}, which the caller throws when it has made its own checks.
     */
    public static <T extends Change> Map<String, T> forUpdate(JsonBodies.Batch batch, List<String> spellings,
            Violations violations, Function<Item, @Nullable T> reader) {
        Map<String, T> byId = new LinkedHashMap<>();
        for (T change : batch.read(violations, reader)) {
            firstTime(byId, change.id(), change, change.item(), spellings, Change::item);
        }
        return byId;
    }

    /**
     * The items of a delete batch, each only an ID: distinct IDs in request order, with their items. Problems go to
     * {@code violations}, which the caller throws when it has made its own checks.
     */
    public static Map<String, Item> forDelete(JsonBodies.Batch batch, List<String> spellings, Violations violations) {
        Map<String, Item> byId = new LinkedHashMap<>();
        batch.read(violations, item -> {
            item.allowOnly(spellings);
            String id = of(item, spellings);
            if (id != null) {
                firstTime(byId, id, item, item, spellings, same -> same);
            }
            return id;
        });
        return byId;
    }

    /** {@link #requireStored} for a delete batch, whose entries are the items themselves. */
    public static Map<String, Document> requireStored(TenantCollection documents, String tenantId, Map<String, Item> byId,
            String resource, String idField) {
        return requireStored(documents, tenantId, byId, resource, idField, item -> item);
    }

    /**
     * The tenant's stored documents that {@code byId} names, by ID, in one query; a 404 naming every unknown ID
     * (and its item, which {@code itemOf} finds for each entry) if any is missing.
     */
    public static <T> Map<String, Document> requireStored(TenantCollection documents, String tenantId, Map<String, T> byId,
            String resource, String idField, Function<T, Item> itemOf) {
        Map<String, Document> found = documents.findByIds(tenantId, byId.keySet());
        List<String> unknown = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        byId.forEach((id, entry) -> {
            if (!found.containsKey(id)) {
                unknown.add(id);
                indexes.add(itemOf.apply(entry).index());
            }
        });
        if (!unknown.isEmpty()) {
            throw ApiException.notFound(resource, idField, unknown, indexes);
        }
        return found;
    }
}
