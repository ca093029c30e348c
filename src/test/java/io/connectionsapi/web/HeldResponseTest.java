package io.connectionsapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A held answer tagged by its body: the tag is the digest of the bytes written into the buffer, whatever they are
 * (here not an envelope at all, so nothing could have serialised them again), and it makes the 304.
 */
class HeldResponseTest {

    private static final byte[] BODY = "{\"any\":\"bytes, written once\"}".getBytes(StandardCharsets.UTF_8);

    /** RFC 9110's weak tag over the first 128 bits of the body's SHA-256, in URL-safe Base64: what clients may rely on. */
    static String weakDigest(byte[] body) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
        return "W/\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)) + "\"";
    }

    private static MockHttpServletResponse sent(MockHttpServletRequest request, int status) throws IOException {
        MockHttpServletResponse sent = new MockHttpServletResponse();
        HeldResponse held = new HeldResponse(sent);
        held.setStatus(status);
        held.setContentType("application/json");
        held.getOutputStream().write(BODY);
        held.tagByBody(Preconditions.of(request));
        held.send();
        return sent;
    }

    private static MockHttpServletRequest get(String... ifNoneMatch) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/connections/v1/connections");
        for (String tag : ifNoneMatch) {
            request.addHeader("If-None-Match", tag);
        }
        return request;
    }

    @Test
    void theTagIsTheDigestOfTheHeldBytesWhichAreSentAsTheyAre() throws Exception {
        MockHttpServletResponse sent = sent(get(), 200);
        assertThat(sent.getStatus()).isEqualTo(200);
        assertThat(sent.getHeader("ETag")).isEqualTo(weakDigest(BODY));
        assertThat(sent.getContentAsByteArray()).isEqualTo(BODY);
        assertThat(sent.getContentType()).isEqualTo("application/json");
    }

    @Test
    void ifNoneMatchWithThatTagIsA304WithTheTagAndNoBody() throws Exception {
        MockHttpServletResponse sent = sent(get("\"other\"", weakDigest(BODY).substring(2)), 200);
        assertThat(sent.getStatus()).isEqualTo(304);
        assertThat(sent.getHeader("ETag")).isEqualTo(weakDigest(BODY));
        assertThat(sent.getContentAsByteArray()).isEmpty();
        assertThat(sent.getContentType()).isNull();
    }

    @Test
    void anotherTagLeavesThe200() throws Exception {
        MockHttpServletResponse sent = sent(get("W/\"stale\""), 200);
        assertThat(sent.getStatus()).isEqualTo(200);
        assertThat(sent.getContentAsByteArray()).isEqualTo(BODY);
    }

    @Test
    void anAnswerThatIsNotA200IsSentUntagged() throws Exception {
        MockHttpServletResponse sent = sent(get("*"), 500);
        assertThat(sent.getStatus()).isEqualTo(500);
        assertThat(sent.getHeader("ETag")).isNull();
        assertThat(sent.getContentAsByteArray()).isEqualTo(BODY);
    }
}
