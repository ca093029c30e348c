package io.connectionsapi.web;

import com.mongodb.MongoException;
import io.connectionsapi.store.StoreFailures;
import io.connectionsapi.store.UnitOfWork;
import io.connectionsapi.store.WriteConflict;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Maps every exception a handler can raise to the contract's error envelope; nothing internal reaches the client. */
@RestControllerAdvice
class ErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(ErrorHandling.class);

    private final ErrorWriter errors;

    ErrorHandling(ErrorWriter errors) {
        this.errors = errors;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ErrorBody> api(ApiException e) {
        return respond(e);
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ErrorBody> unknownPath(HttpServletRequest request) {
        return respond(new ApiException(ErrorCode.NOT_FOUND, "There is no resource at " + request.getRequestURI() + "."));
    }

    /** The store's refusal of a write that a concurrent request's write came before. */
    @ExceptionHandler(WriteConflict.class)
    ResponseEntity<ErrorBody> conflict(WriteConflict e) {
        return respond(new ApiException(ErrorCode.CONFLICT, e.getMessage()));
    }

    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    ResponseEntity<ErrorBody> undecodableQuery() {
        return respond(ApiException.invalidField("query", "is not valid percent-encoded UTF-8"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ErrorBody> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request,
            HttpServletResponse response) {
        var allowed = e.getSupportedHttpMethods();
        if (allowed != null) {
            response.setHeader(HttpHeaders.ALLOW, String.join(", ", allowed.stream().map(Object::toString).toList()));
        }
        return respond(new ApiException(ErrorCode.METHOD_NOT_ALLOWED,
                e.getMethod() + " is not allowed on " + request.getRequestURI() + "."));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ErrorBody> mediaType() {
        return respond(new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the body as JSON with Content-Type: application/json."));
    }

    static final ApiException STORE_UNAVAILABLE = ApiException.storeUnavailable();

    /**
     * The store could not take the request now (unreachable, an election, a conflict with another request's
     * transaction, a timeout; {@link StoreFailures}): inside a transaction the unit of work runs again, so this
     * answer may be dropped; when that did not help, the client may try again after {@code Retry-After}.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorBody> unexpected(Exception e, HttpServletRequest request) {
        if (e instanceof MongoException store) {
            UnitOfWork.failed(store);
        }
        MongoException tryAgain = StoreFailures.tryAgain(e);
        if (tryAgain != null) {
            log.warn("MongoDB could not take the request: {} {}", tryAgain.getClass().getSimpleName(), tryAgain.getCode());
            return respond(STORE_UNAVAILABLE);
        }
        if (e instanceof org.springframework.web.ErrorResponse framework) {
            int status = framework.getStatusCode().value();
            if (status < 500) {
                return respond(ErrorCode.failure(status));
            }
        }
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return respond(ErrorCode.failure(500));
    }

    private ResponseEntity<ErrorBody> respond(ApiException e) {
        return errors.answer(e);
    }
}
