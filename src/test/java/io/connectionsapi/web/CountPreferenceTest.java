package io.connectionsapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectionsapi.support.ApiTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code Prefer: count=exact|estimated|none} on the lists: what each answers, in which header, and which commands
 * it costs; and that a request without the header is answered exactly as before. The cap itself, which needs more
 * documents than these tests write, is pinned by {@code store/CountingTest}.
 */
class CountPreferenceTest extends ApiTest {

    /** Five connections, notes c0..c4, so a page of two is full and more follow. */
    private void fiveConnections() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            items.add(Map.of("notes", "c" + i, "strength", i,
                    "connection_from_entity", Map.of("connection_entity_id", "p" + i, "connection_entity_type", "PERSON"),
                    "connection_to_entity", Map.of("connection_entity_id", "room", "connection_entity_type", "ROOM")));
        }
        post("/connections", Map.of("connections", items)).statusCode(200);
    }

    /**
     * A list page, with each of {@code prefer} as a {@code Prefer} header of its own. Requests with several are
     * not checked against the OpenAPI document: its validator takes a header that comes twice for a malformed
     * array, though HTTP makes several lines one comma-separated list.
     */
    private ExtractableResponse<Response> list(String pathAndQuery, String... prefer) {
        var request = as().urlEncodingEnabled(false);
        if (prefer.length > 1) {
            request = request.noFilters();
        }
        for (String header : prefer) {
            request = request.header("Prefer", header);
        }
        return request.get(pathAndQuery.startsWith(BASE) ? pathAndQuery : BASE + pathAndQuery)
                .then().statusCode(200).extract();
    }

    @Test
    void withoutThePreferenceTheAnswerIsTheSameAsAnExactCountButSaysNothingOfIt() {
        fiveConnections();
        List<String> sent = new ArrayList<>();
        var plain = new ArrayList<ExtractableResponse<Response>>();
        sent.addAll(commands.during(() -> plain.add(list("/connections?sort=strength&limit=2"))));
        assertThat(sent).hasSize(2); // the page, and the count a full page needs
        assertThat(plain.get(0).header("Preference-Applied")).isNull();
        assertThat(plain.get(0).<Integer>path("pagination.total_results")).isEqualTo(5);
        assertThat(plain.get(0).<Map<String, Object>>path("pagination")).doesNotContainKey("total_results_exact");
        assertThat(plain.get(0).<Map<String, Object>>path("data.pagination")).doesNotContainKey("total_results_exact");

        var exact = list("/connections?sort=strength&limit=2", "count=exact");
        assertThat(exact.header("Preference-Applied")).isEqualTo("count=exact");
        assertThat(exact.body().asString()).isEqualTo(plain.get(0).body().asString());
    }

    @Test
    void anEstimateBelowTheCapIsExactAndSaysSo() {
        fiveConnections();
        var full = new ArrayList<ExtractableResponse<Response>>();
        assertThat(commands.during(() -> full.add(list("/connections?sort=strength&limit=2", "count=estimated"))))
                .hasSize(2);
        assertThat(full.get(0).header("Preference-Applied")).isEqualTo("count=estimated");
        assertThat(full.get(0).<Integer>path("pagination.total_results")).isEqualTo(5);
        assertThat(full.get(0).<Boolean>path("pagination.total_results_exact")).isTrue();
        assertThat(full.get(0).<Boolean>path("data.pagination.total_results_exact")).isTrue();

        // a short page ends the list: exact without counting
        var last = new ArrayList<ExtractableResponse<Response>>();
        assertThat(commands.during(() -> last.add(list("/connections?sort=strength&limit=2&skip=4", "count=estimated"))))
                .hasSize(1);
        assertThat(last.get(0).<Integer>path("pagination.total_results")).isEqualTo(5);
        assertThat(last.get(0).<Boolean>path("pagination.total_results_exact")).isTrue();
    }

    @Test
    void withoutACountThePageSaysWhatItProvesAndSendsOneCommand() {
        fiveConnections();
        var first = new ArrayList<ExtractableResponse<Response>>();
        assertThat(commands.during(() -> first.add(list("/connections?sort=strength&limit=2", "count=none"))))
                .containsExactly("find");
        var one = first.get(0);
        assertThat(one.header("Preference-Applied")).isEqualTo("count=none");
        assertThat(one.<List<String>>path("data.connections.notes")).containsExactly("c0", "c1");
        assertThat(one.<Integer>path("pagination.total_results")).isEqualTo(3); // two here, and at least one more
        assertThat(one.<Boolean>path("pagination.total_results_exact")).isFalse();
        assertThat(one.<String>path("pagination.next")).isEqualTo(BASE + "/connections?sort=strength&limit=2&skip=2");
        assertThat(one.<String>path("pagination.next_cursor")).isNotNull();

        // a full last page: nothing beyond it, so the total is known
        var end = list("/connections?sort=strength&limit=2&skip=3", "count=none");
        assertThat(end.<List<String>>path("data.connections.notes")).containsExactly("c3", "c4");
        assertThat(end.<Integer>path("pagination.total_results")).isEqualTo(5);
        assertThat(end.<Boolean>path("pagination.total_results_exact")).isTrue();
        assertThat(end.<String>path("pagination.next")).isNull();
        assertThat(end.<String>path("pagination.next_cursor")).isNull();

        // past the end nothing tells where the list ended
        var past = list("/connections?sort=strength&limit=2&skip=10", "count=none");
        assertThat(past.<List<String>>path("data.connections")).isEmpty();
        assertThat(past.<Boolean>path("pagination.total_results_exact")).isFalse();
        assertThat(past.<String>path("pagination.next")).isNull();
    }

    @Test
    void cursorsWalkTheWholeListWithoutACount() {
        fiveConnections();
        List<String> seen = new ArrayList<>();
        List<String> sent = new ArrayList<>();
        String next = BASE + "/connections?sort=strength&order=desc&limit=2";
        while (next != null) {
            String url = next;
            var page = new ArrayList<ExtractableResponse<Response>>();
            sent.addAll(commands.during(() -> page.add(list(url, "count=none"))));
            seen.addAll(page.get(0).path("data.connections.notes"));
            String cursor = page.get(0).path("pagination.next_cursor");
            next = cursor == null ? null : BASE + "/connections?sort=strength&order=desc&limit=2&cursor=" + cursor;
        }
        assertThat(seen).containsExactly("c4", "c3", "c2", "c1", "c0");
        assertThat(sent).containsOnly("find");
    }

    @Test
    void preferencesAreReadAsRfc7240SaysAndUnknownOnesIgnored() {
        fiveConnections();
        String query = "/connections?sort=strength&limit=2";
        var among = list(query, "return=minimal, count=none; foo=\"a,b\"", "handling=lenient");
        assertThat(among.header("Preference-Applied")).isEqualTo("count=none");
        assertThat(among.<Integer>path("pagination.total_results")).isEqualTo(3);

        var severalHeaders = list(query, "handling=lenient", "COUNT=\"estimated\"");
        assertThat(severalHeaders.header("Preference-Applied")).isEqualTo("count=estimated");

        var firstWins = list(query, "count=none,count=exact");
        assertThat(firstWins.header("Preference-Applied")).isEqualTo("count=none");

        for (String unknown : List.of("count=planned", "return=representation", "count")) {
            var ignored = list(query, unknown);
            assertThat(ignored.header("Preference-Applied")).as(unknown).isNull();
            assertThat(ignored.<Integer>path("pagination.total_results")).as(unknown).isEqualTo(5);
            assertThat(ignored.<Map<String, Object>>path("pagination")).as(unknown).doesNotContainKey("total_results_exact");
        }
    }

    @Test
    void everyListTakesIt() {
        String label = post("/labels", Map.of("labels", List.of(Map.of("name", "A"), Map.of("name", "B")))).statusCode(201)
                .extract().path("data.labels[0]._id");
        post("/labels/mapping", Map.of("mappings", List.of(
                Map.of("label_id", label, "entity_id", "p1", "entity_type", "PERSON"),
                Map.of("label_id", label, "entity_id", "p2", "entity_type", "PERSON")))).statusCode(201);
        for (String path : List.of("/labels", "/labels/mapping", "/entities")) {
            var page = list(path + "?limit=1", "count=none");
            assertThat(page.header("Preference-Applied")).as(path).isEqualTo("count=none");
            assertThat(page.<Integer>path("pagination.total_results")).as(path).isEqualTo(2);
            assertThat(page.<Boolean>path("pagination.total_results_exact")).as(path).isFalse();
        }
        // a refused request honours nothing
        var refused = as().header("Prefer", "count=none").get(BASE + "/labels?limit=0").then().statusCode(400).extract();
        assertThat(refused.header("Preference-Applied")).isNull();
    }
}
