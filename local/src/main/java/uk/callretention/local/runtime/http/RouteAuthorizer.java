package uk.callretention.local.runtime.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, before the handler runs, whether a request may use a route: API Gateway's authorizer step. The
 * default lets through routes that declare no authorizer and refuses the others, so nothing protected is served
 * unprotected; a JWT authorizer plugs in here.
 */
@FunctionalInterface
public interface RouteAuthorizer {

    Decision authorize(Request request, Optional<AuthorizerConfig> authorizer);

    /** @param headers lower-cased names, repeated values comma-joined */
    record Request(String method, String rawPath, Map<String, String> headers) {
    }

    /**
     * A route's authorizer as the template declares it.
     *
     * @param definition the HttpApi's {@code Auth.Authorizers.<name>}, intrinsics resolved (JwtConfiguration, IdentitySource...)
     * @param scopes     the route's AuthorizationScopes
     */
    record AuthorizerConfig(String name, Map<String, Object> definition, List<String> scopes) {
    }

    sealed interface Decision {
    }

    /** @param jwtClaims what reaches the function as {@code requestContext.authorizer.jwt}; null for a route without an authorizer */
    record Allow(Map<String, String> jwtClaims, List<String> scopes) implements Decision {
        public static Allow withoutAuthorizer() {
            return new Allow(null, null);
        }
    }

    /** Answered as API Gateway does, with {@code {"message": ...}}. */
    record Refuse(int statusCode, String message) implements Decision {
    }

    static RouteAuthorizer onlyRoutesWithoutAuthorizer() {
        return (request, authorizer) -> authorizer.<Decision>map(config -> new Refuse(401, "Unauthorized"))
                .orElse(Allow.withoutAuthorizer());
    }
}
