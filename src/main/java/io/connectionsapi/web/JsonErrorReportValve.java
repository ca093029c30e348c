package io.connectionsapi.web;

import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's error page in the contract's envelope, without Tomcat's HTML, version banner or exception text. Tomcat
 * would make one of its own from the class name; {@link WebConfiguration} gives the host this one, which writes
 * with the application's {@link ErrorWriter}.
 */
class JsonErrorReportValve extends ErrorReportValve {

    private final ErrorWriter errors;

    JsonErrorReportValve(ErrorWriter errors) {
        this.errors = errors;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ErrorCode code = ErrorCode.forStatus(status);
        ApiException refusal = code == ErrorCode.INTERNAL_ERROR ? ErrorCode.failure(status)
                : new ApiException(code, "The request was rejected (" + code.identifier() + "): check its path, query and headers.");
        try {
            errors.write(request, response, refusal);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client is gone; nothing left to tell it
        }
    }
}
