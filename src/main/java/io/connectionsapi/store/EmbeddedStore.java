package io.connectionsapi.store;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.jspecify.annotations.Nullable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MongoDB-wire-compatible server inside this process (mongo-java-server on its H2 backend), listening on a
 * free loopback port, so that the server runs with nothing else installed and keeps its data in one file.
 */
public final class EmbeddedStore implements AutoCloseable {

    private final MVStore mvStore;
    private final H2Backend backend;
    private final MongoServer server;
    private final InetSocketAddress address;
    private final Path file;

    private EmbeddedStore(Path file, boolean testCommands) {
        this.file = file;
        // Nothing reaches the file but what commit() writes: no background writer (delay 0) and no commit when
        // unsaved changes pile up (buffer 0), so a crash loses exactly the requests that were never answered.
        // Commits run on request and scheduler threads, which may be interrupted (shutdown): "retry:" reopens the
        // file instead of letting the interrupt close it under the store.
        this.mvStore = open(file);
        // the backend opens the existing databases in its constructor, through the override that needs the store
        this.backend = EmbeddedCollections.opening(mvStore,
                () -> new MongoLikeH2Backend(mvStore, testCommands ? new EmbeddedFailPoint() : null));
        this.server = new MongoServer(backend);
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        this.address = server.getLocalAddress();
    }

    /**
     * Up to this many megabytes of the file stay in memory, decoded: none below a 768 MB heap (the launch default is
     * 512 MB), else a sixteenth of the heap up to 64 MB. A list reads the whole collection on this store, and once the
     * collection outgrows the cache every list replaces the cache's pages: with a small heap those pages outlive the
     * young generation and fill the old one, and at 100,000 connections a page took 4-5 s in full collections with
     * 32 MB, 0.7-2.2 s with 8 MB, 0.3-1.3 s with none, the file's pages then kept by the operating system and
     * decoded from BSON. Writes read their index pages from the file again, cheap since the keys are BSON too
     * (seeding 100,000 connections: 36 s).
     * H2's cache also holds more than it is given under a server's mix of scans and lookups: given 128 MB, it kept
     * all 100,000 connections decoded, 420 MB (docs/benchmark.md, "Memory at 100,000 connections, BSON").
     */
    static int cacheMegabytes(long maxHeapBytes) {
        long megabytes = maxHeapBytes / (1024 * 1024);
        return megabytes < 768 ? 0 : (int) Math.min(64, megabytes / 16); // -Xmx1g reports 960-1024 MB
    }

    private static MVStore open(Path file) {
        try {
            return new MVStore.Builder().fileName("retry:" + file.toAbsolutePath()).autoCommitDisabled()
                    .cacheSize(cacheMegabytes(Runtime.getRuntime().maxMemory())).autoCommitBufferSize(0).open();
        } catch (MVStoreException e) {
            if (e.getErrorCode() != DataUtils.ERROR_FILE_LOCKED) {
                throw e;
            }
            // H2 locks the file for as long as a store has it open: another process (or this one) has it open
            Path dir = file.toAbsolutePath().getParent();
            throw new io.connectionsapi.CannotStartException("The data directory " + dir + " (CONNECTIONS_DATA_DIR)"
                    + " is in use by another process, most likely another connections-api server: its store file "
                    + file.getFileName() + " is locked.",
                    "Stop the other server, or give this one a data directory of its own with CONNECTIONS_DATA_DIR;"
                    + " several instances sharing data need MongoDB (MONGODB_URI).", e);
        }
    }

