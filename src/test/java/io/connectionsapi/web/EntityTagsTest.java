package io.connectionsapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** A list's tag costs no serialisation of its own: the page is written once, by the converter, and tagged from those bytes. */
class EntityTagsTest {

    /** A page that fails the test when anything reads it. */
    private static final List<Object> UNREAD = new AbstractList<>() {
        @Override
        public Object get(int index) {
            throw new AssertionError("the page was read before the converter wrote it");
        }

        @Override
        public int size() {
            throw new AssertionError("the page was read before the converter wrote it");
        }
    };

    Envelope handler() {
        return Envelope.of("get_connections_successful", UNREAD);
    }

    @Test
    void aListIsTaggedFromTheBytesTheConverterWritesWithoutBeingReadByTheTagger() throws Exception {
        MockHttpServletResponse sent = new MockHttpServletResponse();
        HeldResponse held = new HeldResponse(sent);
        Envelope envelope = handler();

        Object written = new EntityTags().beforeBodyWrite(envelope,
                new MethodParameter(EntityTagsTest.class.getDeclaredMethod("handler"), -1), MediaType.APPLICATION_JSON,
                JacksonJsonHttpMessageConverter.class,
                new ServletServerHttpRequest(new MockHttpServletRequest("GET", "/connections/v1/connections")),
                new ServletServerHttpResponse(held));
        assertThat(written).isSameAs(envelope);
        assertThat(sent.getHeader("ETag")).isNull(); // not known until the body is

        byte[] body = "{\"as the converter wrote it\":true}".getBytes(StandardCharsets.UTF_8);
        held.getOutputStream().write(body);
        held.send();
        assertThat(sent.getHeader("ETag")).isEqualTo(HeldResponseTest.weakDigest(body));
    }
}
