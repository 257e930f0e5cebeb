package uk.callretention.local.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.callretention.local.runtime.Json;
import uk.callretention.local.runtime.http.RouteAuthorizer;

/** The local JWT authorizer against an OIDC issuer of the test's own, found by discovery as API Gateway finds one. */
class JwtAuthorizerTest {

    private static final Instant NOW = Instant.parse("2026-05-01T09:00:00Z");
    private static final String AUDIENCE = "staff-api";

    private static HttpServer server;
    private static String issuer;
    private static KeyPair key;
    private static KeyPair otherKey;

    private final JwtAuthorizer authorizer = new JwtAuthorizer(URI.create("http://127.0.0.1:1"), Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeAll
    static void startIssuer() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        key = generator.generateKeyPair();
        otherKey = generator.generateKeyPair();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/issuer";
        RSAPublicKey publicKey = (RSAPublicKey) key.getPublic();
        Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
        serve("/issuer/.well-known/openid-configuration", Map.of("issuer", issuer, "jwks_uri", issuer + "/keys"));
        serve("/issuer/keys", Map.of("keys", List.of(Map.of("kty", "RSA", "kid", "k1", "use", "sig", "alg", "RS256",
                "n", base64url.encodeToString(publicKey.getModulus().toByteArray()),
                "e", base64url.encodeToString(publicKey.getPublicExponent().toByteArray())))));
        server.start();
    }

    @AfterAll
    static void stopIssuer() {
        server.stop(0);
    }

    @Test
    void token_whenValid_passesItsClaimsAsApiGatewayDoes() {
        RouteAuthorizer.Decision decision = authorize("Bearer " + token(claims()));

        assertThat(decision).isInstanceOfSatisfying(RouteAuthorizer.Allow.class, allow -> assertThat(allow.jwtClaims())
                .containsEntry("sub", "u-1")
                .containsEntry("cognito:groups", "[rutland:customer-services:manager rutland:*:dpo]")
                .containsEntry("exp", Long.toString(NOW.getEpochSecond() + 3600))
                .containsEntry("email_verified", "true"));
    }

    @Test
    void token_whenSentWithoutBearer_orAudiencedByClientId_passes() {
        Map<String, Object> accessToken = claims();
        accessToken.remove("aud");
        accessToken.put("client_id", AUDIENCE);

        assertThat(authorize(token(accessToken))).isInstanceOf(RouteAuthorizer.Allow.class);
    }

    @Test
    void token_whenAnythingIsWrong_is401Unauthorized() {
        assertUnauthorized(null);
        assertUnauthorized("Bearer not-a-jwt");
        assertUnauthorized("Bearer " + token(claims(), "k1", otherKey));
        assertUnauthorized("Bearer " + token(claims(), "k2", key));
        assertUnauthorized("Bearer " + token(claims(), null, key));
        assertUnauthorized("Bearer " + with("exp", NOW.getEpochSecond()));
        assertUnauthorized("Bearer " + with("nbf", NOW.getEpochSecond() + 60));
        assertUnauthorized("Bearer " + with("iat", NOW.getEpochSecond() + 60));
        assertUnauthorized("Bearer " + with("iss", issuer + "/other"));
        assertUnauthorized("Bearer " + with("aud", "another-api"));
        assertUnauthorized("Bearer " + encode(Map.of("alg", "none", "kid", "k1")) + "." + encode(claims()) + ".");
        String[] parts = token(claims()).split("\\.");
        assertUnauthorized("Bearer " + encode(Map.of("alg", "HS256", "kid", "k1")) + "." + parts[1] + "." + parts[2]);
        Map<String, Object> altered = claims();
        altered.put("cognito:groups", List.of("rutland:*:dpo"));
        assertUnauthorized("Bearer " + parts[0] + "." + encode(altered) + "." + parts[2]);
    }

    @Test
    void route_whenItNamesScopes_needsTheTokenToHaveOne() {
        RouteAuthorizer.AuthorizerConfig config = new RouteAuthorizer.AuthorizerConfig("StaffJwt", definition(), List.of("recordings/play"));
        Map<String, Object> scoped = claims();
        scoped.put("scope", "openid recordings/play");

        assertThat(authorizer.authorize(request("Bearer " + token(claims())), Optional.of(config))).isEqualTo(new RouteAuthorizer.Refuse(403, "Forbidden"));
        assertThat(authorizer.authorize(request("Bearer " + token(scoped)), Optional.of(config))).isInstanceOf(RouteAuthorizer.Allow.class);
    }

    @Test
    void route_withoutAuthorizer_isLetThrough() {
        assertThat(authorizer.authorize(request(null), Optional.empty())).isEqualTo(RouteAuthorizer.Allow.withoutAuthorizer());
    }

    private void assertUnauthorized(String authorization) {
        assertThat(authorize(authorization)).as(authorization).isEqualTo(new RouteAuthorizer.Refuse(401, "Unauthorized"));
    }

    private RouteAuthorizer.Decision authorize(String authorization) {
        return authorizer.authorize(request(authorization), Optional.of(new RouteAuthorizer.AuthorizerConfig("StaffJwt", definition(), List.of())));
    }

    private static RouteAuthorizer.Request request(String authorization) {
        return new RouteAuthorizer.Request("POST", "/recordings/rec-1/playback-url", authorization == null ? Map.of() : Map.of("authorization", authorization));
    }

    private static Map<String, Object> definition() {
        return Map.of("IdentitySource", "$request.header.Authorization", "JwtConfiguration", Map.of("issuer", issuer, "audience", List.of(AUDIENCE)));
    }

    private static Map<String, Object> claims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "u-1");
        claims.put("iss", issuer);
        claims.put("aud", AUDIENCE);
        claims.put("iat", NOW.getEpochSecond() - 10);
        claims.put("exp", NOW.getEpochSecond() + 3600);
        claims.put("cognito:groups", List.of("rutland:customer-services:manager", "rutland:*:dpo"));
        claims.put("email_verified", true);
        return claims;
    }

    private static String with(String claim, Object value) {
        Map<String, Object> claims = claims();
        claims.put(claim, value);
        return token(claims);
    }

    private static String token(Map<String, Object> claims) {
        return token(claims, "k1", key);
    }

    private static String token(Map<String, Object> claims, String kid, KeyPair signer) {
        try {
            Map<String, String> header = new LinkedHashMap<>(Map.of("alg", "RS256", "typ", "JWT"));
            if (kid != null) {
                header.put("kid", kid);
            }
            String input = encode(header) + "." + encode(claims);
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(signer.getPrivate());
            rs256.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rs256.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(Map<String, ?> json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(json).getBytes(StandardCharsets.UTF_8));
    }

    private static void serve(String path, Map<String, ?> json) {
        byte[] body = Json.write(json).getBytes(StandardCharsets.UTF_8);
        server.createContext(path, exchange -> {
            exchange.getResponseHeaders().set("content-type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }
}
