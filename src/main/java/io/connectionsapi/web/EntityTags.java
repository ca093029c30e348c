package io.connectionsapi.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
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
import org.springframework.web.util.WebUtils;

/**
 * Gives every successful answer of a {@code GET} an {@code ETag} and answers {@code If-None-Match} with a 304: a
 * document's strong tag when the answer shows one document ({@link Preconditions#current}), else a weak tag over
 * the answer's JSON, the bytes sent before any compression ({@link #weakTag}). That digest is taken from the buffer
 * the answer is held in for its unit of work ({@link HeldResponse#tagByBody}), so the body is serialised once; not
 * by Spring's {@code ShallowEtagHeaderFilter}, which holds a copy of its own and skips every answer marked
 * {@code no-store}, as the API's are. Weak, because Tomcat does not compress an answer with a strong tag, and a page
 * of a list is what compression is for. A {@code PUT} by path answers with the tag of the document it leaves
 * ({@link Preconditions#answer}).
 */
@RestControllerAdvice
class EntityTags implements ResponseBodyAdvice<Object> {

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
        if (read) {
            conditions.requireMatch(tag);
        }
        if (tag != null) {
            out.setHeader(HttpHeaders.ETAG, tag);
            if (read && conditions.notModified(tag)) {
                out.setStatus(HttpStatus.NOT_MODIFIED.value());
                return null;
            }
        } else if (read) {
            // every API answer is held for its unit of work (UnitOfWorkFilter); one that was not would go untagged
            HeldResponse held = WebUtils.getNativeResponse(out, HeldResponse.class);
            if (held != null) {
                held.tagByBody(conditions);
            }
        }
        return body;
    }

    /** The weak tag of a body: the first 128 bits of its SHA-256, in URL-safe Base64. */
    static String weakTag(InputStream body) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
                body.transferTo(sink);
            }
            return "W/\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest.digest(), 16)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
