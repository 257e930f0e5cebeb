package uk.callretention.local.runtime.auth;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import uk.callretention.local.runtime.Json;
import uk.callretention.local.runtime.RuntimeLog;
import uk.callretention.local.runtime.http.RouteAuthorizer;

/**
 * The template's JWT authorizers, checked as API Gateway's HTTP API checks them: the token from the route's identity
 * source (with or without {@code Bearer}), RS256 only, signed by a key of the configured issuer's key set, its
 * {@code iss} that issuer, its {@code aud} (or, without one, its {@code client_id}) one of the configured audiences,
 * {@code exp} not passed, {@code nbf} and {@code iat} not in the future, and one of the route's scopes if it names
 * any. A refusal is 401 Unauthorized (403 Forbidden for a missing scope), saying no more; the runtime's log says why.
 * The claims reach the function as API Gateway passes them: every value a string, arrays as {@code [a b]}.
 */
public final class JwtAuthorizer implements RouteAuthorizer {

    private static final String DEFAULT_IDENTITY_SOURCE = "$request.header.Authorization";
    private static final String HEADER_SOURCE = "$request.header.";

    private final SigningKeys keys;
    private final Clock clock;

    /** @param localAws the local AWS endpoint, where Cognito issuers' keys are served */
    public JwtAuthorizer(URI localAws, Clock clock) {
        this.keys = new SigningKeys(localAws, clock);
        this.clock = clock;
    }

    @Override
    public Decision authorize(Request request, Optional<AuthorizerConfig> authorizer) {
        if (authorizer.isEmpty()) {
            return Allow.withoutAuthorizer();
        }
        AuthorizerConfig config = authorizer.get();
        try {
            Map<String, Object> claims = verified(token(request, config), config);
            List<String> granted = scopes(claims);
            if (!config.scopes().isEmpty() && config.scopes().stream().noneMatch(granted::contains)) {
                RuntimeLog.info("JWT authorizer " + config.name() + ": " + request.method() + " " + request.rawPath() + " needs a scope of " + config.scopes());
                return new Refuse(403, "Forbidden");
            }
            return new Allow(asApiGatewayPasses(claims), granted);
        } catch (Jwt.InvalidTokenException e) {
            RuntimeLog.info("JWT authorizer " + config.name() + " refused " + request.method() + " " + request.rawPath() + ": " + e.getMessage());
            return new Refuse(401, "Unauthorized");
        }
    }

    private static String token(Request request, AuthorizerConfig config) {
        String source = String.valueOf(config.definition().getOrDefault("IdentitySource", DEFAULT_IDENTITY_SOURCE));
        if (!source.startsWith(HEADER_SOURCE)) {
            throw new Jwt.InvalidTokenException("the local runtime reads tokens from headers only, not " + source);
        }
        String value = request.headers().get(source.substring(HEADER_SOURCE.length()).toLowerCase(Locale.ROOT));
        if (value == null || value.isBlank()) {
            throw new Jwt.InvalidTokenException("no token in " + source);
        }
        String token = value.strip();
        return token.regionMatches(true, 0, "Bearer ", 0, 7) ? token.substring(7).strip() : token;
    }

    private Map<String, Object> verified(String token, AuthorizerConfig config) {
        Map<?, ?> jwtConfiguration = config.definition().get("JwtConfiguration") instanceof Map<?, ?> map ? map : Map.of();
        String issuer = String.valueOf(jwtConfiguration.get("issuer"));
        List<String> audiences = jwtConfiguration.get("audience") instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
        Jwt jwt = Jwt.parse(token);
        if (!"RS256".equals(jwt.header().get("alg"))) {
            throw new Jwt.InvalidTokenException("alg " + jwt.header().get("alg") + " is not RS256");
        }
        // The configured issuer's keys, never the ones the token points at: a token cannot choose who vouches for it.
        PublicKey key = keys.key(issuer, String.valueOf(jwt.header().get("kid")))
                .orElseThrow(() -> new Jwt.InvalidTokenException("kid " + jwt.header().get("kid") + " is not a key of " + issuer));
        if (!signedBy(jwt, key)) {
            throw new Jwt.InvalidTokenException("the signature does not match");
        }
        Map<String, Object> claims = jwt.claims();
        if (!issuer.equals(claims.get("iss"))) {
            throw new Jwt.InvalidTokenException("iss " + claims.get("iss") + " is not " + issuer);
        }
        Object audience = claims.containsKey("aud") ? claims.get("aud") : claims.get("client_id");
        List<?> claimed = audience instanceof List<?> list ? list : audience == null ? List.of() : List.of(audience);
        if (claimed.stream().map(String::valueOf).noneMatch(audiences::contains)) {
            throw new Jwt.InvalidTokenException("neither aud nor client_id is one of " + audiences);
        }
        long now = clock.instant().getEpochSecond();
        if (!(claims.get("exp") instanceof Number exp) || exp.longValue() <= now) {
            throw new Jwt.InvalidTokenException("expired, or no exp");
        }
        if (claims.get("nbf") instanceof Number nbf && nbf.longValue() > now) {
            throw new Jwt.InvalidTokenException("not valid before " + nbf);
        }
        if (claims.get("iat") instanceof Number iat && iat.longValue() > now) {
            throw new Jwt.InvalidTokenException("issued in the future");
        }
        return claims;
    }

    private static boolean signedBy(Jwt jwt, PublicKey key) {
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(key);
            rs256.update(jwt.signingInput());
            return rs256.verify(jwt.signature());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Cognito's access tokens say {@code scope}, other providers {@code scp}; either space-separated or a list. */
    private static List<String> scopes(Map<String, Object> claims) {
        Object scopes = claims.containsKey("scope") ? claims.get("scope") : claims.get("scp");
        if (scopes instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return scopes == null ? List.of() : Arrays.stream(scopes.toString().split(" ")).filter(s -> !s.isEmpty()).toList();
    }

    static Map<String, String> asApiGatewayPasses(Map<String, Object> claims) {
        Map<String, String> passed = new LinkedHashMap<>();
        claims.forEach((name, value) -> passed.put(name,
                value instanceof List<?> list ? list.stream().map(String::valueOf).collect(Collectors.joining(" ", "[", "]"))
                        : value instanceof Map<?, ?> ? Json.write(value)
                        : value == null ? "" : String.valueOf(value)));
        return passed;
    }
}
