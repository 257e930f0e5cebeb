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
    /** A subject access export asked for; filed under the export ({@code export:<exportId>}), as are its build, views and expiry. */
    SUBJECT_ACCESS_EXPORT_REQUESTED,
    /** A recording copied into a subject access export, on its own trail; and the export itself, built or failed. */
    SUBJECT_ACCESS_EXPORTED,
    /** An export's state read while it offers no download (building, failed, expired). */
    SUBJECT_ACCESS_EXPORT_VIEWED,
    /** An export's zip deleted when its 7 days were over. */
    SUBJECT_ACCESS_EXPORT_EXPIRED,
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
    /** On the source recording: a training copy, with personal details cut out, was made of it (the copy's id in details). */
    TRAINING_COPY_MADE,
    /** On a training copy: it was made, from the recording named in details, by whom and why. */
    TRAINING_COPY_CREATED,
    /** A DPO read the council's anonymised monthly statistics ({@code GET /statistics}). */
    STATISTICS_READ
}
