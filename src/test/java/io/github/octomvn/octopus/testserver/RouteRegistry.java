package io.github.octomvn.octopus.testserver;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Dispatches an authenticated {@code /api/...} request to the concern that owns its path. Each concern registers
 * its routes here: {@link ApiRoute}s see the whole path below {@code /api}; {@link SpaceRoute}s see the path
 * below a space, whether the request named one ({@code /api/Spaces-2/packages/raw}) or took the no-space form
 * ({@code /api/packages/raw}: the default space, or the one feed of a legacy server). A path no route claims is
 * a 404. New routes (releases, deployments, tasks, deltas) are one more registration.
 */
final class RouteRegistry {

    /** Routes below {@code /api} that are not inside a space (root document, spaces, current user). */
    interface ApiRoute {
        /** Answers and returns true when {@code path} is one of these routes; false leaves it to the next. */
        boolean handle(Exchange ex, Set<Permission> account, List<String> path) throws IOException;
    }

    /** Routes inside a space. */
    interface SpaceRoute {
        /**
         * Answers and returns true when {@code rest} (the path below the space) is one of these routes; false
         * leaves it to the next. {@code spaceId} is "" on a legacy server.
         */
        boolean handle(Exchange ex, Set<Permission> account, String spaceId, List<String> rest) throws IOException;
    }

    private static final Pattern SPACE_ID = Pattern.compile("(?i)Spaces-\\d+");

    private final Spaces spaces;
    private final List<ApiRoute> apiRoutes = new ArrayList<>();
    private final List<SpaceRoute> spaceRoutes = new ArrayList<>();

    RouteRegistry(Spaces spaces) {
        this.spaces = spaces;
    }

    RouteRegistry api(ApiRoute route) {
        apiRoutes.add(route);
        return this;
    }

    RouteRegistry inSpace(SpaceRoute route) {
        spaceRoutes.add(route);
        return this;
    }

    /** Answers a request of this account; only {@code /api} and below exist. */
    void dispatch(Exchange ex, Set<Permission> account) throws IOException {
        if (!ex.path.equalsIgnoreCase("/api") && !ex.path.regionMatches(true, 0, "/api/", 0, 5)) {
            ex.notFound();
            return;
        }
        List<String> path = Exchange.segments(ex.path.substring(4));
        for (ApiRoute route : apiRoutes) {
            if (route.handle(ex, account, path)) {
                return;
            }
        }
        if (!spaces.legacy() && !path.isEmpty() && SPACE_ID.matcher(path.get(0)).matches()) {
            Optional<Spaces.Space> space = spaces.find(path.get(0));
            if (space.isEmpty()) {
                ex.error(
                        404, "The resource you requested was not found.", "Space '" + path.get(0) + "' was not found.");
                return;
            }
            inSpace(ex, account, space.get().id, path.subList(1, path.size()));
            return;
        }
        Optional<String> unscoped = spaces.unscopedSpaceId();
        if (unscoped.isEmpty()) {
            ex.notFound();
            return;
        }
        inSpace(ex, account, unscoped.get(), path);
    }

    private void inSpace(Exchange ex, Set<Permission> account, String spaceId, List<String> rest) throws IOException {
        for (SpaceRoute route : spaceRoutes) {
            if (route.handle(ex, account, spaceId, rest)) {
                return;
            }
        }
        ex.notFound();
    }
}
