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

    private final ErrorWriter errors;

    ErrorPage(ErrorWriter errors) {
        this.errors = errors;
    }

    @RequestMapping(path = "/error", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ErrorBody> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure
                && StoreFailures.tryAgain(failure) != null) {
            return errors.answer(ErrorHandling.STORE_UNAVAILABLE);
        }
        return errors.answer(ErrorCode.failure(status instanceof Integer code ? code : 500));
    }
}
