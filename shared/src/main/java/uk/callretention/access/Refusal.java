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
 * Why a request was refused: the error code the API answers with (and the audit trail records as the outcome), and a
 * message for the person. Messages never say whether a recording outside the caller's scope exists. The HTTP adapter
 * ({@code uk.callretention.http}) gives each code its status.
 *
 * @param details    more fields for the answer's body, beside {@code error} and {@code message}
 * @param retryAfter how long until asking again can succeed, when that is known
 */
public record Refusal(String code, String message, Map<String, Object> details, Duration retryAfter) {

    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm");

    public Refusal {
        details = Map.copyOf(details);
    }

    public Refusal(String code, String message) {
        this(code, message, Map.of(), null);
    }

    public static final Refusal UNAUTHENTICATED = new Refusal("unauthenticated",
            "We could not tell who you are. Sign in again, then try again.");
    public static final Refusal BAD_REQUEST = new Refusal("bad-request",
            "The request was not one this service understands. Reload the page and try again.");
    /** A page token the list did not give, or gave for another council or team: the list starts again. */
    public static final Refusal UNKNOWN_PAGE = BAD_REQUEST.saying(
            "The page to go on from (nextToken) is not one this list gave. Start again from the list's first page.");
    public static final Refusal BODY_TOO_LARGE = new Refusal("body-too-large",
            "What you sent is too long (the most this service takes is 8 KiB). Shorten the note or reason and try again.");
    public static final Refusal PURPOSE_NOT_ALLOWED = new Refusal("purpose-not-allowed",
            "Choose a purpose from the council's list: its privacy notice allows playing recordings for those purposes only.");
    /** The same words whether the recording is missing or outside the caller's teams: they must not tell the two apart. */
    public static final Refusal NOT_FOUND = new Refusal("not-found",
            "We could not find that recording among those you may see. Check the recording id; if it belongs to a team you do not "
                    + "manage, ask that team's manager or the council's data protection officer.");
    public static final Refusal NOT_PERMITTED = new Refusal("not-permitted",
            "Your role does not allow this. Ask a manager of the team or the council's data protection officer.");
    public static final Refusal ACCESS_REQUEST_REQUIRED = new Refusal("access-request-required",
            "This council needs an approved written access request before staff other than the team's managers play a recording. "
                    + "Ask for access; once a manager of the team or the data protection officer approves, you can play it once.");
    public static final Refusal ACCESS_REQUEST_NOT_NEEDED = new Refusal("access-request-not-needed",
            "You do not need an access request: managers and the data protection officer play recordings without one. "
                    + "Choose a purpose and play it.");
    public static final Refusal NO_SUCH_ACCESS_REQUEST = new Refusal("no-such-access-request",
            "We could not find that access request on this recording. Reload the list of access requests.");
    public static final Refusal ALREADY_DECIDED = new Refusal("already-decided",
            "Someone has already approved or refused this access request. Reload the list of access requests.");
    public static final Refusal OWN_ACCESS_REQUEST = new Refusal("own-access-request",
            "You cannot decide your own access request. Another manager of the team, or the data protection officer, must decide it.");
    public static final Refusal RECORDING_DELETED = new Refusal("recording-deleted",
            "This recording has been deleted: its retention period ended or it was erased. It can no longer be played, held or released.");
    public static final Refusal RECORDING_QUARANTINED = new Refusal("recording-quarantined",
            "This recording is quarantined because its upload could not be classified. Only the council's data protection officer "
                    + "may open it: ask them if you need it.");
    public static final Refusal RECORDING_HELD = new Refusal("recording-held",
            "This recording is held, so it cannot be erased. Release every hold on it first, then erase it.");
    public static final Refusal TOO_MANY_PLAYBACK_URLS = new Refusal("too-many-playback-urls",
            "You have asked for as many playback links in the last hour as the council allows. Wait, then ask again.");
    /** Training copies are made for training, and only where the council's notice names training as a purpose. */
    public static final Refusal TRAINING_NOT_ALLOWED = PURPOSE_NOT_ALLOWED.saying(
            "A training copy is made for the purpose training, and only where the council's privacy notice lists training among its purposes.");
    public static final Refusal RECORDING_NOT_COPYABLE = new Refusal("recording-not-copyable",
            "This recording is not a WAV or MP3 file or a web chat transcript that can be read, so personal details cannot be cut "
                    + "out of it. Nothing was copied.");
    public static final Refusal ERASURE_INCOMPLETE = new Refusal("erasure-incomplete",
            "Some copies of the recording could not be deleted yet. Ask for the erasure again to finish it.");

    /** A source larger than the function that cuts it can hold in memory, with the limit for its kind. */
    public static Refusal recordingTooLarge(String kind, long limitBytes) {
        return new Refusal("recording-too-large", "This " + kind + " is larger than the " + (limitBytes / (1024 * 1024))
                + " MiB a training copy can be made from. Nothing was copied; ask the council's data protection officer.",
                Map.of("limitBytes", limitBytes), null);
    }

    /** The same code with a message naming what was wrong with the request. */
    public Refusal saying(String detail) {
        return new Refusal(code, detail, details, retryAfter);
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
        return new Refusal(TOO_MANY_PLAYBACK_URLS.code,
                "You have asked for " + limit + " playback links in the last hour, the most " + councilName + " allows. "
                        + "You can ask again after " + CLOCK_TIME.format(shown) + ".",
                details, wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait);
    }
}
