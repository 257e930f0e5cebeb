package uk.callretention.recording;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An object key under the upload contract: {@code {council}/{team}/{channel}/{yyyy}/{mm}/{dd}/{callId}.{ext}},
 * where the date is the recording's UK date.
 *
 * <p>The call id is the platform's own: any characters but a slash, as long as the whole key fits S3's limit of
 * 1,024 bytes of UTF-8. Council, team and channel are ids of at most 64 characters, so that each fits an S3 tag
 * value and an API query field.
 */
public record RecordingKey(String council, String team, String channel, LocalDate ukDate, String callId, String extension) {

    /** S3's own limit on a key, in bytes of UTF-8: no longer key can be uploaded. */
    public static final int MAX_KEY_BYTES = 1024;

    private static final Pattern ID = Pattern.compile("(?=[a-z0-9-]{1,64}$)[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final Pattern LAYOUT = Pattern.compile(
            "([^/]*)/([^/]*)/([^/]*)/(\\d{4})/(\\d{2})/(\\d{2})/([^/]+)\\.([a-z0-9]{1,8})", Pattern.DOTALL);

    public static Optional<RecordingKey> parse(String key) {
        Matcher m = LAYOUT.matcher(key);
        if (!m.matches() || !isId(m.group(1)) || !isId(m.group(2)) || !isId(m.group(3))
                || key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            return Optional.empty();
        }
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)));
            return Optional.of(new RecordingKey(m.group(1), m.group(2), m.group(3), date, m.group(7), m.group(8)));
        } catch (DateTimeException notADate) {
            return Optional.empty();
        }
    }

    /**
     * The council a key that does not parse still names by its first part, if that part is shaped like a council id:
     * its data protection officer is the one to look at the upload.
     */
    public static Optional<String> councilNamedBy(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? Optional.empty() : Optional.of(key.substring(0, slash)).filter(RecordingKey::isId);
    }

    /** The key's layout in words, for quarantine details and error messages. */
    public static String layout() {
        return "{council}/{team}/{channel}/{yyyy}/{mm}/{dd}/{callId}.{ext}";
    }

    private static boolean isId(String part) {
        return ID.matcher(part).matches();
    }
}
