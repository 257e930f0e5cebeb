package uk.callretention.access;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import uk.callretention.policy.RetentionSchedule;

/**
 * Why a request was refused: the error code the API answers with (and the audit trail records as the outcome), the
 * HTTP status, and a message for the person. Messages never say whether a recording outside the caller's scope
 * exists.
 *
 * @param details    more fields for the answer's body, beside {@code error} and {@code message}
 * @param retryAfter how long until asking again can succeed, when that is known
 */
public record Refusal(String code, int status, String message, Map<String, Object> details, Duration retryAfter) {

    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm");

    public Refusal {
        details = Map.copyOf(details);
    }

    public Refusal(String code, int status, String message) {
        this(code, status, message, Map.of(), null);
    }

    public static final Refusal UNAUTHENTICATED = new Refusal("unauthenticated", 401, "sign in: the request carried no identity");
    public static final Refusal BAD_REQUEST = new Refusal("bad-request", 400, "the request is not valid");
    public static final Refusal BODY_TOO_LARGE = new Refusal("body-too-large", 413, "the request body is larger than this API accepts");
    public static final Refusal PURPOSE_NOT_ALLOWED = new Refusal("purpose-not-allowed", 400,
            "state a purpose from the council's list for playing back its recordings");
    public static final Refusal NOT_FOUND = new Refusal("not-found", 404, "no such recording");
    public static final Refusal NOT_PERMITTED = new Refusal("not-permitted", 403, "your role does not allow this");
    public static final Refusal ACCESS_REQUEST_REQUIRED = new Refusal("access-request-required", 403,
            "this council needs an approved written access request before staff other than the team's managers play a recording");
    public static final Refusal ACCESS_REQUEST_NOT_NEEDED = new Refusal("access-request-not-needed", 409,
            "managers and the data protection officer play recordings back without an access request");
    public static final Refusal NO_SUCH_ACCESS_REQUEST = new Refusal("no-such-access-request", 404, "no such access request");
    public static final Refusal ALREADY_DECIDED = new Refusal("already-decided", 409, "the access request has already been decided");
    public static final Refusal OWN_ACCESS_REQUEST = new Refusal("own-access-request", 403, "nobody decides their own access request");
    public static final Refusal RECORDING_DELETED = new Refusal("recording-deleted", 410, "the recording has been deleted");
    public static final Refusal RECORDING_QUARANTINED = new Refusal("recording-quarantined", 409,
            "the recording is quarantined: only the data protection officer may open it");
    public static final Refusal RECORDING_HELD = new Refusal("recording-held", 409, "the recording is held: release every hold first");
    public static final Refusal TOO_MANY_PLAYBACK_URLS = new Refusal("too-many-playback-urls", 429,
            "you have had as many playback links this hour as the council allows");
    public static final Refusal ERASURE_INCOMPLETE = new Refusal("erasure-incomplete", 503,
            "some versions could not be deleted yet; ask again to finish the erasure");

    /** The same code and status with a message naming what was wrong with the request. */
    public Refusal saying(String detail) {
        return new Refusal(code, status, detail, details, retryAfter);
    }

    /**
     * More playback links than the council allows in an hour: how many, and when the oldest of them leaves the hour
     * (rounded up to the second; the message gives the UK time rounded up to the minute, so it is never too early).
     */
    public static Refusal tooManyPlaybackUrls(int limit, String councilName, Instant freeFrom, Instant now) {
        Instant retryAt = freeFrom.truncatedTo(ChronoUnit.SECONDS).equals(freeFrom) ? freeFrom : freeFrom.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        LocalTime shown = LocalTime.ofInstant(retryAt.plusSeconds(59), RetentionSchedule.UK).truncatedTo(ChronoUnit.MINUTES);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("limit", limit);
        details.put("retryAfter", retryAt.toString());
        Duration wait = Duration.between(now, retryAt);
        return new Refusal(TOO_MANY_PLAYBACK_URLS.code, TOO_MANY_PLAYBACK_URLS.status,
                "You have asked for " + limit + " playback links in the last hour, the most " + councilName + " allows. "
                        + "You can ask again after " + CLOCK_TIME.format(shown) + ".",
                details, wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait);
    }
}
