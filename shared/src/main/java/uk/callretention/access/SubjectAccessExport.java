package uk.callretention.access;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A subject access export: the recordings of one caller in one council between two UK dates, as a zip for the data
 * subject. It holds the recordings' opaque ids, found when the DPO asked, never the caller's number or its hash.
 *
 * @param recordingIds the recordings found when it was asked for, which the build puts in the zip
 * @param failure      why the build failed, in words for the DPO; null unless {@link State#FAILED}
 * @param expiresAt    when the zip is deleted: {@link #KEPT} after it was asked for
 */
public record SubjectAccessExport(
        String exportId,
        String council,
        LocalDate from,
        LocalDate to,
        String reference,
        List<String> recordingIds,
        State state,
        String failure,
        Instant askedAt,
        Instant expiresAt) {

    /** How long an export is kept: long enough for the subject to fetch it, short enough not to become a second archive. */
    public static final Duration KEPT = Duration.ofDays(7);

    public enum State {
        BUILDING, READY, FAILED, EXPIRED;

        /** The name the API and the state table use. */
        public String id() {
            return name().toLowerCase();
        }
    }

    public SubjectAccessExport {
        recordingIds = List.copyOf(recordingIds);
    }

    /** The subject its audit events are filed under: the export's own trail. */
    public String auditSubject() {
        return "export:" + exportId;
    }

    /** Its 7 days are over at {@code now}: ready or not, nothing is offered any more. */
    public boolean pastExpiry(Instant now) {
        return !now.isBefore(expiresAt);
    }

    SubjectAccessExport ready() {
        return with(State.READY, null);
    }

    SubjectAccessExport failed(String why) {
        return with(State.FAILED, why);
    }

    SubjectAccessExport expired() {
        return with(State.EXPIRED, failure);
    }

    private SubjectAccessExport with(State next, String why) {
        return new SubjectAccessExport(exportId, council, from, to, reference, recordingIds, next, why, askedAt, expiresAt);
    }
}
