package io.connectionsapi.web;

import io.connectionsapi.store.DocumentVersion;
import io.connectionsapi.store.TenantCollection;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/**
 * A request's conditional headers ({@code If-Match}, {@code If-None-Match}; RFC 9110, section 13), for the
 * operations that name one document by path, which take it as a handler parameter, and the entity tag of their
 * answer. A document's tag is its stored version ({@link DocumentVersion}), strong, so that a client can send the
 * tag of a {@code GET} back in {@code If-Match} and have its {@code PUT} or {@code DELETE} refused with a 412 when
 * another request changed the document in between. Lists have a weak tag over their body ({@link EntityTags}).
 * <p>
 * The check runs inside the request's unit of work, before the write: the embedded store runs units one at a
 * time, and in a transaction the write that follows conflicts with any write that came after the check, which
 * runs the unit again and then fails the check. Either way no other write slips between check and write.
 */
public final class Preconditions {

    static final String ATTRIBUTE = Preconditions.class.getName();
    private static final String ANY = "*";

    private final @Nullable List<String> ifMatch;
    private final @Nullable List<String> ifNoneMatch;
    /** The strong tag of the document the answer shows, when it shows one. */
    private @Nullable String tag;

    private Preconditions(@Nullable List<String> ifMatch, @Nullable List<String> ifNoneMatch) {
        this.ifMatch = ifMatch;
        this.ifNoneMatch = ifNoneMatch;
    }

    /** The request's conditions, read once (a 400 naming the header when one is malformed). */
    static Preconditions of(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof Preconditions known) {
            return known;
        }
        Preconditions read = new Preconditions(tags(request, HttpHeaders.IF_MATCH), tags(request, HttpHeaders.IF_NONE_MATCH));
        request.setAttribute(ATTRIBUTE, read);
        return read;
    }

    static boolean sent(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.IF_MATCH) != null || request.getHeader(HttpHeaders.IF_NONE_MATCH) != null;
    }

    /** A document's strong entity tag. */
    public static String tagOf(Document stored) {
        return "\"" + DocumentVersion.of(stored) + "\"";
    }

    /**
     * The document {@code id} names, for a {@code GET} by path: a 404 when the tenant has none, else the document,
     * whose tag becomes the answer's.
     */
    public Document current(TenantCollection documents, String tenantId, String id, String resource, String idField) {
        Document stored = documents.findByIds(tenantId, List.of(id)).get(id);
        if (stored == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "There is no " + resource + " with ID '" + id + "'.",
                    List.of(ErrorDetail.field(idField, "no " + resource + " with ID '" + id + "'")));
        }
        tag = tagOf(stored);
        return stored;
    }

    /**
     * Before a {@code PUT} or {@code DELETE} by path: a 412 when the document {@code id} names fails the request's
     * conditions. Reads nothing when there are none. A document that does not exist is left to the write (a 404),
     * unless {@code createsWhenAbsent}: then {@code If-Match} fails and {@code If-None-Match: *} holds, which makes
     * the {@code PUT} create-only.
     */
    public void require(TenantCollection documents, String tenantId, String id, String resource, boolean createsWhenAbsent) {
        if (ifMatch == null && ifNoneMatch == null) {
            return;
        }
        Document stored = documents.findByIds(tenantId, List.of(id)).get(id);
        if (stored == null && !createsWhenAbsent) {
            return; // RFC 9110 13.2.1: the answer without the conditions (404) would not have been a success
        }
        String current = stored == null ? null : tagOf(stored);
        if (ifMatch != null && (current == null || !(ifMatch.contains(ANY) || ifMatch.stream().anyMatch(tag -> strongMatch(tag, current))))) {
            throw failed(HttpHeaders.IF_MATCH, current == null
                    ? "there is no " + resource + " with ID '" + id + "' yet"
                    : "does not match the " + resource + "'s current ETag " + current + ": it changed since it was read",
                    resource);
        }
        if (ifNoneMatch != null && current != null && (ifNoneMatch.contains(ANY) || ifNoneMatch.stream().anyMatch(tag -> weakMatch(tag, current)))) {
            throw failed(HttpHeaders.IF_NONE_MATCH, ifNoneMatch.contains(ANY)
                    ? "is *, and the " + resource + " '" + id + "' exists"
                    : "matches the " + resource + "'s current ETag " + current, resource);
        }
    }

    /** Gives the answer the tag of the document it shows (a {@code PUT}'s result), for the client's next write. */
    public void answer(Document stored) {
        tag = tagOf(stored);
    }

    @Nullable String tag() {
        return tag;
    }

    /**
     * For a {@code GET} or {@code HEAD}: a 412 when {@code If-Match} fails on the answer's tag, {@code strongTag}, or
     * on a weak tag when it is {@code null} (a list's, which no tag but {@code *} matches, as RFC 9110 has it; so
     * this is known before the list's body, and its tag, are).
     */
    void requireMatch(@Nullable String strongTag) {
        if (ifMatch != null && !ifMatch.contains(ANY) && (strongTag == null || ifMatch.stream().noneMatch(tag -> strongMatch(tag, strongTag)))) {
            throw failed(HttpHeaders.IF_MATCH, strongTag == null
                    ? "cannot match a list: a list's ETag is weak; If-Match takes the ETag of one document"
                    : "does not match the current ETag " + strongTag, "resource");
        }
    }

    /** For a {@code GET} or {@code HEAD} whose answer has {@code answerTag}: whether {@code If-None-Match} makes it a 304. */
    boolean notModified(String answerTag) {
        return ifNoneMatch != null && (ifNoneMatch.contains(ANY) || ifNoneMatch.stream().anyMatch(tag -> weakMatch(tag, answerTag)));
    }

    private static ApiException failed(String header, String why, String resource) {
        return new ApiException(ErrorCode.PRECONDITION_FAILED, "The " + resource + " is not in the state the request"
                + " expects (" + header + "); nothing was changed.", List.of(ErrorDetail.field(header, why)));
    }

    private static boolean strongMatch(String a, String b) {
        return !a.startsWith("W/") && !b.startsWith("W/") && a.equals(b);
    }

    private static boolean weakMatch(String a, String b) {
        return opaque(a).equals(opaque(b));
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    /**
     * The entity tags of every {@code header} line, {@code null} when there is none. By hand rather than Spring's
     * {@code ETag.parse}, which skips what it cannot read: a malformed header here is a 400 naming it, never a
     * condition quietly dropped from a write.
     */
    private static @Nullable List<String> tags(HttpServletRequest request, String header) {
        List<String> lines = Collections.list(request.getHeaders(header));
        if (lines.isEmpty()) {
            return null;
        }
        List<String> tags = new ArrayList<>();
        for (String line : lines) {
            int at = 0;
            while (at < line.length()) {
                char c = line.charAt(at);
                if (c == ' ' || c == '\t' || c == ',') {
                    at++;
                    continue;
                }
                if (c == '*') {
                    tags.add(ANY);
                    at++;
                    continue;
                }
                int open = line.startsWith("W/\"", at) ? at + 2 : c == '"' ? at : -1;
                int close = open < 0 ? -1 : line.indexOf('"', open + 1);
                if (close < 0) {
                    throw ApiException.invalidField(header, "must be * or a list of entity tags, such as \"abc\" or W/\"abc\"");
                }
                tags.add(line.substring(at, close + 1));
                at = close + 1;
            }
        }
        if (tags.isEmpty() || tags.contains(ANY) && tags.size() > 1) {
            throw ApiException.invalidField(header, "must be * or a list of entity tags, such as \"abc\" or W/\"abc\"");
        }
        return tags;
    }
}
