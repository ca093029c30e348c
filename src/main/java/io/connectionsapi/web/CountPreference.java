package io.connectionsapi.web;

import io.connectionsapi.store.ListQuery.Counting;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The {@code count} preference of a list request's {@code Prefer} headers (RFC 7240, as PostgREST reads it):
 * {@code exact}, {@code estimated} or {@code none}. Preferences are comma-separated, in one header or several; only
 * the first {@code count} is considered, and any other preference, or a value this server does not know, is ignored,
 * as the RFC asks. A list answers {@code Preference-Applied} when it honoured one.
 */
public final class CountPreference {

    static final String PREFER = "Prefer";
    static final String APPLIED = "Preference-Applied";

    private final Counting.@Nullable Mode mode;
    private final Consumer<String> answer;

    private CountPreference(Counting.@Nullable Mode mode, Consumer<String> answer) {
        this.mode = mode;
        this.answer = answer;
    }

    /**
     * The preference among these {@code Prefer} header values (none when null or empty); {@code answer} sets the
     * {@code Preference-Applied} header of the response.
     */
    static CountPreference of(String @Nullable [] headers, Consumer<String> answer) {
        if (headers == null) {
            return new CountPreference(null, answer);
        }
        for (String header : headers) {
            for (String preference : split(header, ',')) {
                String token = split(preference, ';').get(0);
                int equals = token.indexOf('=');
                String name = (equals < 0 ? token : token.substring(0, equals)).trim();
                if (!name.equalsIgnoreCase("count")) {
                    continue;
                }
                String value = equals < 0 ? "" : unquote(token.substring(equals + 1).trim());
                return new CountPreference(switch (value.toLowerCase(Locale.ROOT)) {
                    case "exact" -> Counting.Mode.EXACT;
                    case "estimated" -> Counting.Mode.ESTIMATED;
                    case "none" -> Counting.Mode.NONE;
                    default -> null;
                }, answer);
            }
        }
        return new CountPreference(null, answer);
    }

    /** The mode asked for, or null: count as by default, and say nothing about it. */
    Counting.@Nullable Mode mode() {
        return mode;
    }

    /** What {@code Preference-Applied} says when the preference was honoured. */
    @Nullable String applied() {
        return mode == null ? null : "count=" + mode.name().toLowerCase(Locale.ROOT);
    }

    /** Says in the response that the preference was honoured, if one was sent. */
    void honoured() {
        String applied = applied();
        if (applied != null) {
            answer.accept(applied);
        }
    }

    /** {@code text} cut at each {@code separator} outside a quoted string. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted && i + 1 < text.length()) {
                part.append(c);
                c = text.charAt(++i);
            } else if (c == separator && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
                continue;
            }
            part.append(c);
        }
        parts.add(part.toString());
        return parts;
    }

    private static String unquote(String word) {
        return word.length() >= 2 && word.startsWith("\"") && word.endsWith("\"") ? word.substring(1, word.length() - 1) : word;
    }
}
