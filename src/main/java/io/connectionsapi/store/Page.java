package io.connectionsapi.store;

import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One page of a list: its items, how many results came before it, how many there are in all, and, when more
 * follow, the sort key of its last item ({@link ListQuery#key}), where a cursor continues. {@code totalExact} is
 * null when the total was counted exactly as by default, and otherwise says whether it is exact
 * ({@link ListQuery.Counting}).
 */
public record Page<T>(List<T> items, int skip, long total, @Nullable List<@Nullable Object> lastKey,
        @Nullable Boolean totalExact) {

    public Page(List<T> items, int skip, long total, @Nullable List<@Nullable Object> lastKey) {
        this(items, skip, total, lastKey, null);
    }

    public Page(List<T> items, int skip, long total) {
        this(items, skip, total, null, null);
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), skip, total, lastKey, totalExact);
    }
}
