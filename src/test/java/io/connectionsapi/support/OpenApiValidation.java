package io.connectionsapi.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks every exchange of the integration suite against the published document in {@code openapi/}: every
 * response, and every request the server accepted (a request the server accepts must be one the document
 * allows; requests that are wrong on purpose are only checked for their error response).
 */
public final class OpenApiValidation implements Filter {

    public static final Path DOCUMENT = Path.of("openapi", "connections-api.yaml");

    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForInlineApiSpecification(read())
            .withLevelResolver(LevelResolver.create()
                    // paths outside the document (unknown paths, health) are tested for their own behaviour
                    .withLevel("validation.request.path.missing", ValidationReport.Level.IGNORE)
                    .withLevel("validation.response.path.missing", ValidationReport.Level.IGNORE)
                    .withLevel("validation.request.operation.notAllowed", ValidationReport.Level.IGNORE)
                    .withLevel("validation.response.operation.notAllowed", ValidationReport.Level.IGNORE)
                    // the server answers JSON whatever Accept asks for (README, compatibility notes)
                    .withLevel("validation.request.accept.notAllowed", ValidationReport.Level.IGNORE)
                    // an error status the operation does not list (405, 415, 413 on reads) is checked by the tests
                    .withLevel("validation.response.status.unknown", ValidationReport.Level.IGNORE)
                    .build())
            .build();

    private static String read() {
        try {
            return Files.readString(DOCUMENT);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
            FilterContext context) {
        Response response = context.next(request, responseSpec);
        URI uri = URI.create(request.getURI());
        SimpleRequest.Builder sent = new SimpleRequest.Builder(Request.Method.valueOf(request.getMethod()), uri.getPath());
        if (request.getBody() != null) {
            sent.withBody(request.getBody() instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                    : request.getBody().toString());
        }
        request.getHeaders().forEach(header -> sent.withHeader(header.getName(), header.getValue()));
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] parts = pair.split("=", 2);
                sent.withQueryParam(decode(parts[0]), parts.length > 1 ? decode(parts[1]) : "");
            }
        }
        SimpleResponse.Builder received = SimpleResponse.Builder.status(response.getStatusCode())
                .withBody(response.getBody().asString());
        response.getHeaders().forEach(header -> received.withHeader(header.getName(), header.getValue()));
        Request built = sent.build();
        ValidationReport report = response.getStatusCode() < 300
                ? VALIDATOR.validate(built, received.build())
                : VALIDATOR.validateResponse(uri.getPath(), built.getMethod(), received.build());
        if (report.hasErrors()) {
            throw new AssertionError("Exchange does not match " + DOCUMENT + ": " + request.getMethod() + " " + uri
                    + " -> " + response.getStatusCode() + "\n" + report.getMessages() + "\nResponse: " + response.getBody().asString());
        }
        return response;
    }

    private static String decode(String value) {
        return java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
