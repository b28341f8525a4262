package io.github.octomvn.octopus.client;

import java.util.Objects;

/** An Octopus space (or, on servers before 2019.1, the single implicit space) that packages are pushed to. */
public final class Space {

    private final String id;
    private final String name;
    private final String webUrl;
    private final boolean legacyRoutes;
    private final boolean overwriteModeSupported;

    Space(String id, String name, String webUrl, boolean legacyRoutes, boolean overwriteModeSupported) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = Objects.requireNonNull(name, "name");
        this.webUrl = Objects.requireNonNull(webUrl, "webUrl");
        this.legacyRoutes = legacyRoutes;
        this.overwriteModeSupported = overwriteModeSupported;
    }

    /** E.g. {@code Spaces-1}; empty on a server without spaces. */
    public String id() {
        return id;
    }

    /** E.g. {@code Default}. */
    public String name() {
        return name;
    }

    /** The space's dashboard in the Octopus web UI. */
    public String webUrl() {
        return webUrl;
    }

    /** True on a server without spaces, where routes are {@code /api/...} instead of {@code /api/Spaces-N/...}. */
    public boolean isLegacy() {
        return legacyRoutes;
    }

    /** The prefix of space-scoped routes: {@code /api/Spaces-1} or {@code /api}. */
    public String apiPrefix() {
        return legacyRoutes ? "/api" : "/api/" + id;
    }

    /** True when the upload route takes {@code overwriteMode}; older servers only know {@code replace}. */
    public boolean overwriteModeSupported() {
        return overwriteModeSupported;
    }

    /** For messages: {@code Default (Spaces-1)}. */
    public String describe() {
        return legacyRoutes ? "the default space" : "space " + name + " (" + id + ")";
    }

    @Override
    public String toString() {
        return legacyRoutes ? "Space[legacy default]" : "Space[" + id + ", " + name + "]";
    }
}
