package io.connectionsapi.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.EmptyIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.Page;
import org.jspecify.annotations.Nullable;

/**
 * The embedded store's collections, with one thing mongo-java-server does not do: use a unique index for a query
 * that names more than the index's keys. It only uses an index whose keys are exactly the query's top-level keys,
 * so every query this server sends ({@code tenant_id} and an {@code _id}, in an {@code $and}) scanned the whole
 * collection. Here a query that gives every key of a unique index by equality, or the single key of one by
 * {@code $in} (as {@code _id} lookups do), reads its candidates from that index, and the whole query is matched
 * on them as before: the answer is the same, the tenant condition still applies, only the scan is gone.
 */
final class EmbeddedCollections {

    /** mongo-java-server's own map names (H2Database keeps them private): the same data, the same file layout. */
    private static final String DATA_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";
    /** This server's own map: which maps hold {@link EmbeddedDocumentType} documents or {@link EmbeddedIndexKeyType} keys. */
    static final String FORMATS = "connections-api.formats";
    private static final String KEYS_AS_BSON = "keys-bson-1";
    private static final String DOCUMENTS_AS_BSON = "documents-bson-1";
    private static final int REWRITE_BATCH = 2000;
    /**
     * What a count command of the driver may carry besides its pipeline without changing the answer: the cursor
     * options and the session and cluster fields. A hint, a collation, {@code let} or anything else leaves the
     * count to mongo-java-server.
     */
    private static final Set<String> COUNT_COMMAND_KEYS = Set.of("aggregate", "pipeline", "cursor", "$db", "lsid",
            "$clusterTime", "$readPreference", "txnNumber", "maxTimeMS", "comment", "readConcern");
    /** Beyond this many key combinations a lookup is not worth it; the query scans as before. */
    private static final int MAX_LOOKUPS = 10_000;

    private EmbeddedCollections() {
    }

    /**
     * The store the backend or database being constructed on this thread works on: mongo-java-server's
     * constructors open the existing databases and collections (through the methods overridden here) before a
     * subclass's own fields are set.
     */
    private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();

    /** Constructs what {@code construction} makes with {@code store} known to the methods its constructor calls. */
    static <T> T opening(MVStore store, java.util.function.Supplier<T> construction) {
        MVStore outer = OPENING.get();
        OPENING.set(store);
        try {
            return construction.get();
        } finally {
            if (outer == null) {
                OPENING.remove();
            } else {
                OPENING.set(outer);
            }
        }
    }

    /** The store of a backend or database whose own field may not be set yet. */
    static MVStore store(@Nullable MVStore field) {
        MVStore store = field != null ? field : OPENING.get();
        if (store == null) {
            throw new IllegalStateException("an embedded database is opened outside EmbeddedCollections.opening");
        }
        return store;
    }

    /** A database whose collections are {@link Collection}s. */
    static final class Database extends H2Database {

        private final @Nullable MVStore store;

        private Database(String name, MVStore store, CursorRegistry cursors) {
            super(name, store, cursors);
            this.store = store;
        }

        static Database open(String name, MVStore store, CursorRegistry cursors) {
            return opening(store, () -> new Database(name, store, cursors));
        }

        /**
         * mongo-java-server keeps no secondary indexes (queries scan instead), but on opening one it read the whole
         * collection twice to fill it: at 100,000 connections and 16 indexes, most of a 35 s start. This
         * placeholder says it is not empty, so nothing is read for it; it still finds nothing, as before.
         */
        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                boolean sparse) {
            return new EmptyIndex<>(indexName, keys) {
                @Override
                public boolean isEmpty() {
                    return false;
                }
            };
        }

