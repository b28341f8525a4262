package io.github.octomvn.octopus.testserver;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** The configured spaces, or none on a legacy (pre-2019.1) server whose one feed has the space ID "". */
final class Spaces {

    /** A configured space. */
    static final class Space {
        final String id;
        final String name;
        final boolean isDefault;

        Space(String id, String name, boolean isDefault) {
            this.id = id;
            this.name = name;
            this.isDefault = isDefault;
        }
    }

    private final List<Space> all;
    private final boolean legacy;

    Spaces(List<Space> all, boolean legacy) {
        this.all = Collections.unmodifiableList(new ArrayList<>(all));
        this.legacy = legacy;
    }

    boolean legacy() {
        return legacy;
    }

    List<Space> all() {
        return all;
    }

    Optional<Space> find(String id) {
        return all.stream().filter(s -> s.id.equalsIgnoreCase(id)).findFirst();
    }

    Optional<Space> defaultSpace() {
        return all.stream().filter(s -> s.isDefault).findFirst();
    }

    /** The space the inspection API means when none is named. */
    String defaultSpaceId() {
        return legacy ? "" : defaultSpace().map(s -> s.id).orElse("Spaces-1");
    }

    /** The space the no-space routes ({@code /api/packages/raw}, ...) serve; empty when there is none. */
    Optional<String> unscopedSpaceId() {
        return legacy ? Optional.of("") : defaultSpace().map(s -> s.id);
    }
}
