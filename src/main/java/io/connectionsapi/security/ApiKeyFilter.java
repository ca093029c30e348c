package io.connectionsapi.security;

import io.connectionsapi.web.ApiException;
import io.connectionsapi.web.ErrorCode;
import io.connectionsapi.web.ErrorWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request under {@code /connections/v1} and {@code /admin/v1} needs a valid {@code x-api-key} (else 401)
 * with the scope its method needs (else 403). Documentation and health need no key.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ApiKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "x-api-key";

    private final KeyVerifier verifier;
    private final RateLimiter limiter;
    private final ErrorWriter errors;

    ApiKeyFilter(KeyVerifier verifier, RateLimiter limiter, ErrorWriter errors) {
        this.verifier = verifier;
        this.limiter = limiter;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.startsWith("/connections/v1") || path.startsWith("/admin/v1"))
                || org.springframework.web.cors.CorsUtils.isPreFlightRequest(request); // browsers send no key there
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String address = request.getRemoteAddr();
        RateLimiter.Decision mayTry = limiter.authenticationAllowed(address);
        if (!mayTry.allowed()) {
            refuse(request, response, mayTry, "Too many failed authentications from this address; try again in "
                    + mayTry.retryAfterSeconds() + " s.");
            return;
        }
        var secrets = java.util.Collections.list(request.getHeaders(HEADER));
        if (secrets.size() != 1 || secrets.get(0).isBlank()) {
            limiter.authenticationFailed(address);
            errors.write(request, response, new ApiException(ErrorCode.UNAUTHORIZED, secrets.size() > 1
                    ? "Send exactly one x-api-key header."
                    : "This request needs an API key in the x-api-key header."));
            return;
        }
        Caller caller;
        try {
            caller = verifier.verify(secrets.get(0).strip());
        } catch (com.mongodb.MongoException e) {
            // the key could not be looked up: the store's outage, answered like every other one (readiness says it)
            org.slf4j.LoggerFactory.getLogger(ApiKeyFilter.class).warn("MongoDB is unreachable: {}", e.getClass().getSimpleName());
            errors.write(request, response, ApiException.storeUnavailable());
            return;
        }
        if (caller == null) {
            limiter.authenticationFailed(address);
            errors.write(request, response, new ApiException(ErrorCode.UNAUTHORIZED, "The API key is not valid, has expired or has been revoked."));
            return;
        }
        RateLimiter.Decision decision = limiter.request(caller.keyId());
        response.setHeader("RateLimit-Limit", Long.toString(decision.limit()));
        response.setHeader("RateLimit-Remaining", Long.toString(decision.remaining()));
        response.setHeader("RateLimit-Reset", Long.toString(decision.secondsUntilFull()));
        if (!decision.allowed()) {
            refuse(request, response, decision, "This API key has made too many requests; try again in " + decision.retryAfterSeconds() + " s.");
            return;
        }
        Scope needed = neededScope(request);
        if (!caller.scopes().contains(needed)) {
            errors.write(request, response, new ApiException(ErrorCode.FORBIDDEN,
                    "This API key lacks the '" + needed.wireName() + "' scope this request needs."));
            return;
        }
        request.setAttribute(Caller.ATTRIBUTE, caller);
        request.setAttribute(io.connectionsapi.web.UnitOfWorkFilter.TENANT_ATTRIBUTE, caller.tenantId());
        request.setAttribute(io.connectionsapi.web.RequestLog.CALLER_ATTRIBUTE,
                "tenant=" + caller.tenantId() + " key=" + caller.keyId());
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, RateLimiter.Decision decision, String message)
            throws IOException {
        response.setHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
        errors.write(request, response, new ApiException(ErrorCode.RATE_LIMITED, message));
    }

    private static Scope neededScope(HttpServletRequest request) {
        if (request.getRequestURI().substring(request.getContextPath().length()).startsWith("/admin/v1")) {
            return Scope.ADMIN;
        }
        return switch (request.getMethod()) {
            case "GET", "HEAD", "OPTIONS" -> Scope.READ;
            default -> Scope.WRITE;
        };
    }
}
