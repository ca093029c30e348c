package io.connectionsapi.store;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import com.mongodb.connection.ClusterDescription;
import com.mongodb.connection.ServerDescription;
import com.mongodb.event.ServerHeartbeatFailedEvent;
import com.mongodb.event.ServerHeartbeatSucceededEvent;
import com.mongodb.event.ServerMonitorListener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether MongoDB answers at all, so that requests fail fast during an outage and wait during an election. Server
 * selection waits 15 s for a server it can use, long enough for an election: the members still answer, only the
 * primary is missing for a while. When no member answers, waiting helps no one, and an operation fails at once
 * with what server selection would have thrown.
 * <p>
 * A server does not answer when the driver's monitor found it down at its last check, or the driver has seen a
 * network error with it since, and a TCP connection to it does not open within {@value #PROBE_MILLIS} ms (probed at
 * most once a second per server): the monitor checks only every 10 s, and that connection attempt tells at once
 * both that MongoDB went away and that it is back. A command refused during an election, or one connection
 * dropped while the server still accepts new ones, does not make a server look down.
 */
final class StoreReachability implements ServerMonitorListener {

    private static final int PROBE_MILLIS = 500;
    private static final long PROBE_REUSE_NANOS = 1_000_000_000L;

    private final Map<ServerAddress, Boolean> lastCheckFailed = new ConcurrentHashMap<>();
    private final Map<ServerAddress, Probe> probes = new ConcurrentHashMap<>();

    private record Probe(long at, boolean opened) {
    }

    @Override
    public void serverHeartbeatSucceeded(ServerHeartbeatSucceededEvent event) {
        lastCheckFailed.put(event.getConnectionId().getServerId().getAddress(), false);
    }

    @Override
    public void serverHeartbeatFailed(ServerHeartbeatFailedEvent event) {
        lastCheckFailed.put(event.getConnectionId().getServerId().getAddress(), true);
    }

    /** Throws when no server of {@code cluster} answers. */
    void require(ClusterDescription cluster) {
        var servers = cluster.getServerDescriptions();
        if (!servers.isEmpty() && servers.stream().allMatch(this::silent)) {
            throw new MongoTimeoutException("No MongoDB server answers: " + cluster.getShortDescription());
        }
    }

    private boolean silent(ServerDescription server) {
        boolean suspect = Boolean.TRUE.equals(lastCheckFailed.get(server.getAddress()))
                || server.getException() instanceof MongoSocketException;
        return suspect && !opens(server.getAddress());
    }

    private boolean opens(ServerAddress address) {
        long now = System.nanoTime();
        Probe last = probes.get(address);
        if (last != null && now - last.at() < PROBE_REUSE_NANOS) {
            return last.opened();
        }
        boolean opened;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.getHost(), address.getPort()), PROBE_MILLIS);
            opened = true;
        } catch (IOException e) {
            opened = false;
        }
        probes.put(address, new Probe(now, opened));
        return opened;
    }
}
