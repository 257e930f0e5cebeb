package uk.callretention.recording;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an S3 event notification as S3 delivers it to a queue. S3's own {@code s3:TestEvent}, sent when the
 * notification is configured, holds no uploads.
 */
public final class UploadNotifications {

    private UploadNotifications() {
    }

    /** @throws MalformedNotificationException when the text is not an S3 event notification */
    public static List<Upload> parse(String body) {
        Map<String, Object> notification;
        try {
            notification = JSON.std.mapFrom(body);
        } catch (IOException | RuntimeException e) {
            throw new MalformedNotificationException("not a JSON object");
        }
        if (notification == null) {
            throw new MalformedNotificationException("not a JSON object");
        }
        if ("s3:TestEvent".equals(notification.get("Event"))) {
            return List.of();
        }
        if (!(notification.get("Records") instanceof List<?> records)) {
            throw new MalformedNotificationException("no Records");
        }
        List<Upload> uploads = new ArrayList<>();
        for (Object record : records) {
            Map<?, ?> fields = asMap(record, "a record");
            if (String.valueOf(fields.get("eventName")).startsWith("ObjectCreated:")) {
                uploads.add(upload(asMap(fields.get("s3"), "s3")));
            }
        }
        return uploads;
    }

    private static Upload upload(Map<?, ?> s3) {
        Map<?, ?> bucket = asMap(s3.get("bucket"), "s3.bucket");
        Map<?, ?> object = asMap(s3.get("object"), "s3.object");
        String bucketName = text(bucket.get("name")).orElseThrow(() -> new MalformedNotificationException("no s3.bucket.name"));
        String encodedKey = text(object.get("key")).orElseThrow(() -> new MalformedNotificationException("no s3.object.key"));
        return new Upload(bucketName, decodeKey(encodedKey), text(object.get("versionId")), text(object.get("sequencer")));
    }

    /** S3 form-encodes keys ({@code +} for a space); some servers also encode {@code /}: decoding covers both. */
    static String decodeKey(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new MalformedNotificationException("the object key is not URL-encoded text");
        }
    }

    private static Map<?, ?> asMap(Object value, String what) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw new MalformedNotificationException("no " + what);
    }

    private static Optional<String> text(Object value) {
        return value instanceof String s && !s.isEmpty() ? Optional.of(s) : Optional.empty();
    }

    /** A message that is not an S3 event notification; retrying will not help, so it goes to the dead-letter queue. */
    public static final class MalformedNotificationException extends RuntimeException {
        public MalformedNotificationException(String message) {
            super("malformed S3 event notification: " + message);
        }
    }
}