    /**
     * @param testCommands whether MongoDB's {@code failCommand} fail point is there ({@link EmbeddedFailPoint}), as
     *        with mongod's {@code enableTestCommands}: for tests only
     */
    public static EmbeddedStore start(Path dataDir, boolean testCommands) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw unusableDataDir(dataDir, "cannot be created (" + e.getClass().getSimpleName() + ")", e);
        }
        if (!Files.isWritable(dataDir)) {
            throw unusableDataDir(dataDir, "is not writable", null);
        }
        return new EmbeddedStore(dataDir.resolve("connections.mv.db"), testCommands);
    }

    /** The file system refuses the data directory: a fact about the machine that no check of the setting sees. */
    private static io.connectionsapi.CannotStartException unusableDataDir(Path dataDir, String problem,
            @Nullable IOException cause) {
        return new io.connectionsapi.CannotStartException("The data directory " + dataDir.toAbsolutePath()
                + " (CONNECTIONS_DATA_DIR) " + problem + ".", "Set CONNECTIONS_DATA_DIR to a directory this server's"
                + " user may create and write, then start the server again.", cause);
    }

    public String connectionString() {
        return "mongodb://127.0.0.1:" + address.getPort() + "/connections";
    }

    public Path file() {
        return file;
    }

    /**
     * The H2 backend, announcing MongoDB's own bulk write limit (100,000 operations) instead of the 1,000 that
     * mongo-java-server inherited from MongoDB 2.6, so that the driver sends a full batch as one command here too.
     */
    private static final class MongoLikeH2Backend extends H2Backend {

        private static final int MONGODB_MAX_WRITE_BATCH_SIZE = 100_000;

        private final @Nullable MVStore store; // null while H2Backend's constructor runs
        private final @Nullable EmbeddedFailPoint failPoint;

        MongoLikeH2Backend(MVStore store, @Nullable EmbeddedFailPoint failPoint) {
            super(store);
            this.store = store;
            this.failPoint = failPoint;
        }

        /**
         * Runs when the server has stopped serving commands: whatever is still pending belongs to no answered
         * request (a unit cut short by the shutdown), so it is dropped rather than saved by the store's close.
         */
        @Override
        public void close() {
            EmbeddedCollections.store(store).rollback();
            super.close();
        }

        /** Its databases' collections use a unique index for the lookups this server sends ({@link EmbeddedCollections}). */
        @Override
        protected de.bwaldvogel.mongo.MongoDatabase openOrCreateDatabase(String databaseName) {
            return EmbeddedCollections.Database.open(databaseName, EmbeddedCollections.store(store), getCursorRegistry());
        }

        @Override
        public de.bwaldvogel.mongo.bson.Document handleCommand(io.netty.channel.Channel channel, String database,
                String command, de.bwaldvogel.mongo.bson.Document query) {
            if (failPoint != null) {
                if (command.equals(EmbeddedFailPoint.COMMAND) && database.equals("admin")) {
                    return failPoint.configure(query);
                }
                if (failPoint.failIfConfigured(command)) {
                    channel.close(); // as mongod's closeConnection: the driver sees the connection drop mid-command
                    return new de.bwaldvogel.mongo.bson.Document();
                }
            }
            de.bwaldvogel.mongo.bson.Document reply = super.handleCommand(channel, database, command, query);
            if (reply != null && reply.containsKey("maxWriteBatchSize")) {
                reply.put("maxWriteBatchSize", MONGODB_MAX_WRITE_BATCH_SIZE);
            }
            return reply;
        }
    }

    /**
     * How many times the store read the whole of a collection for a sorted page or an aggregation (a count among
     * them), since it opened; 0 for a collection it does not hold. For tests.
     */
    long fullReads(String database, String collection) {
        return backend.resolveDatabase(database).resolveCollection(collection, false)
                instanceof EmbeddedCollections.Collection held ? held.fullReads() : 0;
    }

    /**
     * Makes every change since the last commit durable: written to the file and forced to the disk, so that it
     * survives the process being killed and the machine losing power. The caller holds the unit of work's write
     * lock, so no other change is in flight.
     */
    void commit() {
        mvStore.commit();
        mvStore.sync();
    }

    /** Forgets every change since the last commit. */
    void rollback() {
        mvStore.rollback();
    }

    /** Stops listening, then writes every acknowledged change to disk and closes the file. */
    @Override
    public void close() {
        // every answered unit of work is committed already; whatever is pending belongs to no answered request
        mvStore.rollback();
        server.shutdownNow(); // closes the H2 backend and its MVStore
    }
}
