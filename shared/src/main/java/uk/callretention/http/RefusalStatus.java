package uk.callretention.http;

import java.util.Map;
import uk.callretention.access.Refusal;

/** The HTTP status the API answers each refusal with, by its error code: the one place the domain's refusals meet HTTP. */
public final class RefusalStatus {

    private static final Map<String, Integer> BY_CODE = Map.ofEntries(
            Map.entry("bad-request", 400),
            Map.entry("purpose-not-allowed", 400),
            Map.entry("reason-not-allowed", 400),
            Map.entry("reference-required", 400),
            Map.entry("review-date-not-after-today", 400),
            Map.entry("review-date-too-far", 400),
            Map.entry("unauthenticated", 401),
            Map.entry("not-permitted", 403),
            Map.entry("access-request-required", 403),
            Map.entry("own-access-request", 403),
            Map.entry("not-found", 404),
            Map.entry("no-such-access-request", 404),
            Map.entry("no-such-hold", 404),
            Map.entry("access-request-not-needed", 409),
            Map.entry("already-decided", 409),
            Map.entry("recording-quarantined", 409),
            Map.entry("recording-held", 409),
            Map.entry("already-released", 409),
            Map.entry("hold-change-in-progress", 409),
            Map.entry("recording-deleted", 410),
            Map.entry("body-too-large", 413),
            Map.entry("recording-not-copyable", 422),
            Map.entry("recording-too-large", 422),
            Map.entry("too-many-playback-urls", 429),
            Map.entry("erasure-incomplete", 503));

    private RefusalStatus() {
    }

    /** @throws IllegalArgumentException for a code this table lacks: a new refusal must be given its status here */
    public static int of(Refusal refusal) {
        Integer status = BY_CODE.get(refusal.code());
        if (status == null) {
            throw new IllegalArgumentException("no HTTP status for refusal " + refusal.code());
        }
        return status;
    }
}
