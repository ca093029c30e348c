package io.connectionsapi.store;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.jspecify.annotations.Nullable;

/**
 * How the embedded store keeps a collection's documents in its file: as BSON, MongoDB's own format, after a
 * marker byte.
 *
 * <p>mongo-java-server's H2 backend leaves them to H2's {@link ObjectDataType}, which writes a document with Java
 * serialisation. Two costs followed, both at 100,000 connections. Reading the collection back, which every list
 * page does on this store, took 1.4-1.6 s a scan, against 0.2 s for the same documents as BSON; seeding 100,000
 * connections took 51-75 s, now 32-44 s with a cache. And H2 sizes a serialised object by a running average of what
 * it last wrote, so the cache's limit was a guess: half the real size for ordinary documents, many times it after a
 * batch of large ones. Here a document is sized by its content.
 *
 * <p>Files written before this format keep working: a value without the marker is read as H2 wrote it, and is
 * written as BSON the next time its page is written. A value that BSON cannot carry (none that a client can send)
 * is written the old way too. A file with BSON documents cannot be read by a server older than this class.
 */
final class EmbeddedDocumentType extends ObjectDataType {

    /** Never the first byte of a value {@link ObjectDataType} wrote: its type tags are 0-119. */
    static final byte BSON = (byte) 0xB5;

    @Override
    public void write(WriteBuffer buffer, Object value) {
        if (!(value instanceof Document document) || !writeBson(buffer, document)) {
            super.write(buffer, value);
        }
    }

    @Override
    public Object read(ByteBuffer buffer) {
        Document document = readBson(buffer);
        return document != null ? document : super.read(buffer);
    }

    /** Writes the marker and {@code document} as BSON; false, with nothing written, if BSON cannot carry it. */
    static boolean writeBson(WriteBuffer buffer, Document document) {
        ByteBuf bson = Unpooled.buffer(512);
        try {
            try {
                BsonEncoder.encodeDocument(document, bson);
            } catch (RuntimeException notBson) {
                return false;
            }
            buffer.put(BSON).put(bson.nioBuffer());
            return true;
        } finally {
            bson.release();
        }
    }

    /** The BSON document at the buffer's position, read past; null, with nothing read, if it is not marked as one. */
    static @Nullable Document readBson(ByteBuffer buffer) {
        int start = buffer.position();
        if (buffer.get(start) != BSON) {
            return null;
        }
        int length = Integer.reverseBytes(buffer.getInt(start + 1)); // BSON's length prefix is little-endian
        Document document = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(buffer.slice(start + 1, length)));
        buffer.position(start + 1 + length);
        return document;
    }

    /**
     * What {@code value} takes on the heap once decoded, roughly (64-bit JVM, compressed references, Latin-1
     * strings), so that the cache's limit is one in real memory.
     */
    @Override
    public int getMemory(Object value) {
        return (int) Math.min(Integer.MAX_VALUE, memory(value));
    }

    static long memory(Object value) {
        if (value instanceof Document document) {
            long size = 72 + 8L * document.size(); // the map, its table at its usual load
            for (Map.Entry<String, Object> entry : document.entrySet()) {
                size += 40 + memory(entry.getKey()) + memory(entry.getValue()); // an entry of the linked map
            }
            return size;
        }
        if (value instanceof CharSequence text) {
            return 48 + text.length();
        }
        if (value instanceof Collection<?> list) {
            long size = 40 + 4L * list.size();
            for (Object element : list) {
                size += memory(element);
            }
            return size;
        }
        if (value instanceof byte[] bytes) {
            return 16 + bytes.length;
        }
        return value == null || value instanceof Boolean ? 0 : 24; // numbers, dates, IDs; null and booleans are shared
    }
}
