package uk.callretention.retention;

import java.time.Instant;
import java.time.LocalDate;
import uk.callretention.policy.HoldReason;

/**
 * A reason to keep a recording past its expiry date: one of its council's hold reasons, a reference (the complaint,
 * claim or crime number), who placed it and when it is next reviewed. A recording is kept while any hold on it is
 * active.
 *
 * @param placedBy   the user's subject from their token
 * @param releasedBy null until someone releases it
 * @param status     where the hold is in its life; only {@link Status#ACTIVE} keeps the recording
 */
public record Hold(
        String recordingId,
        String holdId,
        String council,
        HoldReason reason,
        String reference,
        String placedBy,
        Instant placedAt,
        LocalDate reviewOn,
        String releasedBy,
        Instant releasedAt,
        Status status) {

    /** The retention tag a held recording carries: no lifecycle rule matches it. */
    public static final String RETENTION_TAG = "held";

    /** A hold's life: placing, then active or not placed; releasing, then released. */
    public enum Status {
        /** Written before anything is locked: it keeps nothing yet, and says so. */
        PLACING,
        /** Every version of the recording is under legal hold and tagged held, and the catalogue says held. */
        ACTIVE,
        /** A release under way: the recording's locks may still be on. */
        RELEASING,
        RELEASED,
        /** The recording was deleted before every version was locked, or the placing stopped part way and was undone. */
        NOT_PLACED;

        /** Placing or releasing: a hold left so by a request that stopped part way is settled by the next sweep. */
        public boolean unfinished() {
            return this == PLACING || this == RELEASING;
        }
    }

    public boolean active() {
        return status == Status.ACTIVE;
    }

    Hold activated() {
        return withStatus(Status.ACTIVE);
    }

    Hold notPlaced() {
        return withStatus(Status.NOT_PLACED);
    }

    Hold releasing(String by, Instant at) {
        return new Hold(recordingId, holdId, council, reason, reference, placedBy, placedAt, reviewOn, by, at, Status.RELEASING);
    }

    /** The releasing hold, released: the recording is no longer kept by it. */
    Hold released() {
        return withStatus(Status.RELEASED);
    }

    private Hold withStatus(Status next) {
        return new Hold(recordingId, holdId, council, reason, reference, placedBy, placedAt, reviewOn, releasedBy, releasedAt, next);
    }
}
