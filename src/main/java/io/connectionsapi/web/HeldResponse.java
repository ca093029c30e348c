package io.connectionsapi.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * An answer held back by {@link UnitOfWorkFilter} until its unit of work is done: the body and the status; headers
 * go through (the same on every attempt). The body is serialised once, into this buffer, and sent from it.
 */
final class HeldResponse extends ContentCachingResponseWrapper {

    private int status = HttpServletResponse.SC_OK;
    /** The conditions of a read whose answer is tagged by its body ({@link EntityTags}), once that body is whole. */
    private @Nullable Preconditions taggedByBody;

    HeldResponse(HttpServletResponse response) {
        super(response);
    }

    @Override
    public void setStatus(int status) {
        this.status = status;
    }

    @Override
    public int getStatus() {
        return status;
    }

    @Override
    public void sendError(int status) throws IOException {
        this.status = status;
        super.sendError(status);
    }

    @Override
    public void sendError(int status, String message) throws IOException {
        this.status = status;
        super.sendError(status, message);
    }

    /**
     * Tags this answer, if it is a {@code 200}, with a weak tag over the bytes it sends, and makes it a {@code 304}
     * without a body when {@code conditions} say the client has them already: the digest is taken from the buffer
     * the body was serialised into, not by serialising it a second time.
     */
    void tagByBody(Preconditions conditions) {
        taggedByBody = conditions;
    }

    void send() throws IOException {
        HttpServletResponse response = (HttpServletResponse) getResponse();
        if (taggedByBody != null && status == HttpServletResponse.SC_OK) {
            String tag = EntityTags.weakTag(getContentInputStream());
            response.setHeader(HttpHeaders.ETAG, tag);
            if (taggedByBody.notModified(tag)) {
                status = HttpServletResponse.SC_NOT_MODIFIED;
                resetBuffer();
                response.setContentType(null); // as a 304 whose body was never written has none
            }
        }
        response.setStatus(status);
        copyBodyToResponse();
    }
}
