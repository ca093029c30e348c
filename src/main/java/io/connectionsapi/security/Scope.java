package io.connectionsapi.security;

import java.util.Locale;

/** What a key may do: {@code read} allows GET, {@code write} the other methods, {@code admin} key management. */
public enum Scope {
    READ, WRITE, ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Scope fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
