package uk.callretention.audit;

import java.util.List;

/** The append-only audit trail. */
public interface AuditLog {

    /**
     * Appends the event; writing the same event id twice keeps the first. Callers write the event before they act,
     * so no access happens that the trail does not show.
     */
    void record(AuditEvent event);

    /** Every event about one recording (or other subject), oldest first. */
    List<AuditEvent> trailOf(String subject);
}
