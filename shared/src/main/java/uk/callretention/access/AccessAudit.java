package uk.callretention.access;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.audit.AuditLog;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingId;

/**
 * Writes the trail of the access API: one event per request, allowed or refused, naming who (subject, name and
 * standing), when, why (purpose, reference, note) and which version. An allowed event is written before the thing
 * is done, so nothing is done that the trail does not show.
 */
final class AccessAudit {

    /** The subject of events about an id that is not a recording id at all; the id itself may be anything a caller typed. */
    static final String MALFORMED_ID = "malformed-recording-id";

    private final AuditLog log;

    AccessAudit(AuditLog log) {
        this.log = log;
    }

    /** An event about one recording, found or not. */
    Event about(RecordingScope.Located located, StaffMember who, AuditAction action, Instant at) {
        CatalogueEntry entry = located.entry();
        String subject = entry != null ? entry.recordingId()
                : RecordingId.looksValid(located.requestedId()) ? located.requestedId() : MALFORMED_ID;
        return new Event(action, subject, who, at).version(entry == null ? null : entry.versionId())
                .council(entry == null ? null : entry.council()).detail("standing", located.standing().name().toLowerCase());
    }

    /** An event about no single recording: a listing, a search. */
    Event about(String subject, String council, StaffMember who, AuditAction action, Instant at) {
        return new Event(action, subject, who, at).council(council);
    }

    /** One event being filled in; {@link #allowed} and {@link #refuse} write it. */
    final class Event {
        private final AuditAction action;
        private final String subject;
        private final StaffMember who;
        private final Instant at;
        private final Map<String, String> details = new LinkedHashMap<>();
        private String versionId;
        private String council;
        private String purpose;
        private String reference;
        private int written;

        private Event(AuditAction action, String subject, StaffMember who, Instant at) {
            this.action = action;
            this.subject = subject;
            this.who = who;
            this.at = at;
            details.put("actorName", who.name());
        }

        Event version(String id) {
            versionId = id;
            return this;
        }

        Event council(String id) {
            council = id;
            return this;
        }

        Event why(String purposeId, String referenceText) {
            purpose = purposeId;
            reference = referenceText;
            return this;
        }

        Event detail(String name, String value) {
            if (value != null) {
                details.put(name, value);
            }
            return this;
        }

        void allowed() {
            write(action, "allowed");
        }

        /** Playback refusals get their own action, so the browsing guard counts issued links alone. */
        <T> Outcome<T> refuse(Refusal refusal) {
            write(action == AuditAction.PLAYBACK_URL_ISSUED ? AuditAction.PLAYBACK_REFUSED : action, refusal.code());
            return Outcome.refused(refusal);
        }

        /** Audits the outcome if it is a refusal; an allowed one was audited before it was acted on. */
        <T> Outcome<T> settle(Outcome<T> outcome) {
            return outcome instanceof Outcome.Refused<T> refused ? refuse(refused.refusal()) : outcome;
        }

        /** A request's later outcome (an erasure found incomplete) sorts after the event that allowed it, even within one clock tick. */
        private void write(AuditAction action, String outcome) {
            log.record(new AuditEvent(UUID.randomUUID().toString(), at.plusNanos(written++), subject, versionId, action, who.subject(), council,
                    purpose, reference, outcome, details));
        }
    }
}
