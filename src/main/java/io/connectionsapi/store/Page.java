package io.connectionsapi.store;

import java.util.List;
import java.util.function.Function;

/** One page of a list: its items, how many results came before it, and how many there are in all. */
public record Page<T>(List<T> items, int skip, long total) {

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), skip, total);
    }
}
