package dev.vcrproxy.upstream;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Routes by path prefix: the longest prefix that matches whole path segments wins. */
public final class RouteTable {
    /** A request path split into the route it matched and the path after the prefix. */
    public record Match(Route route, String remainder) {
    }

    private final List<Route> routes;

    public RouteTable(List<Route> routes) {
        List<Route> sorted = new ArrayList<>(routes);
        if (sorted.stream().map(Route::prefix).distinct().count() != sorted.size()) {
            throw new IllegalArgumentException("two routes share a prefix: " + routes);
        }
        sorted.sort(Comparator.comparingInt((Route r) -> r.prefix().length()).reversed());
        if (sorted.stream().noneMatch(r -> r.prefix().equals("/"))) {
            sorted.add(new Route("/", null)); // unrouted paths can still replay
        }
        this.routes = List.copyOf(sorted);
    }

    public List<Route> routes() {
        return routes;
    }

    public Optional<Match> match(String path) {
        for (Route route : routes) {
            String prefix = route.prefix();
            if (prefix.equals("/")) {
                return Optional.of(new Match(route, path.isEmpty() ? "/" : path));
            }
            if (path.equals(prefix)) {
                return Optional.of(new Match(route, "/"));
            }
            if (path.startsWith(prefix + "/")) {
                return Optional.of(new Match(route, path.substring(prefix.length())));
            }
        }
        return Optional.empty();
    }
}
