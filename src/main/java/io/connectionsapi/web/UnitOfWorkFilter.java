package io.connectionsapi.web;

import com.mongodb.MongoException;
import io.connectionsapi.store.IdempotencyRecords;
import io.connectionsapi.store.StoreGate;
import io.connectionsapi.store.UnitOfWork;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * One request, one unit of work: every authenticated write request of the API (POST, PUT, DELETE) runs inside
 * {@link UnitOfWork#write}, which keeps its effects only when the answer is a success; reads run inside
 * {@link UnitOfWork#read}. The answer is held back until the unit is committed, so a client never sees a success
 * that a crash could still take away.
 * <p>
 * Write requests under {@code /connections/v1} may carry an {@code Idempotency-Key} (Stripe's semantics): the
 * success answered for a key is stored in the same unit as the request's effects, and the same key with the same
 * request replays it ({@code Idempotent-Replayed: true}); with another request it is a 409
 * {@code idempotency_key_reused}, and while the first is still running a 409 {@code request_in_progress}. Answers
 * that are not successes are not remembered: such a request changed nothing, and sending it again runs it again.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20) // after the key check, which names the tenant
public class UnitOfWorkFilter extends OncePerRequestFilter {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(UnitOfWorkFilter.class);

    /** Set by the key check: the tenant whose data the request works on. */
    public static final String TENANT_ATTRIBUTE = UnitOfWorkFilter.class.getName() + ".tenant";
    public static final String KEY_HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Pattern SANE_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}"); // printable ASCII, no spaces

    private final UnitOfWork units;
    private final StoreGate gate;
    private final IdempotencyRecords records;
    private final ErrorWriter errors;
    private final LimitsProperties limits;
    /** Keys whose first request is running on this instance, by tenant and key. */
    private final Map<List<String>, Boolean> running = new ConcurrentHashMap<>();

    UnitOfWorkFilter(UnitOfWork units, StoreGate gate, IdempotencyRecords records, ErrorWriter errors,
            LimitsProperties limits) {
        this.units = units;
        this.gate = gate;
        this.records = records;
        this.errors = errors;
        this.limits = limits;
    }

    /** Only API requests that passed the key check, which names their tenant, are units of work. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getAttribute(TENANT_ATTRIBUTE) == null;
    }

    /** A write whose body {@link BodyPrefetch} read is handled in the async dispatch that follows the read. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!gate.enter()) {
            log.warn("Too many requests are waiting on the store: answered 503 (connections.store.max-concurrent-requests)");
            errors.write(request, response, ApiException.storeBusy());
            return;
        }
        Answer answer = null;
        try {
            answer = handle(request, response, chain);
        } catch (MongoException | UnitOfWork.CommitFailed e) {
            // the unit itself failed on the store (the idempotency lookup, its commit, or a transaction still
            // conflicting when the retries ran out): the client may send it again, safely with an Idempotency-Key
            if (response.isCommitted()) {
                throw e;
            }
            log.warn("A unit of work failed on the store: {}", e.getClass().getSimpleName());
            response.resetBuffer();
            errors.write(request, response, ApiException.storeUnavailable());
        } finally {
            gate.leave();
        }
        if (answer != null) {
            send(response, answer); // outside the gate: a client reading its answer slowly holds no place on the store
        }
    }

    private @Nullable Answer handle(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isWrite(request.getMethod())) {
            // held back too, so that a client reading its answer slowly never keeps the read side of the lock
            return run(() -> attempt(new CachedBody(request, null), response, chain), false);
        }
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(java.util.Locale.ROOT);
        if (type.startsWith("multipart/") || type.startsWith("application/x-www-form-urlencoded")) {
            // refused before the unit starts (the container would parse these bodies inside it), as the body reader would
            try {
                JsonBodies.requireJson(request.getContentType());
            } catch (ApiException notJson) {
                errors.write(request, response, notJson);
                return null;
            }
        }
        String tenantId = (String) request.getAttribute(TENANT_ATTRIBUTE);
        List<String> keys = Collections.list(request.getHeaders(KEY_HEADER));
        boolean idempotent = request.getRequestURI().substring(request.getContextPath().length()).startsWith("/connections/v1");
        if (keys.isEmpty() || !idempotent) {
            CachedBody body = CachedBody.of(request, limits);
            return run(() -> attempt(body, response, chain), true);
        }
        String key = keys.get(0);
        if (keys.size() > 1 || !SANE_KEY.matcher(key).matches()) {
            errors.write(request, response, ApiException.invalidField(KEY_HEADER, keys.size() > 1 ? "must be sent once"
                    : "must be 1 to 255 printable ASCII characters without spaces"));
            return null;
        }
        List<String> runningKey = List.of(tenantId, key);
        if (running.putIfAbsent(runningKey, Boolean.TRUE) != null) {
            errors.write(request, response, new ApiException(ErrorCode.REQUEST_IN_PROGRESS, "A request with this Idempotency-Key"
                    + " is still running; send it again once that one has been answered."));
            return null;
        }
        try {
            CachedBody body = CachedBody.of(request, limits);
            String fingerprint = body.fingerprint(request);
            Answer answer = run(() -> {
                IdempotencyRecords.Answer remembered = records.find(tenantId, key);
                if (remembered != null) {
                    return remembered.fingerprint().equals(fingerprint) ? Answer.replay(remembered) : Answer.REUSED;
                }
                Answer fresh = attempt(body, response, chain);
                if (fresh.success() && !records.save(tenantId, key, new IdempotencyRecords.Answer(fingerprint,
                        fresh.status(), fresh.contentType(), fresh.bytes()))) {
                    return Answer.TOO_LARGE_TO_REMEMBER;
                }
                return fresh;
            }, true);
            if (answer == Answer.REUSED) {
                errors.write(request, response, new ApiException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was"
                        + " used for another request; use a new key for a new request."));
                return null;
            }
            if (answer == Answer.TOO_LARGE_TO_REMEMBER) {
                errors.write(request, response, new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The answer to this request is too"
                        + " large to remember for its Idempotency-Key; nothing was changed. Send smaller batches."));
                return null;
            }
            return answer;
        } finally {
            running.remove(runningKey);
        }
    }

    /**
     * Runs the rest of the chain once, holding its answer (status and body) back. A unit run again after a
     * transient failure starts from a clean slate: no status and no exception left by the attempt before.
     */
    private Answer attempt(CachedBody body, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        HeldResponse held = new HeldResponse(response);
        body.original().removeAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE);
        chain.doFilter(body.request(), held);
        return new Answer(held.getStatus(), held.getContentType(), null, held, false);
    }

    private <T> T run(UnitOfWork.Work<T> work, boolean write) throws IOException, ServletException {
        try {
            return write ? units.write(work, result -> result instanceof Answer answer && answer.success() && !answer.replayed())
                    : units.read(work);
        } catch (IOException | ServletException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    /**
     * Sends the answer and ends the response here, inside the request: a compressed answer is chunked, and its last
     * chunk would otherwise be written after the request counts as done, which a graceful shutdown does not wait
     * for (the client of a committed write would get a cut answer).
     */
    private static void send(HttpServletResponse response, Answer answer) throws IOException {
        if (answer.held() != null) {
            answer.held().send();
        } else {
            response.setStatus(answer.status());
            if (answer.contentType() != null) {
                response.setContentType(answer.contentType());
            }
            if (answer.replayed()) {
                response.setHeader(REPLAYED_HEADER, "true");
            }
            byte[] body = answer.bytes();
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
        response.getOutputStream().close();
    }

    static boolean isWrite(String method) {
        return switch (method) {
            case "GET", "HEAD", "OPTIONS", "TRACE" -> false;
            default -> true;
        };
    }

    /**
     * An answer, either just produced (held back, its body only in {@code held}) or remembered ({@code body}). A held
     * body is copied out only to be remembered for an Idempotency-Key: a page of 1000 connections (about 1 MB) is
     * serialised once into the held buffer and sent from it, never copied into an array of its own as well.
     */
    private record Answer(int status, @Nullable String contentType, byte @Nullable [] body,
            @Nullable HeldResponse held, boolean replayed) {

        static final Answer REUSED = new Answer(409, null, new byte[0], null, false);
        static final Answer TOO_LARGE_TO_REMEMBER = new Answer(413, null, new byte[0], null, false);

        static Answer replay(IdempotencyRecords.Answer remembered) {
            return new Answer(remembered.status(), remembered.contentType(), remembered.body(), null, true);
        }

        boolean success() {
            return status >= 200 && status < 300;
        }

        byte[] bytes() {
            return held != null ? held.getContentAsByteArray() : java.util.Objects.requireNonNull(body);
        }
    }

    /**
     * The request body, read once (at most the body limit and one byte more, so that an oversized body is still
     * refused by the body reader), so that a unit run again after a transient failure reads it again, and so that
     * an Idempotency-Key can be matched with the request it was first sent with.
     */
    private record CachedBody(HttpServletRequest original, byte @Nullable [] bytes) {

        static CachedBody of(HttpServletRequest request, LimitsProperties limits) {
            int limit = (int) limits.maxBodySize().toBytes();
            if (request.getContentLengthLong() > limit) {
                return new CachedBody(request, new byte[0]); // refused by its length alone
            }
            try (InputStream in = request.getInputStream()) {
                return new CachedBody(request, in.readNBytes(limit + 1));
            } catch (IOException e) {
                return new CachedBody(request, null); // the body reader reports it
            }
        }

        HttpServletRequest request() {
            if (bytes == null) {
                return original;
            }
            return new HeldBodyRequest(original, java.util.Objects.requireNonNull(bytes));
        }

        /** What makes two requests the same request: method, path, query and body. */
        String fingerprint(HttpServletRequest request) {
            try {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                digest.update((request.getMethod() + " " + request.getRequestURI() + "?"
                        + (request.getQueryString() == null ? "" : request.getQueryString()) + "\n").getBytes(StandardCharsets.UTF_8));
                digest.update(bytes == null ? new byte[0] : bytes);
                return HexFormat.of().formatHex(digest.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
            }
        }
    }
}
