package io.connectionsapi.web;

import io.connectionsapi.store.UniqueWrites;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bson.Document;

/**
 * A resource's unique index (a label's type and name, a mapping's label and entity), told the contract's way: two
 * items of one batch with the same key are a 409 naming the later one, and a document the index refused (its key
 * is taken by a stored one) is a 409 naming its item; nothing is written in either case.
 *
 * @param key           the document's unique key, as the index compares it
 * @param field         the field the item's error names
 * @param repeats       the error of a repeated key, with {@code %d} for the first item's index
 * @param repeatsAnswer the message of the 409 for repeated keys
 * @param takenAnswer   the message of the 409 for a taken key, about the refused document
 * @param taken         the error of a taken key
 */
public record UniqueRule(Function<Document, String> key, String field, String repeats, String repeatsAnswer,
        Function<Document, String> takenAnswer, String taken) {

    /** A 409 if two of {@code batch} (whose items are {@code items}, in the same order) have the same key. */
    public void requireDistinct(List<Document> batch, List<Item> items) {
        Map<String, Integer> first = new HashMap<>();
        List<ErrorDetail> conflicts = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Integer earlier = first.putIfAbsent(key.apply(batch.get(i)), i);
            if (earlier != null) {
                conflicts.add(new ErrorDetail(items.get(i).index(), items.get(i).path(field), repeats.formatted(items.get(earlier).index())));
            }
        }
        if (!conflicts.isEmpty()) {
            throw new ApiException(ErrorCode.CONFLICT, repeatsAnswer, conflicts);
        }
    }

    /** A 409 for the document at {@code refused} unless it is {@link UniqueWrites#WRITTEN}. */
    public void requireWritten(int refused, List<Document> batch, List<Item> items) {
        if (refused != UniqueWrites.WRITTEN) {
            Item item = items.get(refused);
            throw new ApiException(ErrorCode.CONFLICT, takenAnswer.apply(batch.get(refused)),
                    List.of(new ErrorDetail(item.index(), item.path(field), taken)));
        }
    }
}
