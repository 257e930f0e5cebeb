package uk.callretention.access;

import java.time.Instant;

/**
 * A written request by team staff to play one recording back, for a stated purpose and reason, decided by the team's
 * manager or the council's DPO (Rotherham's notice: considered by the Head of Customer Services). An approved request
 * gives exactly one playback link.
 */
public record AccessRequest(
        String recordingId,
        String requestId,
        String council,
        String team,
        String requester,
        String requesterName,
        String purpose,
        String reason,
        String reference,
        Status status,
        Instant requestedAt,
        String decidedBy,
        Instant decidedAt,
        String decisionNote,
        Instant usedAt) {

    public enum Status {
        PENDING, APPROVED, REFUSED, USED
    }

    AccessRequest decided(boolean approve, String by, String note, Instant at) {
        return new AccessRequest(recordingId, requestId, council, team, requester, requesterName, purpose, reason, reference,
                approve ? Status.APPROVED : Status.REFUSED, requestedAt, by, at, note, null);
    }

    AccessRequest used(Instant at) {
        return new AccessRequest(recordingId, requestId, council, team, requester, requesterName, purpose, reason, reference,
                Status.USED, requestedAt, decidedBy, decidedAt, decisionNote, at);
    }
}
