package uk.callretention.local.runtime.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import uk.callretention.local.template.FunctionDefinition;
import uk.callretention.local.template.Intrinsics;
import uk.callretention.local.template.Properties;
import uk.callretention.local.template.Resource;
import uk.callretention.local.template.Template;

/** The template's HttpApi events as routes, with each route's authorizer from its API's Auth section. */
public final class Routes {
    /** The logical id SAM gives the API it creates for HttpApi events that name no ApiId. */
    public static final String IMPLICIT_API = "ServerlessHttpApi";
    private static final String NO_AUTHORIZER = "NONE";

    private Routes() {
    }

    public static RouteTable from(Template template, Intrinsics intrinsics) {
        List<Route> routes = new ArrayList<>();
        for (FunctionDefinition function : template.functions().values()) {
            function.events().forEach((name, event) -> {
                if (event.type().equals("HttpApi")) {
                    routes.add(route(template, function.logicalId(), name, Properties.ofEvent(function.logicalId(), name, event, intrinsics)));
                }
            });
        }
        return new RouteTable(routes);
    }

    private static Route route(Template template, String functionLogicalId, String eventName, Properties properties) {
        if (!properties.has("Path") && !properties.has("Method")) {
            throw properties.problem("the $default route (no Path and Method) is not supported by the local runtime; name the method and path");
        }
        String path = properties.requiredString("Path");
        String method = properties.requiredString("Method").toUpperCase(Locale.ROOT);
        if (method.equals("ANY") || path.contains("+}")) {
            throw properties.problem("route " + method + " " + path + ": ANY and greedy {proxy+} paths are not supported by the local runtime;"
                    + " name the method and each path variable");
        }
        // ApiId is a Ref to an AWS::Serverless::HttpApi, which this runtime serves itself: read, not resolved
        String apiId = Optional.ofNullable(properties.raw("ApiId")).map(raw -> raw instanceof Map<?, ?> ref && ref.get("Ref") != null ? ref.get("Ref").toString()
                : raw.toString()).orElse(IMPLICIT_API);
        return new Route(functionLogicalId, eventName, apiId,
                method, path,
                authorizer(template.resources().get(apiId), properties));
    }

    private static Optional<RouteAuthorizer.AuthorizerConfig> authorizer(Resource api, Properties properties) {
        Map<String, Object> routeAuth = map(properties.resolved("Auth"));
        Map<String, Object> apiAuth = api == null ? Map.of()
                : map(properties.intrinsics().resolve(api.properties().getOrDefault("Auth", Map.of()), api.logicalId(), "Properties.Auth"));
        Object name = routeAuth.getOrDefault("Authorizer", apiAuth.get("DefaultAuthorizer"));
        if (name == null || name.equals(NO_AUTHORIZER)) {
            return Optional.empty();
        }
        Object definition = map(apiAuth.getOrDefault("Authorizers", Map.of())).get(name.toString());
        if (definition == null) {
            throw properties.problem("Auth.Authorizer " + name + " is not in the Auth.Authorizers of API " + (api == null ? IMPLICIT_API : api.logicalId()));
        }
        Object scopes = routeAuth.getOrDefault("AuthorizationScopes", List.of());
        return Optional.of(new RouteAuthorizer.AuthorizerConfig(name.toString(), map(definition),
                scopes instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of()));
    }

    private static Map<String, Object> map(Object value) {
        Map<String, Object> copy = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, entry) -> copy.put(key.toString(), entry));
        }
        return copy;
    }
}
