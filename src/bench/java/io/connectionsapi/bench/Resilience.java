package io.connectionsapi.bench;

import io.connectionsapi.bench.Workload.Request;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server alone, under what an ordinary deployment meets besides its own clients' work: clients that send their
 * bodies very slowly (issue 11, point 7), and one sync client sending 8 requests at a time against the default rate
 * limits (point 6). Nothing here is compared with the bare side: these are the server's own guarantees.
 */
final class Resilience {

    private Resilience() {
    }

    /** Latencies of one client's requests, and how many of them were answered with each status. */
    record Latencies(long[] nanos, int ok, int limited, int other) {

        static Latencies of(List<Side.Status> answers) {
            long[] nanos = answers.stream().mapToLong(Side.Status::nanos).sorted().toArray();
            int ok = (int) answers.stream().filter(a -> a.code() / 100 == 2).count();
            int limited = (int) answers.stream().filter(a -> a.code() == 429).count();
            return new Latencies(nanos, ok, limited, answers.size() - ok - limited);
        }

        double percentileMillis(int percent) {
            if (nanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(percent / 100.0 * nanos.length) - 1;
            return nanos[Math.max(0, index)] / 1e6;
        }

        double maxMillis() {
            return nanos.length == 0 ? Double.NaN : nanos[nanos.length - 1] / 1e6;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d requests (%d 2xx, %d 429, %d other): median %.1f ms, p99 %.1f ms, max %.1f ms",
                    nanos.length, ok, limited, other, percentileMillis(50), percentileMillis(99), maxMillis());
        }
    }

    /**
     * {@code slow} clients each start a write whose body (1 MB announced) they send one byte a second, all from one
     * thread; meanwhile one ordinary client sends get-by-ID requests one after the other for {@code seconds}. Before
     * the fix, about 200 such bodies held every container thread of a Java 17 server and the ordinary client waited
     * 30-60 s per request. Returns the ordinary client's latencies and how many slow clients were answered meanwhile
     * (a body read deadline shorter than the run answers them 408).
     */
    static String slowBodies(Side server, int slow, long seconds) throws Exception {
        Latencies alone = ordinaryClient(server, System.nanoTime() + seconds * 1_000_000_000L / 2);
        List<Socket> sockets = new ArrayList<>();
        AtomicInteger answered = new AtomicInteger();
        byte[] head = ("POST /connections/v1/connections HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: " + server.key()
                + "\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < slow; i++) {
            Socket socket = new Socket("127.0.0.1", server.port());
            socket.getOutputStream().write(head);
            socket.getOutputStream().flush();
            sockets.add(socket);
        }
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Thread trickle = new Thread(() -> {
            boolean[] done = new boolean[sockets.size()];
            while (System.nanoTime() < end) {
                for (int i = 0; i < sockets.size(); i++) {
                    try {
                        if (!done[i] && sockets.get(i).getInputStream().available() > 0) {
                            done[i] = true;
                            answered.incrementAndGet();
                        }
                        if (!done[i]) {
                            OutputStream out = sockets.get(i).getOutputStream();
                            out.write(' ');
                            out.flush();
                        }
                    } catch (IOException closed) {
                        if (!done[i]) {
                            done[i] = true;
                            answered.incrementAndGet();
                        }
                    }
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "slow-clients");
        trickle.start();
        Latencies meanwhile;
        try {
            meanwhile = ordinaryClient(server, end);
        } finally {
            trickle.interrupt();
            trickle.join();
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        return String.format(Locale.ROOT, "one ordinary client, get by ID every 100 ms, alone for %d s: %s; then for %d s"
                + " while %d clients send bodies at 1 byte/s (%d of them answered meanwhile): %s", seconds / 2, alone, seconds,
                slow, answered.get(), meanwhile);
    }

    private static Latencies ordinaryClient(Side server, long end) throws Exception {
        List<Side.Status> answers = new ArrayList<>();
        int i = 0;
        while (System.nanoTime() < end) {
            answers.add(server.status(getById(server, i++)));
            Thread.sleep(100);
        }
        return Latencies.of(answers);
    }

    /**
     * A sync client sending 8 requests at a time, each thread the next as soon as the last is answered, for
     * {@code seconds}: with the default limits none may be answered 429. The requests are gets by ID, the cheapest
     * the API answers from the store, so that the client goes as fast as a client can.
     */
    static String eightWay(Side server, long seconds) throws Exception {
        int threads = 8;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Side.Status> answers = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        long i = next.getAndIncrement();
                        answers.add(server.status(getById(server, (int) i)));
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double wall = (System.nanoTime() - started) / 1e9;
        return String.format(Locale.ROOT, "8 threads for %d s, gets by ID, %.0f req/s: %s",
                seconds, answers.size() / wall, Latencies.of(answers));
    }

    private static Request getById(Side server, int i) {
        List<String> seeded = server.seeded();
        return Request.get("/connections?connection_id=" + seeded.get(Workload.pick(i, seeded.size())));
    }
}
