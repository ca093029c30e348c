package io.connectionsapi.web;

import io.connectionsapi.store.StoreFailures;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page, reached for failures outside the handlers (a filter's exception, an error status
 * sent by the container). It answers with the envelope too, in place of Spring Boot's default error page.
 */
@RestController
class ErrorPage implements ErrorController {

    @RequestMapping(path = "/error", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ErrorResponse> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int code = status instanceof Integer value ? value : 500;
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure
                && StoreFailures.tryAgain(failure) != null) {
            return ErrorHandling.respond(ErrorHandling.STORE_UNAVAILABLE);
        }
        ErrorCode error = ErrorCode.forStatus(code);
        String message = switch (error) {
            case NOT_FOUND -> "There is no resource at this path.";
            case PAYLOAD_TOO_LARGE -> "The request body is too large.";
            case INTERNAL_ERROR -> "Something went wrong on our side; the failure was logged.";
            default -> "The request was rejected (" + error.identifier() + ").";
        };
        return ResponseEntity.status(error.status()).body(ErrorResponse.of(error, message));
    }
}