        /**
         * Rewrites the documents of a collection that an older file holds Java-serialised as BSON, once, a few
         * thousand to a commit, so that its lists do not decode them the slow way until each page happens to be
         * written (3.7-4.6 s a page at 100,000 connections, against 0.3-1.2 s). A collection created now is BSON from
         * the start. Stopped midway, the rewrite continues at the next start; a file may mix both forms. Its commits
         * run only while the store opens ({@code opening}), never inside a request's unit of work.
         */
        private static void rewriteAsBson(MVStore mvStore, MVMap<Object, Document> data, boolean opening) {
            MVMap<String, String> formats = mvStore.openMap(FORMATS);
            if (DOCUMENTS_AS_BSON.equals(formats.get(data.getName()))) {
                return;
            }
            if (data.isEmpty()) {
                formats.put(data.getName(), DOCUMENTS_AS_BSON); // committed with the collection's creation
                return;
            }
            if (!opening) {
                return;
            }
            List<Object> batch = new ArrayList<>(REWRITE_BATCH);
            for (java.util.Iterator<Object> keys = data.keyIterator(null); keys.hasNext(); ) {
                batch.add(keys.next());
                if (batch.size() == REWRITE_BATCH || !keys.hasNext()) {
                    batch.forEach(key -> data.put(key, data.get(key)));
                    mvStore.commit();
                    batch.clear();
                }
            }
            formats.put(data.getName(), DOCUMENTS_AS_BSON);
            mvStore.commit();
            mvStore.sync();
        }

