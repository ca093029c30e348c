package io.connectionsapi.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads a write request's body before anything handles the request, without holding a thread while it arrives.
 * <p>
 * Read the usual way, a body blocks a container thread until its last byte, and a client sending one byte a second
 * is never cut off by the container's read timeout (which counts the time between two bytes). On Java 17 Tomcat has
 * 200 such threads: 200 slow clients stopped the server answering anyone. Here the body is read with the Servlet
 * API's non-blocking input ({@link ReadListener}): a thread works only while bytes are there to copy, and the
 * request is handed on (an async dispatch through the rest of the chain) once the body is whole. A body that is not
 * whole after {@code connections.limits.body-read-timeout} is answered {@code 408 request_timeout}, and the
 * connection is closed rather than drained.
 * <p>
 * It runs after the key check, so that an unauthenticated client gets its {@code 401} without sending its body, and
 * before the unit of work, so that a slow body never holds a place among the requests working on the store.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 15)
public class BodyPrefetch extends OncePerRequestFilter {

    private static final String BODY_ATTRIBUTE = BodyPrefetch.class.getName() + ".body";

    private final LimitsProperties limits;
    private final ErrorWriter errors;

    BodyPrefetch(LimitsProperties limits, ErrorWriter errors) {
        this.limits = limits;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getAttribute(UnitOfWorkFilter.TENANT_ATTRIBUTE) == null || !UnitOfWorkFilter.isWrite(request.getMethod())
                || !(request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null);
    }

    /** The dispatch that follows the read is where the body is handed on. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getAttribute(BODY_ATTRIBUTE) instanceof Prefetched body) {
            request.removeAttribute(BODY_ATTRIBUTE);
            if (body.timedOut()) {
                response.setHeader("Connection", "close");
                errors.write(request, response, new ApiException(ErrorCode.REQUEST_TIMEOUT, "The request body did not arrive within "
                        + limits.bodyReadTimeout().toSeconds() + " s; send it again, faster.",
                        java.util.List.of(ErrorDetail.field("body", "was not received completely in time"))));
            } else if (body.bytes() == null) {
                response.setHeader("Connection", "close");
                errors.write(request, response, ApiException.invalidField("body", "could not be read completely"));
            } else {
                chain.doFilter(body.request(request), response);
            }
            return;
        }
        long limit = limits.maxBodySize().toBytes();
        if (isAsyncDispatch(request) || !request.isAsyncSupported() || request.getContentLengthLong() > limit) {
            chain.doFilter(request, response); // too large by its length alone: refused without reading it
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(limits.bodyReadTimeout().toMillis());
        Reader reader = new Reader(async, request.getInputStream(), (int) limit);
        async.addListener(reader);
        reader.in.setReadListener(reader);
    }

    /**
     * Copies the bytes as they come, up to the limit and one byte more (a body over the limit is still refused by the
     * body reader, with its 413); the first of the last byte, a failure and the deadline hands the request on.
     */
    private static final class Reader implements ReadListener, AsyncListener {

        private final AsyncContext async;
        private final ServletInputStream in;
        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final byte[] buffer = new byte[8192];
        private final AtomicBoolean handedOn = new AtomicBoolean();

        Reader(AsyncContext async, ServletInputStream in, int limit) {
            this.async = async;
            this.in = in;
            this.limit = limit;
        }

        @Override
        public void onDataAvailable() throws IOException {
            while (!handedOn.get() && in.isReady()) {
                int read = in.read(buffer);
                if (read < 0) {
                    return; // onAllDataRead follows
                }
                synchronized (bytes) {
                    bytes.write(buffer, 0, read);
                    if (bytes.size() > limit) {
                        handOn(new Prefetched(bytes.toByteArray(), false));
                        return;
                    }
                }
            }
        }

        @Override
        public void onAllDataRead() {
            synchronized (bytes) {
                handOn(new Prefetched(bytes.toByteArray(), false));
            }
        }

        @Override
        public void onError(Throwable failure) {
            handOn(new Prefetched(null, false));
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            handOn(new Prefetched(null, true));
        }

        @Override
        public void onError(AsyncEvent event) {
            handOn(new Prefetched(null, false));
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }

        private void handOn(Prefetched body) {
            if (handedOn.compareAndSet(false, true)) {
                async.getRequest().setAttribute(BODY_ATTRIBUTE, body);
                async.dispatch();
            }
        }
    }

    /** The body as read, or null when it could not be read whole ({@code timedOut} says whether for lack of time). */
    private record Prefetched(byte @org.jspecify.annotations.Nullable [] bytes, boolean timedOut) {

        HttpServletRequest request(HttpServletRequest original) {
            return new HeldBodyRequest(original, java.util.Objects.requireNonNull(bytes));
        }
    }
}
