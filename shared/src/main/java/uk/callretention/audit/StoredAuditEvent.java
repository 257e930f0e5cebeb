package uk.callretention.audit;

/**
 * An audit event as read back from the store, for verification.
 *
 * @param link           null when the item carries no chain link
 * @param filedAsWritten whether the item's key and day index still agree with its own fields
 */
public record StoredAuditEvent(AuditEvent event, ChainLink link, boolean filedAsWritten) {
}
