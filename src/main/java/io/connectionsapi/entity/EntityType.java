package io.connectionsapi.entity;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** What kind of thing an entity is. Fixed when the entity is first stored. */
public enum EntityType {
    PERSON, TEAM, LABEL, ZONE, ROOM, SPACE, LOCATION, LAYER;

    public static final Set<String> NAMES = Arrays.stream(values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());
}
