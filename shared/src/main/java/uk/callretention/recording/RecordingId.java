package uk.callretention.recording;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A recording's id: derived from its object key, so every event for the same key lands on the same catalogue item,
 * and opaque, so an id in a URL or a log reveals neither council, team, date nor call.
 */
public final class RecordingId {

    private static final String PREFIX = "rec-";

    private RecordingId() {
    }

    public static String forKey(String objectKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(objectKey.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    public static boolean looksValid(String id) {
        return id != null && id.length() == PREFIX.length() + 32 && id.startsWith(PREFIX)
                && id.substring(PREFIX.length()).chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
}
