package io.connectionsapi.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    public static <T> boolean firstTime(Map<String, T> seen, String id, T value, Item item, List<String> spellings,
            java.util.function.Function<T, Item> itemOf) {
        T first = seen.putIfAbsent(id, value);
        if (first == null) {
            return true;
        }
        String field = spellings.stream().filter(item::has).findFirst().orElse(spellings.get(0));
        item.reject(field, "repeats '" + id + "' of item " + itemOf.apply(first).index());
        return false;
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

    /** A 404 naming every ID of {@code byId} not in {@code found}, if any. */
    public static void requireAll(String resource, String idField, Map<String, Item> byId, java.util.Set<String> found) {
        requireAll(resource, idField, byId, found, item -> item);
    }

    /** A 404 naming every ID of {@code byId} not in {@code found}, if any; {@code itemOf} finds each entry's item. */
    public static <T> void requireAll(String resource, String idField, Map<String, T> byId, java.util.Set<String> found,
            java.util.function.Function<T, Item> itemOf) {
        List<String> unknown = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        byId.forEach((id, entry) -> {
            if (!found.contains(id)) {
                unknown.add(id);
                indexes.add(itemOf.apply(entry).index());
            }
        });
        if (!unknown.isEmpty()) {
            throw ApiException.notFound(resource, idField, unknown, indexes);
        }
    }
}
