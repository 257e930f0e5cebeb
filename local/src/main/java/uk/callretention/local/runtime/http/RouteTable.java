package uk.callretention.local.runtime.http;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Picks the route for a request as API Gateway's HTTP API does: the most specific match wins, literal paths before path variables. */
public final class RouteTable {
    private static final Comparator<Route> MOST_SPECIFIC_FIRST = Comparator.comparingLong(Route::variableCount);

    private final List<Route> routes;

    public RouteTable(List<Route> routes) {
        this.routes = routes.stream().sorted(MOST_SPECIFIC_FIRST).toList();
    }

    public Optional<Match> find(String method, String rawPath) {
        for (Route route : routes) {
            Optional<Map<String, String>> parameters = route.match(method, rawPath);
            if (parameters.isPresent()) {
                return Optional.of(new Match(route, parameters.get()));
            }
        }
        return Optional.empty();
    }

    public record Match(Route route, Map<String, String> pathParameters) {
    }
}
