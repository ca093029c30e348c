package io.connectionsapi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** How conditional headers are read and compared (RFC 9110, sections 8.8.3 and 13.1). */
class PreconditionsTest {

    private static Preconditions with(String header, String... values) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/connections/v1/connections");
        for (String value : values) {
            request.addHeader(header, value);
        }
        return Preconditions.of(request);
    }

    @Test
    void ifNoneMatchComparesWeaklyAcrossListsAndLines() {
        assertThat(with("If-None-Match", "\"a\"").notModified("\"a\"")).isTrue();
        assertThat(with("If-None-Match", "W/\"a\"").notModified("\"a\"")).isTrue();
        assertThat(with("If-None-Match", "\"a\"").notModified("W/\"a\"")).isTrue();
        assertThat(with("If-None-Match", "\"x\" ,W/\"y\",\"a\"").notModified("\"a\"")).isTrue();
        assertThat(with("If-None-Match", "\"x\"", "\"a\"").notModified("\"a\"")).isTrue();
        assertThat(with("If-None-Match", "*").notModified("W/\"b\"")).isTrue();
        assertThat(with("If-None-Match", "\"a\"").notModified("\"b\"")).isFalse();
        assertThat(with("X-Other", "\"a\"").notModified("\"a\"")).isFalse();
    }

    @Test
    void ifMatchComparesStronglySoAWeakTagNeverMatches() {
        with("If-Match", "\"a\"").requireMatch("\"a\""); // holds: the GET goes on
        with("If-Match", "*").requireMatch(null); // a list's weak tag, which only * matches
        with("X-Other", "\"a\"").requireMatch(null);
        assertThat(with("If-Match", "\"a\"").notModified("\"a\"")).isFalse(); // If-Match never makes a 304
        assertThatThrownBy(() -> with("If-Match", "W/\"a\"").requireMatch("\"a\""))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PRECONDITION_FAILED));
        assertThatThrownBy(() -> with("If-Match", "\"a\"").requireMatch(null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("If-Match"));
    }

    @Test
    void anEntityTagMayHoldCommasInsideItsQuotes() {
        assertThat(with("If-None-Match", "\"a,b\"").notModified("\"a,b\"")).isTrue();
        assertThat(with("If-None-Match", "\"a,b\"").notModified("\"a\"")).isFalse();
    }

    @Test
    void malformedHeadersAreA400NamingTheHeader() {
        for (String bad : new String[] {"a", "\"open", "W/a", "*, \"a\"", " , ", "\"a\" b"}) {
            assertThatThrownBy(() -> with("If-Match", bad)).as(bad)
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                        assertThat(e.errors().get(0).field()).isEqualTo("If-Match");
                    });
        }
    }

    @Test
    void aDocumentsTagIsStrongAndFollowsEveryStoredFieldButTheClaimMark() {
        Document stored = new Document("_id", "c1").append("tenant_id", "t").append("strength", 10);
        String tag = Preconditions.tagOf(stored);
        assertThat(tag).matches("\"[A-Za-z0-9_-]{22}\"");
        assertThat(Preconditions.tagOf(new Document(stored))).isEqualTo(tag);
        assertThat(Preconditions.tagOf(new Document(stored).append("strength", 11))).isNotEqualTo(tag);
        assertThat(Preconditions.tagOf(new Document(stored).append("claimed_by", "x"))).isEqualTo(tag);
    }
}
