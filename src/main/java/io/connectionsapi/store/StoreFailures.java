package io.connectionsapi.store;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoServerUnavailableException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoStalePrimaryException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which store failures mean "try again": the deployment cannot take the request now (unreachable, an election, a
 * node shutting down or catching up, the write concern not met, the pool or the operation timed out, a write
 * conflict) but nothing is wrong with the request. The web layer answers them 503 with {@code Retry-After};
 * everything else is a bug or a refusal the request itself caused.
 */
public final class StoreFailures {

    /**
     * Server error codes of that kind that reach us without a more specific driver exception: the retryable codes of
     * the drivers' retryable-writes specification, plus write conflicts and time limits.
     */
    private static final Set<Integer> TRY_AGAIN_CODES = Set.of(
            6, // HostUnreachable
            7, // HostNotFound
            50, // MaxTimeMSExpired
            64, // WriteConcernFailed
            89, // NetworkTimeout
            91, // ShutdownInProgress
            112, // WriteConflict
            189, // PrimarySteppedDown
            262, // ExceededTimeLimit
            9001, // SocketException
            10107, // NotWritablePrimary
            11600, // InterruptedAtShutdown
            11602, // InterruptedDueToReplStateChange
            13435, // NotPrimaryNoSecondaryOk
            13436); // NotPrimaryOrSecondary

    private StoreFailures() {
    }

    /** The store failure among {@code failure} and its causes that means "try again", or null if there is none. */
    public static @Nullable MongoException tryAgain(@Nullable Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MongoException store && isTryAgain(store)) {
                return store;
            }
        }
        return null;
    }

    private static boolean isTryAgain(MongoException e) {
        if (e instanceof MongoTimeoutException // server selection, the pool's wait, timeoutMS
                || e instanceof MongoSocketException
                || e instanceof MongoNotPrimaryException
                || e instanceof MongoNodeIsRecoveringException
                || e instanceof MongoStalePrimaryException
                || e instanceof MongoWriteConcernException
                || e instanceof MongoExecutionTimeoutException
                || e instanceof MongoConnectionPoolClearedException
                || e instanceof MongoServerUnavailableException) {
            return true;
        }
        if (e.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)
                || e.hasErrorLabel(MongoException.UNKNOWN_TRANSACTION_COMMIT_RESULT_LABEL)
                || e.hasErrorLabel("RetryableWriteError")) {
            return true;
        }
        if (e instanceof MongoBulkWriteException bulk) {
            // every item was written, but not to enough members: a write concern error, reported with the bulk
            return bulk.getWriteErrors().isEmpty() && bulk.getWriteConcernError() != null;
        }
        return e instanceof MongoServerException && TRY_AGAIN_CODES.contains(e.getCode());
    }
}
