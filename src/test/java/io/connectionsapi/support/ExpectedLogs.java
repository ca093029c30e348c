package io.connectionsapi.support;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps out of the test run's output what a test makes the server log on purpose: the startup failure reports for
 * the invalid settings it gives, the errors of the requests it sends during the outage it causes. logback-test.xml
 * puts this filter on the console: it drops the lines logged, from any thread, while {@link #during} runs, and
 * nothing else. Whether the test passes is reported by JUnit as ever. With {@code -Dtests.log.level} given (to
 * see more), nothing is dropped.
 */
public final class ExpectedLogs extends Filter<ILoggingEvent> {

    private static final AtomicInteger RUNNING = new AtomicInteger();

    /** What runs while the lines it provokes are dropped. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws Exception;
    }

    public static <T> T during(Work<T> work) throws Exception {
        RUNNING.incrementAndGet();
        try {
            return work.run();
        } finally {
            RUNNING.decrementAndGet();
        }
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        return RUNNING.get() > 0 && System.getProperty("tests.log.level") == null ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
