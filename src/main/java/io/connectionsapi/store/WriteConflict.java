package io.connectionsapi.store;

/**
 * A write refused because a concurrent request's write came first, which the client may resolve by sending its
 * request again: the request's unit of work keeps nothing, and the answer is a conflict with this message.
 */
public class WriteConflict extends RuntimeException {

    public WriteConflict(String message) {
        super(message, null, false, false);
    }
}
