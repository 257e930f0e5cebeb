package uk.callretention.audit;

import java.util.List;

/** The append-only audit trail. */
public interface AuditLog {

    /**
     * Appends the event; writing the same event id twice keeps the first. Callers write the event before they act,
     * so no access happens that the trail does not show.
     */
    void record(AuditEvent event);

    /**
     * Sets the final outcome of an event recorded as {@link AuditEvent#PENDING}; nothing else about the event changes.
     * A request writes its event pending before it acts and completes it once it knows how it ended, so the trail
     * holds one event per request, carrying its final outcome.
     *
     * @throws IllegalStateException when the event is not in the trail, or its outcome is already final
     */
    void complete(AuditEvent event, String outcome);

    /** Every event about one recording (or other subject), oldest first. */
    List<AuditEvent> trailOf(String subject);
}
