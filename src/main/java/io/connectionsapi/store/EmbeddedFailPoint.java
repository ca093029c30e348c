package io.connectionsapi.store;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * MongoDB's {@code failCommand} fail point on the embedded store, so that one fault-injection test runs on both
 * stores: {@code {configureFailPoint: "failCommand", mode: "alwaysOn" | "off" | {times: n} | {skip: n}, data: {failCommands:
 * [...], errorCode: n, closeConnection: bool}}} sent to {@code admin}. Like mongod, which only has it with
 * {@code enableTestCommands}, the embedded store only has it with {@code connections.store.embedded-test-commands}
 * (never in production: the test suite sets it).
 */
final class EmbeddedFailPoint {

    static final String COMMAND = "configureFailPoint";

    /**
     * What the fail point does to the matching commands: lets the first {@code skip} through, then fails
     * {@code remaining} ({@link Integer#MAX_VALUE}: all).
     */
    private record Fault(Set<String> commands, int errorCode, boolean closeConnection, int skip, int remaining) {

        /** The fail point after one more matching command, null when it is spent. */
        @Nullable Fault next() {
            if (skip > 0) {
                return new Fault(commands, errorCode, closeConnection, skip - 1, remaining);
            }
            if (remaining == Integer.MAX_VALUE) {
                return this;
            }
            return remaining == 1 ? null : new Fault(commands, errorCode, closeConnection, 0, remaining - 1);
        }
    }

    private final AtomicReference<@Nullable Fault> fault = new AtomicReference<>();

    /** Applies a {@code configureFailPoint} command and returns mongod's answer. */
    Document configure(Document command) {
        if (!"failCommand".equals(command.get(COMMAND))) {
            throw new MongoServerError(2, "BadValue", "only the failCommand fail point exists here");
        }
        Object mode = command.get("mode");
        if ("off".equals(mode)) {
            fault.set(null);
        } else {
            Document counted = mode instanceof Document given ? given : new Document();
            int times = "alwaysOn".equals(mode) || counted.get("skip") instanceof Number ? Integer.MAX_VALUE
                    : counted.get("times") instanceof Number n ? n.intValue() : -1;
            int skip = counted.get("skip") instanceof Number n ? n.intValue() : 0;
            Document data = command.get("data") instanceof Document given ? given : new Document();
            if (times < 1 || skip < 0 || !(data.get("failCommands") instanceof List<?> names)) {
                throw new MongoServerError(2, "BadValue",
                        "mode must be off, alwaysOn, {times: n} or {skip: n}, and data.failCommands a list");
            }
            int code = data.get("errorCode") instanceof Number n ? n.intValue() : 0;
            fault.set(new Fault(Set.copyOf(names.stream().map(String::valueOf).toList()), code,
                    Boolean.TRUE.equals(data.get("closeConnection")), skip, times));
        }
        Document answer = new Document("count", 0);
        answer.put("ok", 1.0);
        return answer;
    }

    /**
     * Fails {@code command} if the fail point says so: throws the configured error, or answers true when the caller
     * must close the connection instead of answering.
     */
    boolean failIfConfigured(String command) {
        while (true) {
            Fault current = fault.get();
            if (current == null || !current.commands().contains(command)) {
                return false;
            }
            Fault next = current.next();
            if (next == current || fault.compareAndSet(current, next)) {
                if (current.skip() > 0) {
                    return false;
                }
                if (current.closeConnection()) {
                    return true;
                }
                throw new MongoServerError(current.errorCode(), "Failing command " + command + " via 'failCommand' failpoint");
            }
        }
    }
}
