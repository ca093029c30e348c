package io.connectionsapi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.connectionsapi.support.ApiTest;
import io.connectionsapi.support.ErrorEnvelope;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pagination links and keyset cursors: {@code next}/{@code previous} keep every parameter and round-trip,
 * cursors walk every sort in both orders exactly as one big page lists it, stay stable while documents are
 * inserted and deleted between pages, and refuse to be changed, moved to another tenant or another query.
 */
class PageLinksTest extends ApiTest {

    /** {@code count} connections whose notes are c0, c1, ...: strength i % 5 (ties), starts_at on every third. */
    private void connections(int from, int count) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            Map<String, Object> item = new HashMap<>(Map.of("notes", "c" + i, "strength", i % 5, "priority", i % 3,
                    "status", i % 2 == 0 ? "ACTIVE" : "PLANNED",
                    "connection_from_entity", Map.of("connection_entity_id", "p" + i % 4, "connection_entity_type", i % 2 == 0 ? "PERSON" : "TEAM"),
                    "connection_to_entity", Map.of("connection_entity_id", "r" + i % 3, "connection_entity_type", "ROOM")));
            if (i % 3 == 0) {
                item.put("starts_at", "2026-01-0" + (1 + i % 7) + "T00:00:00Z");
            }
            items.add(item);
        }
        post("/connections", Map.of("connections", items)).statusCode(200);
    }

    private ExtractableResponse<Response> page(String pathAndQuery) {
        return as().urlEncodingEnabled(false).get(pathAndQuery).then().statusCode(200).extract();
    }

    @Test
    void nextAndPreviousKeepEveryParameterAndRoundTrip() {
        connections(0, 7);
        String first = BASE + "/connections?strength__gte=1&sort=strength&order=desc&limit=2&status__in=ACTIVE,PLANNED";
        var one = page(first);
        assertThat(one.<String>path("pagination.previous")).isNull();
        String next = one.path("pagination.next");
        assertThat(next).isEqualTo(BASE + "/connections?strength__gte=1&sort=strength&order=desc&limit=2&status__in=ACTIVE,PLANNED&skip=2");
        assertThat(one.<String>path("data.pagination.next")).isEqualTo(next);

        var two = page(next);
        assertThat(two.<Integer>path("pagination.current_results.from")).isEqualTo(3);
        assertThat(two.<String>path("pagination.previous"))
                .isEqualTo(BASE + "/connections?strength__gte=1&sort=strength&order=desc&limit=2&status__in=ACTIVE,PLANNED&skip=0");
        assertThat(page(two.path("pagination.previous")).<List<String>>path("data.connections.notes"))
                .isEqualTo(one.path("data.connections.notes"));

        // strengths 1..4 of c0..c6: c1 c2 c3 c4 c6 (five), so the third page is the last
        var three = page(two.path("pagination.next"));
        assertThat(three.<List<String>>path("data.connections.notes")).hasSize(1);
        assertThat(three.<String>path("pagination.next")).isNull();
        assertThat(three.<String>path("pagination.next_cursor")).isNull();
        assertThat(three.<Integer>path("pagination.total_results")).isEqualTo(5);

        // a value that needs encoding comes back as the same value
        String encoded = as().queryParam("starts_at__lte", "2026-01-07T01:00:00+01:00").queryParam("limit", "1")
                .get(BASE + "/connections").then().statusCode(200).extract().path("pagination.next");
        assertThat(encoded).contains("starts_at__lte=2026-01-07T01:00:00%2B01:00");
        assertThat(page(encoded).<Integer>path("pagination.current_results.from")).isEqualTo(2);
    }

    @Test
    void aSkipPastTheEndHasAPreviousLinkAndNoNext() {
        connections(0, 3);
        var past = page(BASE + "/connections?skip=10&limit=2");
        assertThat(past.<List<Object>>path("data.connections")).isEmpty();
        assertThat(past.<String>path("pagination.next")).isNull();
        assertThat(past.<String>path("pagination.previous")).isEqualTo(BASE + "/connections?skip=8&limit=2");
    }

    @Test
    void cursorsWalkEverySortInBothOrdersExactlyAsOneLongPage() {
        connections(0, 13);
        var sorts = List.of("strength", "priority", "status", "created_at", "updated_at", "starts_at", "ends_at", "_id",
                "connection_from_entity.connection_entity_id", "connection_to_entity.connection_entity_id",
                "connection_from_entity.connection_entity_type", "connection_to_entity.connection_entity_type");
        for (String sort : sorts) {
            for (String order : List.of("asc", "desc")) {
                String query = "/connections?sort=" + sort + "&order=" + order;
                List<String> whole = page(BASE + query + "&limit=1000").path("data.connections._id");
                assertThat(walk(BASE + query + "&limit=4")).as("%s %s", sort, order).isEqualTo(whole);
            }
        }
        List<String> filtered = page(BASE + "/connections?strength__lt=3&sort=starts_at&limit=1000").path("data.connections._id");
        assertThat(walk(BASE + "/connections?strength__lt=3&sort=starts_at&limit=2")).isEqualTo(filtered);
    }

    @Test
    void cursorsWalkEverySortOfTheOtherListsToo() {
        List<Map<String, Object>> labels = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Map<String, Object> label = new HashMap<>(Map.of("name", (i % 2 == 0 ? "Name " : "name ") + i % 4 + "-" + i));
            if (i % 3 != 0) {
                label.put("type", "type-" + i % 2);
            }
            labels.add(label);
        }
        List<String> labelIds = post("/labels", Map.of("labels", labels)).statusCode(201).extract().path("data.labels._id");
        List<Map<String, Object>> mappings = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            mappings.add(Map.of("label_id", labelIds.get(i % 3), "entity_id", "e" + i % 5 + "-" + i,
                    "entity_type", i % 2 == 0 ? "PERSON" : "ROOM"));
        }
        post("/labels/mapping", Map.of("mappings", mappings)).statusCode(201);
        connections(0, 4);

        Map<String, List<String>> sorts = Map.of(
                "/labels", List.of("name", "type", "status", "created_at", "updated_at", "_id"),
                "/labels/mapping", List.of("label_id", "entity_id", "entity_type", "created_at", "updated_at", "_id"),
                "/entities", List.of("connection_entity_id", "connection_entity_type", "created_at", "updated_at"));
        Map<String, String> ids = Map.of("/labels", "data.labels._id", "/labels/mapping", "data.label_mappings._id",
                "/entities", "data.entities.connection_entity_id");
        sorts.forEach((list, fields) -> {
            for (String sort : fields) {
                for (String order : List.of("asc", "desc")) {
                    String query = BASE + list + "?sort=" + sort + "&order=" + order;
                    List<String> whole = page(query + "&limit=1000").path(ids.get(list));
                    List<String> walked = new ArrayList<>();
                    var page = page(query + "&limit=3");
                    walked.addAll(page.path(ids.get(list)));
                    while (page.path("pagination.next_cursor") != null) {
                        page = page(query + "&limit=3&cursor=" + page.path("pagination.next_cursor"));
                        walked.addAll(page.path(ids.get(list)));
                    }
                    assertThat(walked).as("%s %s %s", list, sort, order).isEqualTo(whole).hasSizeGreaterThan(3);
                }
            }
        });
    }

    /** Every ID a walk by cursors finds, following next_cursor (and checking the next link says the same). */
    private List<String> walk(String first) {
        List<String> seen = new ArrayList<>();
        var page = page(first);
        seen.addAll(page.path("data.connections._id"));
        int pages = 1;
        while (page.path("pagination.next_cursor") != null) {
            String cursor = page.path("pagination.next_cursor");
            String next = page.path("pagination.next");
            if (pages > 1) {
                assertThat(next).contains("cursor=" + cursor).doesNotContain("skip=");
                assertThat(page.<String>path("pagination.previous")).isNull();
            }
            page = page(first + "&cursor=" + cursor);
            assertThat(page.<Integer>path("pagination.current_results.from")).isEqualTo(seen.size() + 1);
            seen.addAll(page.path("data.connections._id"));
            assertThat(++pages).as("pages of %s", first).isLessThan(100);
        }
        assertThat(page.<String>path("pagination.next")).isNull();
        return seen;
    }

    @Test
    void aCursorPageNeitherRepeatsNorSkipsWhileDocumentsAreInsertedAndDeletedBeforeIt() {
        connections(0, 10);
        String query = BASE + "/connections?sort=strength&limit=4";
        var one = page(query);
        List<String> firstIds = one.path("data.connections._id");
        String cursor = one.path("pagination.next_cursor");
        List<String> before = page(query.replace("limit=4", "limit=1000")).path("data.connections._id");

        // insert documents that sort before, at and after the cursor's position, and delete one already seen
        connections(100, 10);
        delete("/connections", Map.of("connections", List.of(Map.of("connection_id", firstIds.get(0))))).statusCode(200);
        // and one not yet seen: it must not appear, and nothing must be skipped for it
        String deletedAhead = before.get(6);
        delete("/connections", Map.of("connections", List.of(Map.of("connection_id", deletedAhead)))).statusCode(200);

        List<String> rest = new ArrayList<>();
        var page = page(query + "&cursor=" + cursor);
        rest.addAll(page.path("data.connections._id"));
        while (page.path("pagination.next_cursor") != null) {
            page = page(query + "&cursor=" + page.path("pagination.next_cursor"));
            rest.addAll(page.path("data.connections._id"));
        }
        List<String> now = page(query.replace("limit=4", "limit=1000")).path("data.connections._id");
        String last = firstIds.get(firstIds.size() - 1);
        // exactly what follows page one's last document in the list as it is now
        List<String> expected = now.subList(now.indexOf(last) + 1, now.size());
        assertThat(now).contains(last);
        assertThat(rest).isEqualTo(expected);
        assertThat(new LinkedHashSet<>(rest)).hasSameSizeAs(rest).doesNotContainAnyElementsOf(firstIds).doesNotContain(deletedAhead);
        assertThat(rest).containsAll(before.subList(4, before.size()).stream().filter(id -> !id.equals(deletedAhead)).toList());
    }

    @Test
    void aWalkByCursorWhileAnotherClientInsertsSeesEveryEarlierDocumentOnceInOrder() throws Exception {
        connections(0, 12);
        String query = BASE + "/connections?sort=strength&limit=3";
        List<String> originals = page(query.replace("limit=3", "limit=1000")).path("data.connections._id");
        var writer = java.util.concurrent.Executors.newSingleThreadExecutor();
        var inserting = writer.submit(() -> {
            for (int round = 0; round < 6; round++) {
                connections(100 + round * 3, 3);
            }
            return null;
        });
        List<String> walked = new ArrayList<>();
        var page = page(query);
        walked.addAll(page.path("data.connections._id"));
        while (page.path("pagination.next_cursor") != null) {
            page = page(query + "&cursor=" + page.path("pagination.next_cursor"));
            walked.addAll(page.path("data.connections._id"));
        }
        inserting.get();
        writer.shutdown();

        List<String> now = page(query.replace("limit=3", "limit=1000")).path("data.connections._id");
        assertThat(new LinkedHashSet<>(walked)).as("no repeats").hasSameSizeAs(walked);
        assertThat(walked).as("every document there before the walk").containsAll(originals);
        // in the list's order: the walk is the current list less some of the documents inserted meanwhile
        assertThat(walked).isEqualTo(now.stream().filter(walked::contains).toList());
    }

    @Test
    void aCursorStillWorksWhenItsOwnLastDocumentIsDeleted() {
        connections(0, 6);
        String query = BASE + "/connections?sort=priority&order=desc&limit=3";
        var one = page(query);
        List<String> all = page(query.replace("limit=3", "limit=1000")).path("data.connections._id");
        delete("/connections", Map.of("connections", List.of(Map.of("connection_id", all.get(2))))).statusCode(200);
        assertThat(page(query + "&cursor=" + one.path("pagination.next_cursor")).<List<String>>path("data.connections._id"))
                .isEqualTo(all.subList(3, 6));
    }

    @Test
    void changedCursorsOtherTenantsCursorsAndCursorsOfAnotherQueryAre400s() {
        connections(0, 5);
        String cursor = page(BASE + "/connections?sort=strength&limit=2").path("pagination.next_cursor");
        assertThat(cursor).isNotNull();

        rejected("/connections?sort=strength&limit=2&cursor=" + tamper(cursor), "is not a cursor this server issued");
        rejected("/connections?sort=strength&limit=2&cursor=" + cursor.substring(0, cursor.indexOf('.')), "is not a cursor this server issued");
        rejected("/connections?sort=strength&limit=2&cursor=garbage", "is not a cursor this server issued");
        rejected("/connections?sort=strength&limit=2&cursor=" + "x".repeat(5000), "is not a cursor this server issued");
        rejected("/connections?sort=priority&limit=2&cursor=" + cursor, "belongs to another query");
        rejected("/connections?sort=strength&order=desc&limit=2&cursor=" + cursor, "belongs to another query");
        rejected("/connections?sort=strength&status=ACTIVE&limit=2&cursor=" + cursor, "belongs to another query");
        rejected("/labels?sort=strength&limit=2&cursor=" + cursor, "must be one of");
        var both = as().urlEncodingEnabled(false).get(BASE + "/connections?sort=strength&skip=2&cursor=" + cursor).then();
        ErrorEnvelope.rejected(both, 400, "validation_failed").body("errors[0].field", equalTo("skip"));

        String other = newKey("other-" + tenant, "read", "write");
        var foreign = as(other).urlEncodingEnabled(false).get(BASE + "/connections?sort=strength&limit=2&cursor=" + cursor).then();
        ErrorEnvelope.rejected(foreign, 400, "validation_failed").body("errors[0].field", equalTo("cursor"))
                .body("errors[0].message", containsString("was not issued to this tenant"));

        // the limit may change between pages, and so may the order of the parameters
        page(BASE + "/connections?limit=3&sort=strength&cursor=" + cursor);
        get("/connections?sort=strength&limit=2").body("pagination.next_cursor", equalTo(cursor));
    }

    /** The cursor with one character of its payload changed: still well-formed, no longer signed. */
    private static String tamper(String cursor) {
        char c = cursor.charAt(5);
        return cursor.substring(0, 5) + (c == 'A' ? 'B' : 'A') + cursor.substring(6);
    }

    private void rejected(String query, String message) {
        var response = as().urlEncodingEnabled(false).get(BASE + query).then();
        ErrorEnvelope.rejected(response, 400, "validation_failed")
                .body("errors.find { it.field == 'cursor' || it.field == 'sort' }.message", containsString(message));
    }

    @Test
    void theLastPageHasNoCursorAndAnEmptyListHasNoLinks() {
        get("/connections").statusCode(200).body("pagination.next", nullValue()).body("pagination.previous", nullValue())
                .body("pagination.next_cursor", nullValue()).body("data.pagination.next_cursor", nullValue());
        connections(0, 4);
        get("/connections?limit=4").body("pagination.next_cursor", nullValue()).body("pagination.next", nullValue());
        get("/connections?limit=3").body("pagination.next", equalTo(BASE + "/connections?limit=3&skip=3"));
        get("/labels?limit=1").statusCode(200).body("pagination.next", nullValue());
    }
}
