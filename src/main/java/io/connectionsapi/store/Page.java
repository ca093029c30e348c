package io.connectionsapi.store;

import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One page of a list: its items, how many results came before it, how many there are in all, and, when more
 * follow, the sort key of its last item ({@link ListQuery#key}), where a cursor continues.
 */
public record Page<T>(List<T> items, int skip, long total, @Nullable List<@Nullable Object> lastKey) {

    public Page(List<T> items, int skip, long total) {
        this(items, skip, total, null);
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), skip, total, lastKey);
    }
}
