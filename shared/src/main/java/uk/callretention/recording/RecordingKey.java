package uk.callretention.recording;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An object key under the upload contract: {@code {council}/{team}/{channel}/{yyyy}/{mm}/{dd}/{callId}.{ext}},
 * where the date is the recording's UK date.
 *
 * <p>The call id is the platform's own: any characters but a slash or control characters, so that ids with
 * spaces or accented letters are classified rather than quarantined.
 */
public record RecordingKey(String council, String team, String channel, LocalDate ukDate, String callId, String extension) {

    private static final String WORDS = "[a-z0-9]+(?:-[a-z0-9]+)*";
    private static final Pattern LAYOUT = Pattern.compile(
            "(" + WORDS + ")/(" + WORDS + ")/(" + WORDS + ")/(\\d{4})/(\\d{2})/(\\d{2})/([^/\\p{Cntrl}]{1,200})\\.([a-z0-9]{1,8})");

    public static Optional<RecordingKey> parse(String key) {
        Matcher m = LAYOUT.matcher(key);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)));
            return Optional.of(new RecordingKey(m.group(1), m.group(2), m.group(3), date, m.group(7), m.group(8)));
        } catch (DateTimeException notADate) {
            return Optional.empty();
        }
    }

    /** The key's layout in words, for quarantine details and error messages. */
    public static String layout() {
        return "{council}/{team}/{channel}/{yyyy}/{mm}/{dd}/{callId}.{ext}";
    }
}
