package uk.callretention.local.runtime.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import uk.callretention.local.runtime.Json;

/** A compact JWS (header.payload.signature), taken apart but not yet trusted. */
record Jwt(Map<String, Object> header, Map<String, Object> claims, byte[] signingInput, byte[] signature) {

    /** @throws InvalidTokenException when the text is not three base64url parts of which the first two are JSON objects */
    static Jwt parse(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidTokenException("not a JWS in compact form");
        }
        try {
            Base64.Decoder base64url = Base64.getUrlDecoder();
            return new Jwt(object(base64url.decode(parts[0])), object(base64url.decode(parts[1])),
                    (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), base64url.decode(parts[2]));
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("a part is not base64url JSON");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(byte[] json) {
        if (Json.parse(new String(json, StandardCharsets.UTF_8)) instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new InvalidTokenException("a part is not a JSON object");
    }

    /** Why a token is refused, for the runtime's log; the caller is told only 401 Unauthorized, as API Gateway does. */
    static final class InvalidTokenException extends RuntimeException {
        InvalidTokenException(String reason) {
            super(reason);
        }
    }
}
