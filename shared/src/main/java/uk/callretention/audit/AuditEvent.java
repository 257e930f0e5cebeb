package uk.callretention.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One entry in the audit trail: who did what, when, why, to which version. Deletion events carry no personal data:
 * the recording's id, council and dates, never the caller's hash or the agent.
 *
 * @param subject   the recording id, or for an action on no single recording (a subject access search) a label such
 *                  as {@code search:<council>}
 * @param actor     the user's subject from their token, or {@code system:<function>} for scheduled work
 * @param outcome   {@code allowed}, or the refusal's error code; {@value #PENDING} while the request it records is
 *                  being carried out, until {@link AuditLog#complete} sets its final outcome
 * @param details   further non-personal facts, e.g. the hold reason or the recipient of a release
 */
public record AuditEvent(
        String eventId,
        Instant at,
        String subject,
        String versionId,
        AuditAction action,
        String actor,
        String council,
        String purpose,
        String reference,
        String outcome,
        Map<String, String> details) {

    /** The outcome of an event written before its request was acted on, until the request's final outcome is known. */
    public static final String PENDING = "pending";

    public AuditEvent {
        details = Map.copyOf(details);
    }

    /** This event with its final outcome, as {@link AuditLog#complete} leaves it. */
    public AuditEvent completed(String finalOutcome) {
        return new AuditEvent(eventId, at, subject, versionId, action, actor, council, purpose, reference, finalOutcome, details);
    }
}
