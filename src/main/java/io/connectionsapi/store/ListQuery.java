package io.connectionsapi.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

/**
 * A parsed, validated list request: filter conditions, window and order. {@code order} is the sort field followed
 * by the fields that break its ties: the default sort, then the unique tie-break (equal values come in the default
 * order), which is also the shape of the indexes that serve the sorts.
 * <p>
 * With {@code after} (a keyset cursor: the {@code order} values of the last document already seen) the page starts
 * right after that document whatever was inserted or deleted since, and {@code skip} is only the position the
 * cursor remembers, for the pagination numbers; without it, {@code skip} documents are skipped. {@code counting}
 * says how the total is found when the page cannot tell it ({@link Counting}).
 */
public record ListQuery(List<Bson> conditions, int skip, int limit, String sort, boolean ascending, List<String> order,
        @Nullable List<@Nullable Object> after, Counting counting) {

    public ListQuery(List<Bson> conditions, int skip, int limit, String sort, boolean ascending, List<String> order) {
        this(conditions, skip, limit, sort, ascending, order, null, Counting.EXACT);
    }

    /**
     * How a total is found. {@code EXACT} counts every match (the default, gospace's). {@code ESTIMATED} counts up
     * to a cap and no further, so a count costs at most {@code cap} index keys: below it the total is exact, at it
     * the total is the cap and said not to be exact. {@code NONE} sends no count: the find reads one document more
     * than the page, which tells whether more follow.
     */
    public record Counting(Mode mode, int cap) {

        public static final Counting EXACT = new Counting(Mode.EXACT, Integer.MAX_VALUE);

        public Counting {
            if (cap < 1) {
                throw new IllegalArgumentException("a count cap of " + cap);
            }
        }

        public enum Mode { EXACT, ESTIMATED, NONE }

        /**
         * The most a bounded count counts for a page at {@code skip} that returned {@code returned}: the cap, but
         * never less than one beyond what the page proves, so a count at its bound still says that more follow.
         */
        int bound(int skip, int returned) {
            return (int) Math.min(Integer.MAX_VALUE, Math.max(cap, (long) skip + returned + 1));
        }
    }

    /** The same query, its total found as {@code counting} says. */
    public ListQuery counting(Counting counting) {
        return new ListQuery(conditions, skip, limit, sort, ascending, order, after, counting);
    }

    /** The same query continued after the document whose {@link #order} values are {@code key}, at {@code position}. */
    public ListQuery after(List<@Nullable Object> key, int position) {
        if (key.size() != order.size()) {
            throw new IllegalArgumentException("a key of " + key.size() + " values for an order of " + order.size());
        }
        return new ListQuery(conditions, position, limit, sort, ascending, order,
                java.util.Collections.unmodifiableList(new ArrayList<>(key)), counting);
    }

    /**
     * Runs the query for one tenant: a find whose single batch holds the whole page (the limit is within the batch,
     * so mongod closes the cursor with its first reply), then a count only when the page cannot tell the total. A
     * page shorter than the limit ends the results, so its total is what came before it and what it holds: a
     * lookup by ID or a short filtered list costs one command. A count walks every match (on MongoDB, every index
     * key in the filter's range), which is what makes a full page of a big list dearer than a short one; a bounded
     * count ({@link Counting}) stops after the cap's keys, and without a count the find's one extra document says
     * whether more follow.
     * <p>
     * After a cursor, what came before is the position the cursor remembers: writes since may have moved it, so
     * the numbers of a cursor page are as exact as that, while its documents are exact.
     */
    public Page<Document> run(MongoCollection<Document> collection, String tenantId) {
        List<Bson> found = new ArrayList<>(conditions);
        if (after != null) {
            found.add(keyset(after));
        }
        boolean counted = counting.mode() != Counting.Mode.NONE;
        // without a count, one document beyond the page is what tells whether more follow
        int read = counted ? limit : limit + 1;
        List<Document> items = collection.find(filter(tenantId, found)).sort(sorting()).skip(after == null ? skip : 0)
                .limit(read).batchSize(read).into(new ArrayList<>());
        boolean beyond = items.size() > limit;
        if (beyond) {
            items.remove(items.size() - 1);
        }
        boolean endSeen = !items.isEmpty() && items.size() < limit || items.isEmpty() && skip == 0;
        long total;
        @Nullable Boolean exact;
        switch (counting.mode()) {
            case EXACT -> {
                total = endSeen ? skip + items.size() : collection.countDocuments(filter(tenantId));
                exact = null;
            }
            case ESTIMATED -> {
                int bound = counting.bound(skip, items.size());
                total = endSeen ? skip + items.size()
                        : collection.countDocuments(filter(tenantId), new CountOptions().limit(bound));
                exact = total < bound;
            }
            default -> {
                // nothing beyond the page ends the results, but a skip past the end does not tell where they ended
                exact = !beyond && (!items.isEmpty() || skip == 0 || after != null);
                total = skip + items.size() + (beyond ? 1 : 0);
            }
        }
        boolean more = !items.isEmpty() && skip + items.size() < total;
        return new Page<>(items, skip, total, more ? key(items.get(items.size() - 1)) : null, exact);
    }

    /** The values of {@link #order} in {@code document} (null where a field is unset), which a cursor keeps. */
    public List<@Nullable Object> key(Document document) {
        List<@Nullable Object> key = new ArrayList<>();
        for (String path : order) {
            Object value = document;
            for (String part : path.split("\\.")) {
                value = value instanceof Document inner ? inner.get(part) : null;
            }
            key.add(value);
        }
        return key;
    }

    /**
     * What comes after {@code key} in this order: a later first field, or the same first field and a later second,
     * and so on down to the unique tie-break. Unset fields sort first (as null), as MongoDB sorts them; equality
     * with null matches a field that is null or absent alike.
     */
    private Bson keyset(List<@Nullable Object> key) {
        List<Bson> branches = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            Bson beyond = beyond(order.get(i), key.get(i));
            if (beyond == null) {
                continue;
            }
            List<Bson> parts = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                parts.add(eq(order.get(j), key.get(j)));
            }
            parts.add(beyond);
            branches.add(parts.size() == 1 ? parts.get(0) : and(parts));
        }
        return branches.size() == 1 ? branches.get(0) : Filters.or(branches);
    }

    /** The values after {@code value} in the requested direction, or null when there are none (null, descending). */
    private @Nullable Bson beyond(String path, @Nullable Object value) {
        if (ascending) {
            return value == null ? Filters.ne(path, null) : Filters.gt(path, value);
        }
        return value == null ? null : Filters.or(Filters.lt(path, value), eq(path, null));
    }

    /** The tenant's equality and the request's conditions, without a cursor's position: what a count counts. */
    public Bson filter(String tenantId) {
        return filter(tenantId, conditions);
    }

    /**
     * The tenant's equality first, then the conditions: one document when their fields differ (the usual case), an
     * {@code $and} when two name the same field. MongoDB plans both alike; the embedded store matches a flat
     * document against each of its documents faster than the same conditions in an {@code $and}.
     */
    private static Bson filter(String tenantId, List<Bson> conditions) {
        BsonDocument flat = new BsonDocument("tenant_id", new BsonString(tenantId));
        for (Bson condition : conditions) {
            BsonDocument rendered = condition.toBsonDocument();
            if (rendered.keySet().stream().anyMatch(flat::containsKey)) {
                List<Bson> all = new ArrayList<>();
                all.add(eq("tenant_id", tenantId));
                all.addAll(conditions);
                return and(all);
            }
            flat.putAll(rendered);
        }
        return flat;
    }

    /** Every field of {@link #order} in the requested direction. */
    public Bson sorting() {
        return ascending ? Sorts.ascending(order) : Sorts.descending(order);
    }
}
