package uk.callretention.local.runtime.auth;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.callretention.local.runtime.Json;

/**
 * Each issuer's RSA signing keys, from its JSON Web Key Set, as API Gateway finds them: through the issuer's OIDC
 * discovery document ({@code <issuer>/.well-known/openid-configuration}, its {@code jwks_uri}). A Cognito issuer
 * ({@code https://cognito-idp.<region>.amazonaws.com/<poolId>}) is the local Cognito: its keys are where moto serves
 * them, {@code <local AWS>/<poolId>/.well-known/jwks.json}. Keys are cached; a key id not yet seen refetches the set,
 * at most once a minute, as keys rotate.
 */
final class SigningKeys {

    private static final Pattern COGNITO_ISSUER = Pattern.compile("https://cognito-idp\\.[a-z0-9-]+\\.amazonaws\\.com/([\\w-]+)");
    private static final Duration REFETCH_AFTER = Duration.ofMinutes(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private record KeySet(Map<String, PublicKey> byId, Instant fetchedAt) {
    }

    private final URI localAws;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final Map<String, KeySet> byIssuer = new ConcurrentHashMap<>();

    SigningKeys(URI localAws, Clock clock) {
        this.localAws = localAws;
        this.clock = clock;
    }

    /** The issuer's key with that id, fetching the issuer's key set when it is not known or lacks the id. */
    Optional<PublicKey> key(String issuer, String keyId) {
        KeySet known = byIssuer.get(issuer);
        if (known != null && (known.byId().containsKey(keyId) || clock.instant().isBefore(known.fetchedAt().plus(REFETCH_AFTER)))) {
            return Optional.ofNullable(known.byId().get(keyId));
        }
        KeySet fetched = new KeySet(fetch(jwksUri(issuer)), clock.instant());
        byIssuer.put(issuer, fetched);
        return Optional.ofNullable(fetched.byId().get(keyId));
    }

    private URI jwksUri(String issuer) {
        Matcher cognito = COGNITO_ISSUER.matcher(issuer);
        if (cognito.matches()) {
            return localAws.resolve("/" + cognito.group(1) + "/.well-known/jwks.json");
        }
        Object discovered = ((Map<?, ?>) get(URI.create(issuer.replaceFirst("/$", "") + "/.well-known/openid-configuration"))).get("jwks_uri");
        if (discovered == null) {
            throw new Jwt.InvalidTokenException("the issuer's discovery document has no jwks_uri");
        }
        return URI.create(discovered.toString());
    }

    private Map<String, PublicKey> fetch(URI jwks) {
        Map<String, PublicKey> keys = new ConcurrentHashMap<>();
        Object list = ((Map<?, ?>) get(jwks)).get("keys");
        for (Object entry : list instanceof List<?> l ? l : List.of()) {
            Map<?, ?> jwk = (Map<?, ?>) entry;
            if ("RSA".equals(jwk.get("kty")) && jwk.get("kid") != null && !"enc".equals(jwk.get("use"))) {
                keys.put(jwk.get("kid").toString(), rsa(jwk.get("n").toString(), jwk.get("e").toString()));
            }
        }
        return keys;
    }

    private Object get(URI uri) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new Jwt.InvalidTokenException("GET " + uri + " answered " + response.statusCode());
            }
            return Json.parse(response.body());
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new Jwt.InvalidTokenException("cannot read " + uri + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Jwt.InvalidTokenException("interrupted reading " + uri);
        }
    }

    private static PublicKey rsa(String modulus, String exponent) {
        Base64.Decoder base64url = Base64.getUrlDecoder();
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                    new BigInteger(1, base64url.decode(modulus)), new BigInteger(1, base64url.decode(exponent))));
        } catch (GeneralSecurityException e) {
            throw new Jwt.InvalidTokenException("a key in the set is not an RSA public key");
        }
    }
}