        /**
         * A unique index whose keys are {@link EmbeddedIndexKeyType}'s. One written by mongo-java-server, in the order
         * of its Java-serialised keys, is rebuilt in the new order first, and the rebuilt file committed; the map
         * {@value EmbeddedCollections#FORMATS} records which indexes have been, so that the rebuild runs once.
         */
        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                boolean sparse) {
            MVStore mvStore = store(store);
            String name = getFullCollectionNamespace(collectionName) + "._index_" + indexName; // as H2Database names it
            MVMap<String, String> formats = mvStore.openMap(FORMATS);
            var builder = new MVMap.Builder<KeyValue, Object>().keyType(new EmbeddedIndexKeyType());
            if (!mvStore.hasMap(name) || KEYS_AS_BSON.equals(formats.get(name))) {
                formats.putIfAbsent(name, KEYS_AS_BSON);
                return new UniqueIndex(mvStore.openMap(name, builder), indexName, keys, sparse);
            }
            MVMap<Object, Object> old = mvStore.openMap(name);
            List<Map.Entry<Object, Object>> entries = new ArrayList<>();
            old.entrySet().forEach(entry -> entries.add(new java.util.AbstractMap.SimpleEntry<>(entry)));
            mvStore.removeMap(old);
            MVMap<KeyValue, Object> rebuilt = mvStore.openMap(name, builder);
            entries.forEach(entry -> rebuilt.put((KeyValue) entry.getKey(), entry.getValue()));
            formats.put(name, KEYS_AS_BSON);
            mvStore.commit();
            mvStore.sync();
            return new UniqueIndex(rebuilt, indexName, keys, sparse);
        }

        /**
         * A count that follows a sorted page of the same query is answered from that page's scan, which matched
         * every document to find the page and so counted the matches already: a full page (a list's total) then
         * costs one scan of the collection, not two. Only the driver's {@code countDocuments} shape is answered so
         * ({@code $match}, then an optional {@code $skip} and {@code $limit}, then the {@code $group} of one count),
         * with nothing else in the command that could change the answer, and only while the collection holds what
         * that scan read ({@link Collection#matchesSinceLastScan}); anything else is mongo-java-server's, as before.
         * The answer is the one mongo-java-server's aggregation gives ({@code EmbeddedScanCountTest}).
         */
        @Override
        public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver databaseResolver,
                Oplog oplog) {
            if (command.equalsIgnoreCase("aggregate")) {
                Document counted = countFromLastScan(query);
                if (counted != null) {
                    return counted;
                }
            }
            return super.handleCommand(channel, command, query, databaseResolver, oplog);
        }

        private @Nullable Document countFromLastScan(Document command) {
            if (!COUNT_COMMAND_KEYS.containsAll(command.keySet()) || !(command.get("aggregate") instanceof String name)
                    || !(command.get("pipeline") instanceof List<?> pipeline) || pipeline.size() < 2
                    || !(resolveCollection(name, false) instanceof Collection collection)) {
                return null;
            }
            if (!(pipeline.get(0) instanceof Document first) || first.size() != 1
                    || !(first.get("$match") instanceof Document match)
                    || !(pipeline.get(pipeline.size() - 1) instanceof Document last) || last.size() != 1
                    || !(last.get("$group") instanceof Document group) || group.size() != 2
                    || !(group.get("n") instanceof Document sum) || !sum.equals(new Document("$sum", 1))
                    || !(group.get("_id") instanceof Integer)) {
                return null;
            }
            long skip = 0;
            long limit = Long.MAX_VALUE;
            for (Object stage : pipeline.subList(1, pipeline.size() - 1)) { // a $skip, then a $limit, as the driver
                Long skipped = wholeNumber(stage, "$skip");
                Long limited = wholeNumber(stage, "$limit");
                if (skipped != null && skip == 0 && limit == Long.MAX_VALUE) {
                    skip = skipped;
                } else if (limited != null && limited > 0 && limit == Long.MAX_VALUE) {
                    limit = limited;
                } else {
                    return null;
                }
            }
            Long matches = collection.matchesSinceLastScan(match);
            if (matches == null) {
                return null;
            }
            long n = Math.min(Math.max(matches - skip, 0), limit);
            List<Document> batch = n == 0 ? List.of()
                    : List.of(new Document("_id", group.get("_id")).append("n", n <= Integer.MAX_VALUE ? (Object) (int) n : n));
            Document cursor = new Document("id", 0L).append("ns", getFullCollectionNamespace(name)).append("firstBatch", batch);
            Document response = new Document("cursor", cursor);
            Utils.markOkay(response);
            return response;
        }

        /** The number of a one-field stage such as {@code {$skip: 2}}, if it is a whole number not below 0. */
        private static @Nullable Long wholeNumber(Object stage, String field) {
            return stage instanceof Document only && only.size() == 1 && only.get(field) instanceof Number n
                    && (n instanceof Integer || n instanceof Long) && n.longValue() >= 0 ? n.longValue() : null;
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            MVStore mvStore = store(store);
            String fullName = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> data = mvStore.openMap(DATA_PREFIX + fullName,
                    new MVMap.Builder<Object, Document>().valueType(new EmbeddedDocumentType()));
            rewriteAsBson(mvStore, data, store == null); // null while the database opens with the store
            MVMap<String, Object> meta = mvStore.openMap(META_PREFIX + fullName);
            return new Collection(this, collectionName, options, data, meta, cursorRegistry);
        }
    }

    /** mongo-java-server's {@code H2UniqueIndex} (package-private there), on a map whose key type is given. */
    private static final class UniqueIndex extends AbstractUniqueIndex<Object> {

        private final MVMap<KeyValue, Object> map;

        UniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
            this.map = map;
        }

        @Override
        protected Object removeDocument(KeyValue key) {
            return map.remove(key);
        }

        @Override
        protected boolean putKeyPosition(KeyValue key, Object position) {
            return map.putIfAbsent(key, Missing.ofNullable(position)) == null;
        }

        @Override
        protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
            return map.entrySet();
        }

        @Override
        protected Object getPosition(KeyValue key) {
            return map.get(key);
        }

        @Override
        public long getCount() {
            return map.sizeAsLong();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }
    }

    static final class Collection extends H2Collection {

        private final MVMap<Object, Document> data;
        /** What the last sorted scan counted ({@link #window}); at most one, so it holds no old data for long. */
        private volatile @Nullable ScanCount lastScan;
        /** How many times a sorted page ({@link #window}) or an aggregation read the whole collection. */
        private final LongAdder fullReads = new LongAdder();

        Collection(de.bwaldvogel.mongo.MongoDatabase database, String name, CollectionOptions options,
                MVMap<Object, Document> data, MVMap<String, Object> meta, CursorRegistry cursors) {
            super(database, name, options, data, meta, cursors);
            this.data = data;
        }

        /**
         * How many documents match {@code query}, if the last sorted scan was of the same query and nothing has been
         * written to the collection since: MVStore copies a map's pages on every write, so the root page the scan
         * read is the map's root only while the map holds what it read (a write undone restores that page). The
         * scan's root is held weakly: a root no longer in use is not the current one.
         */
        @Nullable Long matchesSinceLastScan(Document query) {
            ScanCount scan = lastScan;
            return scan != null && scan.root().get() == data.getRootPage() && scan.query().equals(query)
                    ? scan.matches() : null;
        }

        /** A scan's query, its matches, and the root page of the map it read. */
        private record ScanCount(Document query, long matches, WeakReference<Page<Object, Document>> root) {
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                Document fieldSelector) {
            Map<String, Object> conditions = conditions(query);
            for (Index<Object> index : getIndexes()) {
                Iterable<Object> candidates = index.isUnique() ? candidates(index, conditions) : null;
                if (candidates != null) {
                    return matchDocuments(query, candidates, orderBy, skip, limit, batchSize, fieldSelector);
                }
            }
            if (limit > 0 && skip >= 0 && sorted(orderBy)) {
                return window(query, orderBy, skip, limit, batchSize, fieldSelector);
            }
            return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
        }

        /**
         * Every document, read as the caller consumes them. mongo-java-server reads them all into a list first, so
         * an aggregation (a count among them: {@code $match}, then {@code $group}) held the whole collection
         * decoded at once, more than a capped heap has at 100,000 connections; streamed, only the documents the
         * stages keep stay. The map is read as of the moment the reading starts, as the list was.
         */
        @Override
        public Stream<Document> queryAllAsStream() {
            fullReads.increment();
            return streamAllDocumentsWithPosition().map(DocumentWithPosition::getDocument);
        }

        long fullReads() {
            return fullReads.sum();
        }

        /**
         * A sort that orders by fields in a direction each (not {@code $natural}, the map's own order, nor a
         * {@code $meta} sort): anything else is left to mongo-java-server, with its own answers and errors.
         */
        private static boolean sorted(@Nullable Document orderBy) {
            return orderBy != null && !orderBy.isEmpty() && !orderBy.keySet().iterator().next().equals("$natural")
                    && orderBy.values().stream().allMatch(Number.class::isInstance);
        }

        /**
         * A sorted window of a scan, as mongo-java-server answers it (match, a stable sort, skip, limit) but without
         * holding every match: it sorted the whole collection's documents in one list, so a page needed the
         * collection decoded in memory at once (out of memory with a 384 MB heap at 100,000 connections). Here
         * only the first {@code skip + limit} matches are kept, and of each only its sort values and its position;
         * ties keep the scan's order, as the stable sort did. The window's documents are then read by position.
         */
        private QueryResult window(Document query, Document orderBy, int skip, int limit, int batchSize,
                @Nullable Document fieldSelector) {
            List<String> keys = new ArrayList<>(orderBy.keySet());
            List<ValueComparator> directions = keys.stream()
                    .map(key -> ((Number) orderBy.get(key)).intValue() > 0 ? ValueComparator.asc() : ValueComparator.desc())
                    .toList();
            Comparator<SortEntry> order = (a, b) -> {
                for (int i = 0; i < directions.size(); i++) {
                    int compared = directions.get(i).compare(a.values[i], b.values[i]);
                    if (compared != 0) {
                        return compared;
                    }
                }
                return Long.compare(a.sequence, b.sequence);
            };
            long kept = (long) skip + limit;
            PriorityQueue<SortEntry> first = new PriorityQueue<>(order.reversed()); // its head is the last kept
            long[] sequence = {0};
            Page<Object, Document> root = data.getRootPage();
            fullReads.increment();
            streamAllDocumentsWithPosition().forEach(found -> {
                Document document = found.getDocument();
                if (!documentMatchesQuery(document, query)) {
                    return;
                }
                Object[] values = new Object[keys.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = Utils.getSubdocumentValueCollectionAware(document, keys.get(i));
                }
                SortEntry entry = new SortEntry(values, sequence[0]++, found.getPosition());
                if (first.size() < kept) {
                    first.add(entry);
                } else if (order.compare(entry, first.peek()) < 0) {
                    first.poll();
                    first.add(entry);
                }
            });
            if (data.getRootPage() == root) { // read as it stands: no write went between
                lastScan = new ScanCount(query, sequence[0], new WeakReference<>(root));
            }
            List<SortEntry> ordered = new ArrayList<>(first);
            ordered.sort(order);
            Stream<Document> page = ordered.stream().skip(skip).map(entry -> getDocument(entry.position));
            // already matched and ordered: what remains is the projection and the batches, as before
            return matchDocumentsFromStream(page, new Document(), null, 0, 0, batchSize, fieldSelector);
        }

        /** A match's sort values, its place in the scan (which breaks ties) and where its document is. */
        private record SortEntry(Object[] values, long sequence, Object position) {
        }

        /**
         * The positions of the documents the index finds for the query's conditions on its keys, or null when the
         * conditions do not pin every key (an equality, or an {@code $in} of plain values).
         */
        private static @Nullable Iterable<Object> candidates(Index<Object> index, Map<String, Object> conditions) {
            List<List<Object>> valuesPerKey = new ArrayList<>();
            long lookups = 1;
            for (IndexKey key : index.getKeys()) {
                List<Object> values = values(conditions.get(key.getKey()));
                if (values == null) {
                    return null;
                }
                valuesPerKey.add(values);
                lookups *= values.size();
                if (lookups > MAX_LOOKUPS) {
                    return null;
                }
            }
            Set<Object> positions = new LinkedHashSet<>();
            for (Document lookup : combinations(index.getKeys(), valuesPerKey)) {
                if (!index.canHandle(lookup)) {
                    return null;
                }
                index.getPositions(lookup).forEach(positions::add);
            }
            return positions;
        }

        /** Each combination of one value per key, as an equality query on the index's keys. */
        private static List<Document> combinations(List<IndexKey> keys, List<List<Object>> valuesPerKey) {
            List<Document> lookups = new ArrayList<>();
            lookups.add(new Document());
            for (int i = 0; i < keys.size(); i++) {
                List<Document> longer = new ArrayList<>();
                for (Document lookup : lookups) {
                    for (Object value : valuesPerKey.get(i)) {
                        Document next = lookup.clone();
                        next.put(keys.get(i).getKey(), value);
                        longer.add(next);
                    }
                }
                lookups = longer;
            }
            return lookups;
        }

        /** The values a condition allows: one for an equality, the list of an {@code $in}; null for anything else. */
        private static @Nullable List<Object> values(@Nullable Object condition) {
            if (condition == null || condition instanceof List<?>) {
                return null; // absent, or an array equality, which matches by element
            }
            if (de.bwaldvogel.mongo.bson.BsonRegularExpression.isRegularExpression(condition)) {
                return null; // a pattern (startswith, contains) matches many values, which no lookup finds
            }
            if (!(condition instanceof Document document)) {
                return List.of(condition);
            }
            if (document.size() == 1 && document.get("$in") instanceof List<?> in
                    && in.stream().noneMatch(value -> value == null || value instanceof Document || value instanceof List<?>)) {
                return new ArrayList<>(in);
            }
            return null;
        }

        /**
         * The query's top-level conditions, those inside a top-level {@code $and} included; a field named twice is
         * left out (its conditions are only checked by the match).
         */
        private static Map<String, Object> conditions(Document query) {
            Map<String, Object> conditions = new LinkedHashMap<>();
            Set<String> repeated = new LinkedHashSet<>();
            List<Document> parts = new ArrayList<>();
            parts.add(query);
            if (query.get("$and") instanceof List<?> and) {
                and.stream().filter(Document.class::isInstance).map(Document.class::cast).forEach(parts::add);
            }
            for (Document part : parts) {
                part.forEach((field, condition) -> {
                    if (field.startsWith("$")) {
                        return;
                    }
                    if (conditions.putIfAbsent(field, condition) != null) {
                        repeated.add(field);
                    }
                });
            }
            repeated.forEach(conditions::remove);
            return conditions;
        }
    }
}
