package io.connectionsapi.web;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a request, so that one 400 reports them all. */
public final class Violations {

    private final List<ErrorDetail> errors = new ArrayList<>();

    public void add(ErrorDetail error) {
        errors.add(error);
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Throws the 400 that reports everything collected so far, if anything was. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            // item by item, in request order, whichever check found the problem
            errors.sort(java.util.Comparator.comparing(ErrorDetail::index, java.util.Comparator.nullsFirst(Integer::compare)));
            throw ApiException.invalid(errors);
        }
    }
}
