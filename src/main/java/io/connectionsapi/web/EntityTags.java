package io.connectionsapi.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gives every successful answer of a {@code GET} an {@code ETag} and answers {@code If-None-Match} with a 304: a
 * document's strong tag when the answer shows one document ({@link Preconditions#current}), else a weak tag over
 * the answer's JSON. The digest is taken by serialising the answer into a digest, not by holding the body as
 * Spring's {@code ShallowEtagHeaderFilter} does (which also skips every answer marked {@code no-store}, as the
 * API's are). Weak, because Tomcat does not compress an answer with a strong tag, and a page of a list is what
 * compression is for. A {@code PUT} by path answers with the tag of the document it leaves ({@link Preconditions#answer}).
 */
@RestControllerAdvice
class EntityTags implements ResponseBodyAdvice<Object> {

    private final JsonMapper json;

    EntityTags(JsonMapper json) {
        this.json = json;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public @Nullable Object beforeBodyWrite(@Nullable Object body, MethodParameter returnType, MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request, ServerHttpResponse response) {
        if (!(body instanceof Envelope) || !(request instanceof ServletServerHttpRequest servletRequest)
                || !(response instanceof ServletServerHttpResponse servletResponse)) {
            return body;
        }
        HttpServletRequest in = servletRequest.getServletRequest();
        HttpServletResponse out = servletResponse.getServletResponse();
        Preconditions conditions = Preconditions.of(in);
        boolean read = "GET".equals(in.getMethod()) || "HEAD".equals(in.getMethod());
        String tag = conditions.tag();
        if (tag == null && read) {
            tag = "W/\"" + digest(body) + "\"";
        }
        if (tag == null) {
            return body;
        }
        boolean notModified = read && conditions.notModified(tag);
        out.setHeader(HttpHeaders.ETAG, tag);
        if (notModified) {
            out.setStatus(HttpStatus.NOT_MODIFIED.value());
            return null;
        }
        return body;
    }

    private String digest(Object body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
                json.writeValue(sink, body);
            }
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest.digest(), 16));
        } catch (NoSuchAlgorithmException | java.io.IOException e) {
            throw new IllegalStateException("SHA-256 over a null stream cannot fail", e);
        }
    }
}
