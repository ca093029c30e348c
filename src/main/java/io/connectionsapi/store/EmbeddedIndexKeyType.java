package io.connectionsapi.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How the embedded store keeps a unique index's keys: as BSON after a marker byte, ordered by their values.
 *
 * <p>mongo-java-server leaves them to H2's {@link ObjectDataType}, which writes a key with Java serialisation and,
 * as a key is not {@link Comparable}, orders two keys by serialising both: every comparison of a lookup in the
 * B-tree serialised its keys again, and every page read deserialised them. That was 42 % of a write batch's time
 * at 100,000 connections without a cache (a JFR profile: the uniqueness checks before each insert). Here a key is
 * compared value by value with mongo-java-server's own comparison (MongoDB's order of types and values), so keys
 * equal to MongoDB, such as 1 and 1.0, are the same key, as in a MongoDB unique index.
 *
 * <p>The order differs from the old one, so an index written the old way is rebuilt when opened
 * ({@link EmbeddedCollections.Database}). A key BSON cannot carry is written the old way, and read either way.
 */
final class EmbeddedIndexKeyType extends ObjectDataType {

    private static final Comparator<Object> VALUES = ValueComparator.ascWithoutListHandling();

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue left && b instanceof KeyValue right) {
            for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
                int order = VALUES.compare(left.get(i), right.get(i));
                if (order != 0) {
                    return order;
                }
            }
            return Integer.compare(left.size(), right.size());
        }
        return super.compare(a, b);
    }

    @Override
    public void write(WriteBuffer buffer, Object key) {
        if (!(key instanceof KeyValue values)
                || !EmbeddedDocumentType.writeBson(buffer, new Document("k", values.stream().toList()))) {
            super.write(buffer, key);
        }
    }

    @Override
    public Object read(ByteBuffer buffer) {
        Document key = EmbeddedDocumentType.readBson(buffer);
        return key != null ? new KeyValue(new ArrayList<>((List<?>) key.get("k"))) : super.read(buffer);
    }

    @Override
    public int getMemory(Object key) {
        if (key instanceof KeyValue values) {
            long size = 56 + 4L * values.size();
            for (Object value : values) {
                size += EmbeddedDocumentType.memory(value);
            }
            return (int) Math.min(Integer.MAX_VALUE, size);
        }
        return super.getMemory(key);
    }
}
