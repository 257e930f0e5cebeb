package uk.callretention.recording;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed hash (HMAC-SHA256) of a caller's E.164 number: lets a DPO find a caller's recordings without the
 * number itself ever being stored. Without the key, which lives in the secret store, the hash cannot be reversed
 * by trying every phone number.
 */
public final class CallerHash {

    private static final String ALGORITHM = "HmacSHA256";
    private static final String SEAL_PREFIX = "seal\n";
    /** The key's bytes, asked for at each hash: a holder may read the key when first needed and forget it again. */
    private final Supplier<byte[]> key;

    public CallerHash(byte[] key) {
        byte[] copy = checked(key).clone();
        this.key = () -> copy;
    }

    /** A hash whose key is asked for at each use, and checked then: the key need not be known when the hash is made. */
    public static CallerHash keyedBy(Supplier<byte[]> key) {
        return new CallerHash(key);
    }

    private CallerHash(Supplier<byte[]> key) {
        this.key = key;
    }

    private static byte[] checked(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the caller-hash key must be at least 32 bytes");
        }
        return key;
    }

    /** The hash of the number, or empty when it is not a phone number (withheld, blank, malformed). */
    public Optional<String> of(String rawNumber) {
        return CallerNumber.toE164(rawNumber).map(this::hash);
    }

    /**
     * A seal over text that is not a phone number, made with the same secret key: only the system can make one. The
     * prefix keeps a seal from ever equalling a caller's hash.
     */
    public String seal(String text) {
        return hash(SEAL_PREFIX + text);
    }

    private String hash(String message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(checked(key.get()), ALGORITHM));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
