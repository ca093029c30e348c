package io.connectionsapi.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.IndexModel;
import io.connectionsapi.support.Golden;
import io.connectionsapi.web.ListSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Every filter x sort pair of every list endpoint, and the index that serves it, worked out the way MongoDB's
 * planner does for these simple shapes (equality-sort-range): an index serves a branch of the filter when its keys
 * are the tenant, then only fields the branch compares for equality, then the whole sort; a partial index only
 * when the branch's equality proves a document is in it. The table is the golden file
 * {@code golden/query-indexes.txt} (run with {@code -Dgolden.update=true} to rewrite it and review the diff).
 * <p>
 * Two kinds of pairs are sorted in memory, the README's allow-list: a filter on a unique key (at most one document)
 * and a filter with a sort other than the default (its own index finds the matches, which are then sorted). Any
 * other pair without an index, and any declared index no pair uses (unique indexes excepted: writes rely on
 * them), fails this test. On a real MongoDB, {@code ExplainTest} asks the planner itself.
 */
class QueryIndexesTest {

    /** A list endpoint: its query parameters and its collection's declared indexes. */
    record Endpoint(String path, ListSpec spec, List<IndexModel> indexes, Set<String> uniqueKeys) {
    }

    static List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("/connections", spec("connection.ConnectionController"), indexes("connection.Connections"),
                        Set.of("_id")),
                new Endpoint("/entities", spec("entity.EntityController"), indexes("entity.Entities"),
                        Set.of("connection_entity_id")),
                new Endpoint("/labels", spec("label.LabelController"), indexes("label.Labels"), Set.of("_id")),
                new Endpoint("/labels/mapping", spec("mapping.MappingController"), indexes("mapping.Mappings"), Set.of("_id")));
    }

    /** One filter (or none) with one sort, as the endpoint parses it. */
    record Pair(Endpoint endpoint, @Nullable String filter, String sort, ListQuery query) {

        String describe() {
            return endpoint.path() + "?" + (filter == null ? "" : filter + "=..&") + "sort=" + sort;
        }
    }

    static List<Pair> pairs() {
        List<Pair> pairs = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            List<String> filters = new ArrayList<>();
            filters.add(null);
            filters.addAll(new java.util.TreeSet<>(endpoint.spec().filterNames()));
            for (String filter : filters) {
                for (String sort : new java.util.TreeSet<>(endpoint.spec().sortable())) {
                    var parameters = new org.springframework.util.LinkedMultiValueMap<String, String>();
                    if (filter != null) {
                        parameters.add(filter, endpoint.spec().sampleValue(filter));
                    }
                    parameters.add("sort", sort);
                    pairs.add(new Pair(endpoint, filter, sort, endpoint.spec().parse(parameters)));
                }
            }
        }
        return pairs;
    }

    @Test
    void everyFilterAndSortIsServedByAnIndexOrIsOnTheAllowList() {
        List<String> table = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<Endpoint, Set<String>> used = new LinkedHashMap<>();
        for (Pair pair : pairs()) {
            List<String> served = new ArrayList<>();
            for (Map<String, BsonValue> branch : branches(pair.query().filter("t").toBsonDocument())) {
                String plan = plan(pair, branch, used.computeIfAbsent(pair.endpoint(), e -> new LinkedHashSet<>()));
                if (plan == null) {
                    problems.add(pair.describe() + ": no index serves the branch " + branch.keySet());
                } else {
                    served.add(plan);
                }
            }
            table.add(pair.describe() + "  ->  " + String.join("  OR  ", served));
        }
        for (Endpoint endpoint : endpoints()) {
            for (IndexModel index : endpoint.indexes()) {
                String name = IndexSet.defaultName(index.getKeys().toBsonDocument());
                if (!index.getOptions().isUnique() && !used.getOrDefault(endpoint, Set.of()).contains(name)) {
                    problems.add(endpoint.path() + ": index " + name + " serves no list");
                }
            }
        }
        assertThat(problems).isEmpty();
        Golden.assertMatches("golden/query-indexes.txt", String.join("\n", table) + "\n");
    }

    /**
     * How one branch runs: the index and whether its sort is in memory (allow-listed), or null when nothing
     * acceptable serves it.
     */
    private static @Nullable String plan(Pair pair, Map<String, BsonValue> branch, Set<String> used) {
        List<String> order = pair.query().order();
        // the planner's choice among the indexes that apply: the most equalities, then a sort without a SORT stage
        String best = null;
        int bestEqualities = 0;
        boolean bestSorts = false;
        for (IndexModel index : pair.endpoint().indexes()) {
            List<String> keys = new ArrayList<>(index.getKeys().toBsonDocument().keySet());
            if (!keys.get(0).equals("tenant_id") || !partialHolds(index, branch)) {
                continue;
            }
            int equalities = 1;
            while (equalities < keys.size() && isEquality(branch.get(keys.get(equalities)))) {
                equalities++;
            }
            List<String> rest = keys.subList(equalities, keys.size());
            boolean sorts = rest.size() >= order.size() && rest.subList(0, order.size()).equals(order);
            if (equalities > bestEqualities || equalities == bestEqualities && sorts && !bestSorts) {
                best = IndexSet.defaultName(index.getKeys().toBsonDocument());
                bestEqualities = equalities;
                bestSorts = sorts;
            }
        }
        if (best == null) {
            return null;
        }
        boolean filtered = bestEqualities > 1;
        if (bestSorts && (filtered || pair.filter() == null)) {
            used.add(best);
            return best;
        }
        boolean uniqueMatch = filtered && pair.endpoint().uniqueKeys().stream().anyMatch(key -> isEquality(branch.get(key)));
        boolean otherSort = filtered && !pair.sort().equals("created_at");
        if (uniqueMatch || otherSort) {
            used.add(best);
            return best + " (sorted in memory: allow-listed)";
        }
        return null;
    }

    private static boolean isEquality(@Nullable BsonValue condition) {
        return condition != null && !condition.isDocument() && !condition.isArray();
    }

    /** Only the partial filters this project declares: {@code {field: {$gt: ""}}}, proven by a non-empty string. */
    private static boolean partialHolds(IndexModel index, Map<String, BsonValue> branch) {
        if (index.getOptions().getPartialFilterExpression() == null) {
            return true;
        }
        BsonDocument partial = index.getOptions().getPartialFilterExpression().toBsonDocument();
        String field = partial.getFirstKey();
        assertThat(partial.getDocument(field)).as("partial filter of %s", field).isEqualTo(BsonDocument.parse("{$gt: ''}"));
        BsonValue condition = branch.get(field);
        return condition != null && condition.isString() && !condition.asString().getValue().isEmpty();
    }

    /**
     * The filter as alternatives of top-level conditions: {@code $and} flattened, each {@code $or} multiplying the
     * alternatives.
     */
    static List<Map<String, BsonValue>> branches(BsonDocument filter) {
        List<Map<String, BsonValue>> branches = new ArrayList<>();
        branches.add(new LinkedHashMap<>());
        for (Map.Entry<String, BsonValue> condition : filter.entrySet()) {
            switch (condition.getKey()) {
                case "$and" -> {
                    for (BsonValue part : condition.getValue().asArray()) {
                        branches = combine(branches, branches(part.asDocument()));
                    }
                }
                case "$or" -> {
                    List<Map<String, BsonValue>> alternatives = new ArrayList<>();
                    for (BsonValue part : condition.getValue().asArray()) {
                        alternatives.addAll(branches(part.asDocument()));
                    }
                    branches = combine(branches, alternatives);
                }
                default -> branches.forEach(branch -> branch.put(condition.getKey(),
                        condition.getValue().isDocument() && condition.getValue().asDocument().containsKey("$eq")
                                ? condition.getValue().asDocument().get("$eq") : condition.getValue()));
            }
        }
        return branches;
    }

    private static List<Map<String, BsonValue>> combine(List<Map<String, BsonValue>> left, List<Map<String, BsonValue>> right) {
        List<Map<String, BsonValue>> combined = new ArrayList<>();
        for (Map<String, BsonValue> a : left) {
            for (Map<String, BsonValue> b : right) {
                Map<String, BsonValue> both = new LinkedHashMap<>(a);
                both.putAll(b);
                combined.add(both);
            }
        }
        return combined;
    }

    private static ListSpec spec(String controller) {
        return (ListSpec) staticField(controller, "LIST");
    }

    @SuppressWarnings("unchecked")
    private static List<IndexModel> indexes(String repository) {
        return (List<IndexModel>) staticField(repository, "INDEXES");
    }

    private static Object staticField(String className, String field) {
        try {
            var declared = Class.forName("io.connectionsapi." + className).getDeclaredField(field);
            declared.setAccessible(true);
            return declared.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(className + "." + field, e);
        }
    }
}
