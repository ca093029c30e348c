package io.connectionsapi.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes every error answer: the envelope for an {@link ApiException}, with the request's ID. Spring MVC's handlers
 * (the controller advice, the error page) return it as {@link #answer}; the places outside them (the filters, the
 * CORS check, the container's error valve) have it written with {@link #write}, with the same JSON settings.
 */
@Component
public class ErrorWriter {

    private final JsonMapper json;

    ErrorWriter(JsonMapper json) {
        this.json = json;
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ApiException error) throws IOException {
        response.setStatus(error.code().status().value());
        if (error.code() == ErrorCode.SERVICE_UNAVAILABLE) {
            response.setHeader(HttpHeaders.RETRY_AFTER, ApiException.RETRY_AFTER_SECONDS);
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), ErrorBody.of(error, RequestLog.id(request, response)));
    }

    /** The answer of a Spring MVC handler, which runs inside the request it answers. */
    ResponseEntity<ErrorBody> answer(ApiException error) {
        ServletRequestAttributes current = (ServletRequestAttributes) RequestContextHolder.currentRequestAttributes();
        HttpServletResponse response = current.getResponse();
        Assert.state(response != null, "Spring MVC runs its handlers with the response");
        String requestId = RequestLog.id(current.getRequest(), response);
        var answer = ResponseEntity.status(error.code().status());
        if (error.code() == ErrorCode.SERVICE_UNAVAILABLE) {
            answer.header(HttpHeaders.RETRY_AFTER, ApiException.RETRY_AFTER_SECONDS);
        }
        return answer.body(ErrorBody.of(error, requestId));
    }
}
