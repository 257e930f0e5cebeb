package uk.callretention.recording;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed hash (HMAC-SHA256) of a caller's E.164 number: lets a DPO find a caller's recordings without the
 * number itself ever being stored. Without the key, which lives in the secret store, the hash cannot be reversed
 * by trying every phone number.
 */
public final class CallerHash {

    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    public CallerHash(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the caller-hash key must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /** The hash of the number, or empty when it is not a phone number (withheld, blank, malformed). */
    public Optional<String> of(String rawNumber) {
        return CallerNumber.toE164(rawNumber).map(this::hash);
    }

    private String hash(String e164) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(e164.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
