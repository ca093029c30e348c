package io.connectionsapi.web;

import com.mongodb.MongoException;
import io.connectionsapi.store.StoreFailures;
import io.connectionsapi.store.UnitOfWork;
import jakarta.servlet.http.HttpServletRequest;
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

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ErrorResponse> api(ApiException e) {
        return respond(e);
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ErrorResponse> unknownPath(HttpServletRequest request) {
        return respond(new ApiException(ErrorCode.NOT_FOUND, "There is no resource at " + request.getRequestURI() + "."));
    }

    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    ResponseEntity<ErrorResponse> undecodableQuery() {
        return respond(ApiException.invalidField("query", "is not valid percent-encoded UTF-8"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ErrorResponse> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        var allowed = e.getSupportedHttpMethods();
        var response = ResponseEntity.status(ErrorCode.METHOD_NOT_ALLOWED.status());
        if (allowed != null) {
            response.header(HttpHeaders.ALLOW, String.join(", ", allowed.stream().map(Object::toString).toList()));
        }
        return response.body(ErrorResponse.of(ErrorCode.METHOD_NOT_ALLOWED,
                e.getMethod() + " is not allowed on " + request.getRequestURI() + "."));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ErrorResponse> mediaType() {
        return respond(new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the body as JSON with Content-Type: application/json."));
    }

    static final ApiException STORE_UNAVAILABLE = ApiException.storeUnavailable();

    /**
     * The store could not take the request now (unreachable, an election, a conflict with another request's
     * transaction, a timeout; {@link StoreFailures}): inside a transaction the unit of work runs again, so this
     * answer may be dropped; when that did not help, the client may try again after {@code Retry-After}.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorResponse> unexpected(Exception e, HttpServletRequest request) {
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
                ErrorCode code = ErrorCode.forStatus(status);
                return respond(new ApiException(code, "The request was rejected (" + code.identifier() + ")."));
            }
        }
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return respond(new ApiException(ErrorCode.INTERNAL_ERROR, "Something went wrong on our side; the failure was logged."));
    }

    static ResponseEntity<ErrorResponse> respond(ApiException e) {
        var answer = ResponseEntity.status(e.code().status());
        if (e.code() == ErrorCode.SERVICE_UNAVAILABLE) {
            answer.header(HttpHeaders.RETRY_AFTER, ApiException.RETRY_AFTER_SECONDS);
        }
        return answer.body(ErrorResponse.of(e));
    }
}
