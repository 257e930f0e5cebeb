package uk.callretention.audit;

/** What was done, or refused, to a recording or with personal data. */
public enum AuditAction {
    PLAYBACK_URL_ISSUED,
    PLAYBACK_REFUSED,
    RELEASE_URL_ISSUED,
    LISTED,
    /** One recording's details read, with its holds for those who may see them. */
    RECORDING_VIEWED,
    SUBJECT_ACCESS_SEARCH,
    ACCESS_REQUESTED,
    ACCESS_REQUEST_DECIDED,
    HOLD_PLACED,
    HOLD_RELEASED,
    ERASED,
    DELETED,
    POLICY_REAPPLIED,
    /** Reconciliation put right what the upload path left wrong: untagged, uncatalogued, or catalogued without an object. */
    RECONCILED,
    AUDIT_TRAIL_READ,
    /** A member of staff read what their groups let them do ({@code GET /me}). */
    PROFILE_READ,
    /** A DPO read the council's anonymised monthly statistics ({@code GET /statistics}). */
    STATISTICS_READ
}
