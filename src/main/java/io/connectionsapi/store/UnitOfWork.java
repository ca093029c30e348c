package io.connectionsapi.store;

import com.mongodb.MongoException;
import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.TransactionOptions;
import com.mongodb.WriteConcern;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import com.mongodb.connection.ClusterType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One write request, one unit of work: its changes are applied entirely or not at all, and once the unit has
 * returned they survive a crash. How, depends on the deployment, detected at startup:
 * <ul>
 * <li>{@link Deployment#REPLICA_SET} and {@link Deployment#SHARDED}: one multi-document transaction (the driver's
 * {@code withTransaction}: snapshot reads, majority writes, the whole unit run again on transient errors such as
 * a write conflict with another request or a failover).</li>
 * <li>{@link Deployment#EMBEDDED}: units run one at a time (a write lock); the store is committed and forced to
 * disk when a unit keeps its result and rolled back otherwise. Readers take the read side of the lock, so they
 * never see a unit half applied.</li>
 * <li>{@link Deployment#STANDALONE}: units of this instance run one at a time, but MongoDB cannot undo a unit that
 * fails half-way; unique-index refusals are undone by hand ({@link UniqueWrites}).</li>
 * </ul>
 * A write sent outside any unit (startup, heartbeats, key bookkeeping) is a unit of its own: the collections handed
 * out by the store wrap it ({@link SessionBound}).
 *
 * <p>Why not Spring Data MongoDB's {@code MongoTransactionManager}: it makes one attempt, where the driver's
 * {@code withTransaction} runs the unit again on a transient error and retries a commit whose result is unknown,
 * as MongoDB's documentation asks of every transaction; and two of the four deployments have no transactions at
 * all. Spring Data's {@code MongoTemplate} joins these units all the same ({@link StoreConfiguration}).
 */
public final class UnitOfWork {

    private static final Logger log = LoggerFactory.getLogger(UnitOfWork.class);

    /** The unit the current thread works in, if any. */
    private static final ThreadLocal<Unit> CURRENT = new ThreadLocal<>();

    /** Snapshot reads and majority writes: what a unit reads is one consistent state, what it writes survives failover. */
    static final TransactionOptions TRANSACTION = TransactionOptions.builder()
            .readConcern(ReadConcern.SNAPSHOT)
            .writeConcern(WriteConcern.MAJORITY)
            .readPreference(ReadPreference.primary())
            .build();

    public enum Deployment {
        EMBEDDED("embedded store (mongo-java-server, H2): each write request is atomic and durable, one at a time"),
        STANDALONE("standalone MongoDB: a write request that fails half-way (crash, lost connection) may stay half"
                + " applied; run MongoDB as a replica set, even a single-node one (mongod --replSet rs0, then"
                + " rs.initiate(), as docker-compose.yml does), to make every write request one transaction"),
        REPLICA_SET("MongoDB replica set: each write request is one multi-document transaction"),
        SHARDED("sharded MongoDB cluster (mongos): each write request is one multi-document transaction");

        private final String description;

        Deployment(String description) {
            this.description = description;
        }

        public boolean transactional() {
            return this == REPLICA_SET || this == SHARDED;
        }
    }

    /** What a unit runs; it may throw what the caller's code throws. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws Exception;
    }

    private final Deployment deployment;
    private final @Nullable MongoClient client;
    private final @Nullable EmbeddedStore embedded;
    private final @Nullable StoreReachability reachability;
    /** Fair, so that a stream of readers cannot starve a writer. */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);

    UnitOfWork(Deployment deployment, @Nullable MongoClient client, @Nullable EmbeddedStore embedded,
            @Nullable StoreReachability reachability) {
        this.deployment = deployment;
        this.client = client;
        this.embedded = embedded;
        this.reachability = reachability;
        if (deployment == Deployment.STANDALONE) {
            log.warn("Store: {}", deployment.description);
        } else {
            log.info("Store: {}", deployment.description);
        }
    }

    /** Which kind of MongoDB the driver found: mongos, a replica set, or a standalone mongod. */
    static Deployment detect(ClusterType type) {
        return switch (type) {
            case SHARDED, LOAD_BALANCED -> Deployment.SHARDED;
            case REPLICA_SET -> Deployment.REPLICA_SET;
            default -> Deployment.STANDALONE;
        };
    }

    public Deployment deployment() {
        return deployment;
    }

    /** Runs {@code work} as one unit that keeps what it did. */
    public <T> T write(Work<T> work) throws Exception {
        return write(work, result -> true);
    }

    /**
     * Runs {@code work} as one unit, joining the current one if there is one. The unit keeps what {@code work} did
     * only if it returns normally with a result that {@code keep} accepts; otherwise nothing of it remains (except
     * on a standalone MongoDB). The result is returned either way.
     */
    public <T> T write(Work<T> work, Predicate<? super T> keep) throws Exception {
        if (CURRENT.get() != null) {
            return work.run();
        }
        return switch (deployment) {
            case REPLICA_SET, SHARDED -> inTransaction(work, keep);
            case EMBEDDED -> serialized(work, keep, true);
            case STANDALONE -> serialized(work, keep, false);
        };
    }

    /** Runs {@code work}, which only reads, so that it sees no unit half applied (on the embedded store). */
    public <T> T read(Work<T> work) throws Exception {
        if (deployment != Deployment.EMBEDDED || CURRENT.get() != null || lock.isWriteLockedByCurrentThread()) {
            return work.run();
        }
        lock.readLock().lock();
        try {
            return work.run();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Attempts of one transaction at most: a conflict that persists beyond them is answered with a 503. */
    private static final int MAX_ATTEMPTS = 8;

    private <T> T serialized(Work<T> work, Predicate<? super T> keep, boolean rollsBack) throws Exception {
        if (lock.getReadHoldCount() > 0) {
            // a read lock cannot become a write lock: waiting for it would wait for ourselves
            throw new IllegalStateException("A write was attempted inside a read-only unit");
        }
        lock.writeLock().lock();
        Unit unit = new Unit(null, rollsBack);
        CURRENT.set(unit);
        boolean kept = false;
        T result;
        try {
            result = work.run();
            kept = keep.test(result);
        } finally {
            CURRENT.remove();
            try {
                if (embedded != null) {
                    if (kept) {
                        commitOrRollBack(embedded);
                    } else {
                        embedded.rollback();
                    }
                }
            } finally {
                lock.writeLock().unlock();
            }
        }
        if (kept) {
            unit.committed();
        }
        return result;
    }

    private static void commitOrRollBack(EmbeddedStore store) {
        try {
            store.commit();
        } catch (RuntimeException e) {
            store.rollback();
            throw new CommitFailed(e);
        }
    }

    private <T> T inTransaction(Work<T> work, Predicate<? super T> keep) throws Exception {
        Unit[] last = new Unit[1];
        try (ClientSession session = java.util.Objects.requireNonNull(client).startSession()) {
            T kept = session.withTransaction(() -> {
                Unit unit = new Unit(session, true);
                int attempt = last[0] == null ? 1 : last[0].attempt + 1;
                unit.attempt = attempt;
                last[0] = unit;
                if (attempt > 1) {
                    pause(attempt);
                }
                CURRENT.set(unit);
                T result;
                try {
                    result = work.run();
                } catch (MongoException e) {
                    throw retriable(e, attempt) ? e : new Checked(e);
                } catch (RuntimeException e) {
                    // a MongoTemplate (Spring Data) wraps the driver's exception: withTransaction must see the driver's
                    MongoException cause = driverCause(e);
                    throw cause != null && retriable(cause, attempt) ? cause : e;
                } catch (Exception e) {
                    throw new Checked(e);
                } finally {
                    CURRENT.remove();
                }
                MongoException failure = driverCause(unit.failure);
                if (failure != null && retriable(failure, attempt)) {
                    throw failure; // seen (and answered) by the error handling: withTransaction runs the unit again
                }
                if (!keep.test(result)) {
                    throw new Discarded(result);
                }
                return result;
            }, TRANSACTION);
            last[0].committed();
            return kept;
        } catch (Discarded discarded) {
            @SuppressWarnings("unchecked") T result = (T) discarded.result;
            return result;
        } catch (Checked checked) {
            throw checked.exception;
        }
    }

    /**
     * Whether withTransaction should run the unit again: for a transient error (a write conflict with another
     * request, an election), a few times. Not when MongoDB cannot be reached at all: the driver labels that
     * transient too, but the client is better served by a 503 within seconds than by two minutes of retries.
     */
    private static boolean retriable(MongoException e, int attempt) {
        return attempt < MAX_ATTEMPTS && e.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)
                && !(e instanceof com.mongodb.MongoTimeoutException);
    }

    private static @Nullable MongoException driverCause(@Nullable Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MongoException mongo) {
                return mongo;
            }
        }
        return null;
    }

    /**
     * Throws at once what server selection would throw after its timeout, when no MongoDB server answers the
     * driver's checks ({@link StoreReachability}): during an outage requests fail fast, during an election they wait.
     * The embedded store runs in this process: nothing to check.
     */
    void requireReachable() {
        if (client != null && reachability != null && deployment != Deployment.EMBEDDED) {
            reachability.require(client.getClusterDescription());
        }
    }

    /** A short, growing pause before running a conflicting unit again, so that the other request can finish. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(200, 5L << attempt) + java.util.concurrent.ThreadLocalRandom.current().nextInt(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs {@code action} once the current unit is committed (at once outside a unit); never if it is not. */
    public static void afterCommit(Runnable action) {
        Unit unit = CURRENT.get();
        if (unit == null) {
            action.run();
        } else {
            unit.afterCommit.add(action);
        }
    }

    /** The session of the transaction the current thread works in, for {@link SessionBound}; null outside one. */
    static @Nullable ClientSession session() {
        Unit unit = CURRENT.get();
        return unit == null ? null : unit.session;
    }

    static boolean inUnit() {
        return CURRENT.get() != null;
    }

    /**
     * True unless the current unit undoes itself on failure: only a standalone MongoDB (or no unit at all) needs
     * a write that was refused half-way to be undone by hand.
     */
    public static boolean undoByHand() {
        Unit unit = CURRENT.get();
        return unit == null || !unit.rollsBack;
    }

    /**
     * True inside a transaction, where two requests run side by side on snapshots: a request that relies on a
     * document it only reads (a label a mapping names, an entity a connection joins) must write it too, so that a
     * concurrent delete of that document conflicts with it and one of the two runs again after the other.
     */
    public static boolean claimsReferences() {
        return session() != null;
    }

    /**
     * Tells the current unit that the request failed on the store with {@code failure} (the error handling answers
     * it); a transient failure inside a transaction makes the unit run again instead of answering.
     */
    public static void failed(Throwable failure) {
        Unit unit = CURRENT.get();
        if (unit != null) {
            unit.failure = failure;
        }
    }

    private static final class Unit {
        final @Nullable ClientSession session;
        final boolean rollsBack;
        final java.util.List<Runnable> afterCommit = new java.util.ArrayList<>();
        @Nullable Throwable failure;
        int attempt = 1;

        void committed() {
            afterCommit.forEach(Runnable::run);
        }

        Unit(@Nullable ClientSession session, boolean rollsBack) {
            this.session = session;
            this.rollsBack = rollsBack;
        }
    }

    /** The embedded store could not write a unit to disk; it was rolled back, and the client may try again. */
    public static final class CommitFailed extends RuntimeException {
        CommitFailed(Throwable cause) {
            super("The store could not commit", cause);
        }
    }

    /** Ends a transaction without keeping it, carrying the unit's result past {@code withTransaction}. */
    private static final class Discarded extends RuntimeException {
        final transient @Nullable Object result;

        Discarded(@Nullable Object result) {
            super(null, null, false, false);
            this.result = result;
        }
    }

    /** Carries a checked exception of the work through {@code withTransaction}. */
    private static final class Checked extends RuntimeException {
        final Exception exception;

        Checked(Exception exception) {
            super(null, exception, false, false);
            this.exception = exception;
        }
    }
}
