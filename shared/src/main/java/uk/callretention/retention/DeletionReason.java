package uk.callretention.retention;

/** Why a recording was deleted, as its tombstone and audit event say. */
public enum DeletionReason {
    /** Its council's retention period ran out. */
    RETENTION_EXPIRED("retention-expired"),
    /** It could not be classified and its quarantine period ran out. */
    QUARANTINE_EXPIRED("quarantine-expired"),
    /** Reconciliation found no version of it left in the bucket: the catalogue stops claiming it is kept. */
    MISSING_AT_RECONCILIATION("missing-at-reconciliation");

    private final String id;

    DeletionReason(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
