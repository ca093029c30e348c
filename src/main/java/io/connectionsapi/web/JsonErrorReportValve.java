package io.connectionsapi.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/** Tomcat's error page in the contract's envelope, without Tomcat's HTML, version banner or exception text. */
public class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ErrorCode code = ErrorCode.forStatus(status);
        String message = code == ErrorCode.INTERNAL_ERROR ? "Something went wrong on our side; the failure was logged."
                : "The request was rejected (" + code.identifier() + "): check its path, query and headers.";
        String json = "{\"success\":false,\"identifier\":\"" + code.identifier() + "\",\"message\":\"" + message
                + "\",\"errors\":[]}";
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client is gone; nothing left to tell it
        }
    }
}
