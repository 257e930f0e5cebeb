package uk.callretention.system.api;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.RSAPrivateKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import uk.callretention.local.aws.MotoServer;

/**
 * Tokens with any claims, header and signature a test asks for. Signed by the key moto's Cognito signs every pool's
 * tokens with (moto ships it), so the authorizer takes them as the pool's own: they stand for a council's own OIDC
 * provider, which may put anything in a groups claim. Everything else starts from the claims of a token the stack's
 * pool really issued.
 */
final class ForgedTokens {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final Map<String, Object> issued;
    private final PrivateKey poolKey;
    private final byte[] poolPublicKeyText;

    /** @param issuedToken a token the pool issued, whose issuer, client and token use the forged ones copy */
    ForgedTokens(String issuedToken) throws IOException, GeneralSecurityException, InterruptedException {
        this.issued = JSON.std.mapFrom(Base64.getUrlDecoder().decode(issuedToken.split("\\.")[1]));
        Map<String, Object> jwk = JSON.std.mapFrom(motosPrivateKey());
        this.poolKey = KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateKeySpec(number(jwk.get("n")), number(jwk.get("d"))));
        this.poolPublicKeyText = JSON.std.asBytes(Map.of("kty", "RSA", "kid", jwk.get("kid"), "n", jwk.get("n"), "e", jwk.get("e")));
    }

    /**
     * @param spec {@code raw}: the header's text as it is; else {@code groups} (any JSON value) in the claim
     *             {@code claim} (default {@code cognito:groups}), {@code claims} to add or (null) remove, with
     *             {@code now+N} / {@code now-N} for times, {@code header} likewise, and {@code sign}: {@code pool}
     *             (default), {@code none}, {@code hs256-with-public-key}, {@code another-key} or {@code altered-after}
     */
    String token(Map<String, Object> spec) throws IOException, GeneralSecurityException {
        if (spec.containsKey("raw")) {
            return (String) spec.get("raw");
        }
        Map<String, Object> claims = new LinkedHashMap<>(issued);
        claims.remove("cognito:groups");
        claims.put("sub", "forged-" + UUID.randomUUID());
        claims.put("username", "forged");
        claims.put("iat", Instant.now().getEpochSecond());
        claims.put("exp", Instant.now().plusSeconds(3600).getEpochSecond());
        if (spec.containsKey("groups")) {
            claims.put((String) spec.getOrDefault("claim", "cognito:groups"), spec.get("groups"));
        }
        override(claims, spec.get("claims"));
        Map<String, Object> header = new LinkedHashMap<>(Map.of("alg", "RS256", "kid", "dummy", "typ", "JWT"));
        override(header, spec.get("header"));
        String signingInput = part(JSON.std.asBytes(header)) + "." + part(JSON.std.asBytes(claims));
        String sign = (String) spec.getOrDefault("sign", "pool");
        return switch (sign) {
            case "pool" -> signingInput + "." + part(rs256(signingInput, poolKey));
            case "none" -> signingInput + ".";
            case "hs256-with-public-key" -> signingInput + "." + part(hs256(signingInput, poolPublicKeyText));
            case "another-key" -> signingInput + "." + part(rs256(signingInput, anotherKey()));
            case "altered-after" -> {
                String signature = part(rs256(signingInput, poolKey));
                claims.put("cognito:groups", List.of("newark-sherwood:*:dpo"));
                yield part(JSON.std.asBytes(header)) + "." + part(JSON.std.asBytes(claims)) + "." + signature;
            }
            default -> throw new IllegalArgumentException("no way to sign called " + sign);
        };
    }

    private static void override(Map<String, Object> values, Object overrides) {
        if (!(overrides instanceof Map<?, ?> map)) {
            return;
        }
        map.forEach((name, value) -> {
            if (value == null) {
                values.remove((String) name);
            } else if (value instanceof String text && text.matches("now[+-]\\d+")) {
                values.put((String) name, Instant.now().getEpochSecond() + Long.parseLong(text.substring(3).replace("+", "")));
            } else {
                values.put((String) name, value);
            }
        });
    }

    private static byte[] rs256(String input, PrivateKey key) throws GeneralSecurityException {
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(input.getBytes(StandardCharsets.US_ASCII));
        return signature.sign();
    }

    private static byte[] hs256(String input, byte[] secret) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
    }

    private static PrivateKey anotherKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair().getPrivate();
    }

    private static String part(byte[] bytes) {
        return BASE64URL.encodeToString(bytes);
    }

    private static BigInteger number(Object base64url) {
        return new BigInteger(1, Base64.getUrlDecoder().decode((String) base64url));
    }

    /** The private half of moto's Cognito signing key, read from the moto the test run's server is. */
    private static byte[] motosPrivateKey() throws IOException, InterruptedException {
        Process python = new ProcessBuilder(MotoServer.findPythonWithMoto(), "-c",
                "import gzip, os, sys, moto.cognitoidp as c; "
                        + "sys.stdout.write(gzip.open(os.path.join(os.path.dirname(c.__file__), 'resources', 'jwks-private.json.gz')).read().decode())")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] key = python.getInputStream().readAllBytes();
        if (!python.waitFor(60, TimeUnit.SECONDS) || python.exitValue() != 0) {
            throw new IOException("could not read moto's Cognito signing key");
        }
        return key;
    }
}
