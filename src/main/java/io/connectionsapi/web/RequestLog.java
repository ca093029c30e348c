package io.connectionsapi.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an ID (the client's {@code X-Request-Id} when it is a sane one, else a new one), echoes it,
 * puts it in every log line of the request ({@code request_id} in the MDC) and in error envelopes, and writes
 * one access-log line per request: method, path, status, duration, tenant and key ID, never the key itself nor
 * the query string.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestLog extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "request_id";
    /** Set by the key check: who called, for the access log (tenant and key ID only). */
    public static final String CALLER_ATTRIBUTE = RequestLog.class.getName() + ".caller";

    private static final String ID_ATTRIBUTE = RequestLog.class.getName() + ".id";
    private static final String STARTED_ATTRIBUTE = RequestLog.class.getName() + ".started";
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final Logger access = LoggerFactory.getLogger("access");

    /** A request whose body was read without a thread ({@link BodyPrefetch}) is answered in an async dispatch. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!(request.getAttribute(STARTED_ATTRIBUTE) instanceof Long)) {
            request.setAttribute(STARTED_ATTRIBUTE, System.nanoTime());
        }
        long started = (Long) request.getAttribute(STARTED_ATTRIBUTE);
        MDC.put(MDC_KEY, id(request, response));
        try {
            chain.doFilter(request, response);
        } finally {
            if (!request.isAsyncStarted()) { // else the dispatch that answers writes the line
                Object caller = request.getAttribute(CALLER_ATTRIBUTE);
                access.info("{} {} {} {}ms {}", request.getMethod(), request.getRequestURI(), response.getStatus(),
                        (System.nanoTime() - started) / 1_000_000, caller == null ? "tenant=- key=-" : caller);
            }
            MDC.remove(MDC_KEY);
        }
    }

    /**
     * The request's ID, for error envelopes. Given by this filter, first in the chain, it is kept as a request
     * attribute, which the container's error dispatch still sees. A request the container refuses before the chain
     * (a malformed URI) gets one here, echoed like any other.
     */
    static String id(HttpServletRequest request, HttpServletResponse response) {
        if (request.getAttribute(ID_ATTRIBUTE) instanceof String id) {
            return id;
        }
        String sent = request.getHeader(HEADER);
        String id = sent != null && SANE_ID.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
        request.setAttribute(ID_ATTRIBUTE, id);
        response.setHeader(HEADER, id);
        return id;
    }
}
