package uk.callretention.access;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.audit.AuditLog;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingId;

/**
 * Writes the trail of the access API: exactly one event per request, naming who (subject, name and standing), when,
 * why (purpose, reference, note) and which version, and carrying the request's final outcome. A request that acts
 * writes its event before it acts, as {@value AuditEvent#PENDING} ({@link Event#allowed}): if that write fails, nothing
 * is done. Once it knows how it ended it completes that same event ({@link Event#settle}): {@code allowed} when done,
 * the refusal's code when refused after all (a hold on a recording deleted meanwhile), {@value #FAILED} when acting
 * threw. A request refused before acting writes its single event then, already final. A pending event left by a
 * request that died mid-way says what the trail knows: it was allowed and begun, its end unknown; the browsing guard
 * counts it, as a link may have been issued.
 */
final class AccessAudit {

    /** The subject of events about an id that is not a recording id at all; the id itself may be anything a caller typed. */
    static final String MALFORMED_ID = "malformed-recording-id";
    /** The outcome of a request that threw while acting: the caller got a server error. */
    static final String FAILED = "failed";
    static final String ALLOWED = "allowed";

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

    /** One request's event being filled in; {@link #allowed} writes it pending, {@link #settle} makes it final. */
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
        private AuditEvent pending;
        private boolean settled;

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

        /** Writes the event, pending, before the request acts: no audit, no action. Details added later are not kept. */
        void allowed() {
            if (pending != null || settled) {
                throw new IllegalStateException("a request writes one audit event");
            }
            pending = event(AuditEvent.PENDING);
            log.record(pending);
        }

        /**
         * Runs the request and gives its event the final outcome. When acting throws, the event is completed as
         * {@value #FAILED} (or written so, if nothing was begun) and the exception goes on to the caller.
         */
        <T> Outcome<T> settle(Supplier<Outcome<T>> request) {
            Outcome<T> outcome;
            try {
                outcome = request.get();
            } catch (RuntimeException e) {
                try {
                    finish(FAILED);
                } catch (RuntimeException auditFailed) {
                    e.addSuppressed(auditFailed);
                }
                throw e;
            }
            finish(outcome instanceof Outcome.Refused<T> refused ? refused.refusal().code() : ALLOWED);
            return outcome;
        }

        private void finish(String outcome) {
            if (settled) {
                return;
            }
            settled = true;
            if (pending != null) {
                log.complete(pending, outcome);
            } else {
                log.record(event(outcome));
            }
        }

        /** Playback refusals get their own action, so the browsing guard counts issued (and pending) links alone. */
        private AuditEvent event(String outcome) {
            boolean refusedPlayback = action == AuditAction.PLAYBACK_URL_ISSUED && !ALLOWED.equals(outcome) && !AuditEvent.PENDING.equals(outcome);
            return new AuditEvent(UUID.randomUUID().toString(), at, subject, versionId, refusedPlayback ? AuditAction.PLAYBACK_REFUSED : action,
                    who.subject(), council, purpose, reference, outcome, details);
        }
    }
}
