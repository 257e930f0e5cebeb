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
 * @param outcome   {@code allowed}, or the refusal's error code
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

    public AuditEvent {
        details = Map.copyOf(details);
    }
}
