package io.connectionsapi.web;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectionsapi.store.ListQuery;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ListSpecTest {

    private final ListSpec spec = ListSpec.builder()
            .filter("status", (value, all) -> eq("status", value))
            .filter("kind", Set.of("A", "B"), (value, all) -> eq("kind", value))
            .compare(Compared.number("size"))
            .sortable("name", "created_at", "_id")
            .build();

    private static org.springframework.util.MultiValueMap<String, String> query(String... pairs) {
        var map = new org.springframework.util.LinkedMultiValueMap<String, String>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.add(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static ErrorDetail onlyError(Runnable parse) {
        var thrown = org.assertj.core.api.Assertions.catchThrowableOfType(ApiException.class, parse::run);
        assertThat(thrown.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(thrown.errors()).hasSize(1);
        return thrown.errors().get(0);
    }

    @Test
    void orderAndEnumeratedValuesAreReadInAnyCase() {
        assertThat(spec.parse(query("order", "DESC")).ascending()).isFalse();
        assertThat(spec.parse(query("order", "Asc")).ascending()).isTrue();
        assertThat(spec.parse(query("kind", "b")).conditions()).containsExactly(eq("kind", "B"));
        assertThat(onlyError(() -> spec.parse(query("order", "up"))).field()).isEqualTo("order");
        assertThat(onlyError(() -> spec.parse(query("kind", "c"))).field()).isEqualTo("kind");
    }

    @Test
    void fieldsIsAParameterOfEveryListNotAFilter() {
        assertThat(spec.parse(query("fields", "name")).conditions()).isEmpty();
        assertThat(onlyError(() -> spec.parse(query("fields", "a", "fields", "b"))).message()).isEqualTo("must be given once");
    }

    @Test
    void defaultsAreTheFirstPageOf25ByCreationTimeAscending() {
        ListQuery parsed = spec.parse(query());
        assertThat(parsed.skip()).isZero();
        assertThat(parsed.limit()).isEqualTo(25);
        assertThat(parsed.sort()).isEqualTo("created_at");
        assertThat(parsed.ascending()).isTrue();
        assertThat(parsed.conditions()).isEmpty();
    }

    @Test
    void filtersBecomeEqualityConditionsOnPlainStrings() {
        ListQuery parsed = spec.parse(query("status", "{\"$ne\": null}", "kind", "A", "skip", "5", "limit", "1000",
                "sort", "name", "order", "desc"));
        assertThat(parsed.conditions()).containsExactly(eq("status", "{\"$ne\": null}"), eq("kind", "A"));
        assertThat(parsed.skip()).isEqualTo(5);
        assertThat(parsed.limit()).isEqualTo(1000);
        assertThat(parsed.ascending()).isFalse();
    }

    @Test
    void eachBadParameterIsNamed() {
        assertThat(onlyError(() -> spec.parse(query("limit", "0"))).field()).isEqualTo("limit");
        assertThat(onlyError(() -> spec.parse(query("limit", "1001"))).field()).isEqualTo("limit");
        assertThat(onlyError(() -> spec.parse(query("skip", "-1"))).field()).isEqualTo("skip");
        assertThat(onlyError(() -> spec.parse(query("skip", "99999999999999999999"))).field()).isEqualTo("skip");
        assertThat(onlyError(() -> spec.parse(query("limit", " 5"))).field()).isEqualTo("limit");
        assertThat(onlyError(() -> spec.parse(query("sort", "password"))).message()).contains("name, created_at, _id");
        assertThat(onlyError(() -> spec.parse(query("order", "up"))).field()).isEqualTo("order");
        assertThat(onlyError(() -> spec.parse(query("kind", "C"))).message()).isEqualTo("must be one of A, B");
        assertThat(onlyError(() -> spec.parse(query("staus", "x"))).field()).isEqualTo("staus");
        assertThat(onlyError(() -> spec.parse(query("status", "a", "status", "b"))).message()).isEqualTo("must be given once");
        assertThat(onlyError(() -> spec.parse(query("status", ""))).field()).isEqualTo("status");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> spec.parse(query("limit", "0", "order", "up", "nope", "1")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors()).extracting(ErrorDetail::field)
                        .containsExactlyInAnyOrder("limit", "order", "nope"));
    }

    @Test
    void comparisonsAreConditionsAndTheirMistakesAreNamed() {
        assertThat(spec.parse(query("size__gte", "3", "status", "A")).conditions())
                .containsExactly(com.mongodb.client.model.Filters.gte("size", 3L), eq("status", "A"));
        assertThat(onlyError(() -> spec.parse(query("size__like", "3"))).message())
                .isEqualTo("has no operator like; the operators of size: ne, gt, gte, lt, lte, range, in, nin, exists");
        assertThat(onlyError(() -> spec.parse(query("name__gt", "3"))).message())
                .startsWith("is not a known query parameter").endsWith("and field__operator with a field of size");
        assertThat(onlyError(() -> spec.parse(query("size__gt", "x"))).field()).isEqualTo("size__gt");
        assertThat(onlyError(() -> spec.parse(query("size__gt", "1", "size__gt", "2"))).message()).isEqualTo("must be given once");
        assertThat(onlyError(() -> spec.parse(query("cursor", "c", "skip", "5"))).field()).isEqualTo("skip");
    }
}
