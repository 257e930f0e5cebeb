package uk.callretention.local.runtime.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import uk.callretention.local.runtime.Json;
import uk.callretention.local.runtime.RuntimeLog;
import uk.callretention.local.runtime.http.RouteAuthorizer;

/**
 * The template's JWT authorizers, checked as API Gateway's HTTP API checks them, with nimbus-jose-jwt: the token from
 * the route's identity source (with or without {@code Bearer}), RS256 only, signed by a key of the configured issuer's
 * key set, its {@code iss} that issuer, its {@code aud} (or, without one, its {@code client_id}) one of the configured
 * audiences, {@code exp} not passed, {@code nbf} and {@code iat} not in the future, and one of the route's scopes if it
 * names any. A refusal is 401 Unauthorized (403 Forbidden for a missing scope), saying no more; the runtime's log says
 * why. The claims reach the function as API Gateway passes them: every value a string, arrays as {@code [a b]}.
 * <p>
 * Keys come from the issuer's JSON Web Key Set, found as API Gateway finds it: through the issuer's OIDC discovery
 * document, or, for a Cognito issuer ({@code https://cognito-idp.<region>.amazonaws.com/<poolId>}), where the local
 * Cognito (moto) serves it. They are cached; a key id not yet seen refetches the set, as keys rotate.
 */
public final class JwtAuthorizer implements RouteAuthorizer {

    private static final String DEFAULT_IDENTITY_SOURCE = "$request.header.Authorization";
    private static final String HEADER_SOURCE = "$request.header.";
    private static final Pattern COGNITO_ISSUER = Pattern.compile("https://cognito-idp\\.[a-z0-9-]+\\.amazonaws\\.com/([\\w-]+)");
    private static final int TIMEOUT_MILLIS = 3_000;

    private final URI localAws;
    private final Clock clock;
    private final DefaultResourceRetriever http = new DefaultResourceRetriever(TIMEOUT_MILLIS, TIMEOUT_MILLIS);
    private final Map<String, JWKSource<SecurityContext>> keysByIssuer = new ConcurrentHashMap<>();

    /** @param localAws the local AWS endpoint, where Cognito issuers' keys are served */
    public JwtAuthorizer(URI localAws, Clock clock) {
        this.localAws = localAws;
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
        } catch (BadJOSEException | JOSEException | ParseException | IOException e) {
            RuntimeLog.info("JWT authorizer " + config.name() + " refused " + request.method() + " " + request.rawPath() + ": " + e.getMessage());
            return new Refuse(401, "Unauthorized");
        }
    }

    private static String token(Request request, AuthorizerConfig config) throws BadJWTException {
        String source = String.valueOf(config.definition().getOrDefault("IdentitySource", DEFAULT_IDENTITY_SOURCE));
        if (!source.startsWith(HEADER_SOURCE)) {
            throw new BadJWTException("the local runtime reads tokens from headers only, not " + source);
        }
        String value = request.headers().get(source.substring(HEADER_SOURCE.length()).toLowerCase(Locale.ROOT));
        if (value == null || value.isBlank()) {
            throw new BadJWTException("no token in " + source);
        }
        String token = value.strip();
        return token.regionMatches(true, 0, "Bearer ", 0, 7) ? token.substring(7).strip() : token;
    }

    private Map<String, Object> verified(String token, AuthorizerConfig config) throws BadJOSEException, JOSEException, ParseException, IOException {
        Map<?, ?> jwtConfiguration = config.definition().get("JwtConfiguration") instanceof Map<?, ?> map ? map : Map.of();
        String issuer = String.valueOf(jwtConfiguration.get("issuer"));
        List<String> audiences = jwtConfiguration.get("audience") instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
        // API Gateway picks the issuer's key by the token's kid and refuses a token that names none; nimbus would try every key.
        if (SignedJWT.parse(token).getHeader().getKeyID() == null) {
            throw new BadJWTException("the token names no key (kid)");
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        // The configured issuer's keys, never the ones the token points at: a token cannot choose who vouches for it.
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys(issuer)));
        processor.setJWTClaimsSetVerifier(new ApiGatewayClaims(issuer, audiences, clock));
        return processor.process(token, null).toJSONObject();
    }

    private JWKSource<SecurityContext> keys(String issuer) throws IOException, ParseException {
        JWKSource<SecurityContext> known = keysByIssuer.get(issuer);
        if (known == null) {
            known = JWKSourceBuilder.<SecurityContext>create(jwksUri(issuer), http).build();
            keysByIssuer.put(issuer, known);
        }
        return known;
    }

    private URL jwksUri(String issuer) throws IOException, ParseException {
        Matcher cognito = COGNITO_ISSUER.matcher(issuer);
        if (cognito.matches()) {
            return localAws.resolve("/" + cognito.group(1) + "/.well-known/jwks.json").toURL();
        }
        URL discovery = URI.create(issuer.replaceFirst("/$", "") + "/.well-known/openid-configuration").toURL();
        String jwksUri = JSONObjectUtils.getString(JSONObjectUtils.parse(http.retrieveResource(discovery).getContent()), "jwks_uri");
        if (jwksUri == null) {
            throw new IOException("the issuer's discovery document has no jwks_uri");
        }
        return URI.create(jwksUri).toURL();
    }

    /** API Gateway's claim checks: nimbus's exact issuer, exp and nbf at the given clock with no skew, plus aud or client_id and iat. */
    private static final class ApiGatewayClaims extends DefaultJWTClaimsVerifier<SecurityContext> {
        private final List<String> audiences;
        private final Clock clock;

        ApiGatewayClaims(String issuer, List<String> audiences, Clock clock) {
            super(null, new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("exp"), null);
            this.audiences = audiences;
            this.clock = clock;
            setMaxClockSkew(0);
        }

        @Override
        protected Date currentTime() {
            return Date.from(clock.instant());
        }

        @Override
        public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
            super.verify(claims, context);
            List<String> claimed = claims.getAudience().isEmpty() ? Optional.ofNullable(claims.getClaim("client_id")).map(String::valueOf).stream().toList()
                    : claims.getAudience();
            if (claimed.stream().noneMatch(audiences::contains)) {
                throw new BadJWTException("neither aud nor client_id is one of " + audiences);
            }
            if (claims.getIssueTime() != null && claims.getIssueTime().after(currentTime())) {
                throw new BadJWTException("issued in the future");
            }
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
