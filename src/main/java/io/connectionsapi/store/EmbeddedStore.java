package io.connectionsapi.store;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MongoDB-wire-compatible server inside this process (mongo-java-server on its H2 backend), listening on a
 * free loopback port, so that the server runs with nothing else installed and keeps its data in one file.
 */
public final class EmbeddedStore implements AutoCloseable {

    private final H2Backend backend;
    private final MongoServer server;
    private final InetSocketAddress address;
    private final Path file;

    private EmbeddedStore(Path file) {
        this.file = file;
        this.backend = new MongoLikeH2Backend(file.toString());
        this.server = new MongoServer(backend);
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        this.address = server.getLocalAddress();
    }

    public static EmbeddedStore start(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new io.connectionsapi.InvalidSettingException("CONNECTIONS_DATA_DIR", dataDir.toAbsolutePath(),
                    "cannot be created (" + e.getClass().getSimpleName() + ")");
        }
        if (!Files.isWritable(dataDir)) {
            throw new io.connectionsapi.InvalidSettingException("CONNECTIONS_DATA_DIR", dataDir.toAbsolutePath(), "is not writable");
        }
        return new EmbeddedStore(dataDir.resolve("connections.mv.db"));
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

        MongoLikeH2Backend(String file) {
            super(file);
        }

        @Override
        public de.bwaldvogel.mongo.bson.Document handleCommand(io.netty.channel.Channel channel, String database,
                String command, de.bwaldvogel.mongo.bson.Document query) {
            de.bwaldvogel.mongo.bson.Document reply = super.handleCommand(channel, database, command, query);
            if (reply != null && reply.containsKey("maxWriteBatchSize")) {
                reply.put("maxWriteBatchSize", MONGODB_MAX_WRITE_BATCH_SIZE);
            }
            return reply;
        }
    }

    /** Stops listening, then writes every acknowledged change to disk and closes the file. */
    @Override
    public void close() {
        server.shutdownNow(); // closes the H2 backend, whose MVStore commits what is pending as it closes
    }
}
