package uk.callretention.retention;

/** Why a recording was deleted, as its tombstone and audit event say. */
public enum DeletionReason {
    /** Its council's retention period ran out. */
    RETENTION_EXPIRED("retention-expired"),
    /** It could not be classified and its quarantine period ran out. */
    QUARANTINE_EXPIRED("quarantine-expired");

    private final String id;

    DeletionReason(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
