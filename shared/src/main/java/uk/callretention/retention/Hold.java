package uk.callretention.retention;

import java.time.Instant;
import java.time.LocalDate;
import uk.callretention.policy.HoldReason;

/**
 * A reason to keep a recording past its expiry date: one of its council's hold reasons, a reference (the complaint,
 * claim or crime number), who placed it and when it is next reviewed. A recording is kept while any hold on it is
 * active, that is, not released.
 *
 * @param placedBy   the user's subject from their token
 * @param releasedBy null while the hold is active
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
        Instant releasedAt) {

    /** The retention tag a held recording carries: no lifecycle rule matches it. */
    public static final String RETENTION_TAG = "held";

    public boolean active() {
        return releasedAt == null;
    }

    Hold released(String by, Instant at) {
        return new Hold(recordingId, holdId, council, reason, reference, placedBy, placedAt, reviewOn, by, at);
    }
}
