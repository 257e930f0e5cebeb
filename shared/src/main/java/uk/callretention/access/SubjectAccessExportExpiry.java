package uk.callretention.access;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.audit.AuditLog;

/**
 * Deletes each export whose 7 days are over and marks it expired, as part of the daily sweep; the exports bucket's
 * lifecycle rule deletes the zip too, as a second guard, but only this marks the export so the DPO sees it went.
 */
public final class SubjectAccessExportExpiry {

    private final SubjectAccessExportRecords exports;
    private final SubjectAccessExportFiles files;
    private final AuditLog log;
    private final Clock clock;
    private final String actor;

    /** @param actor the scheduled function that runs it, as the trail names it ({@code system:<function>}) */
    public SubjectAccessExportExpiry(SubjectAccessExportRecords exports, SubjectAccessExportFiles files, AuditLog log, Clock clock, String actor) {
        this.exports = exports;
        this.files = files;
        this.log = log;
        this.clock = clock;
        this.actor = actor;
    }

    /** @return how many exports it deleted */
    public int expireDue() {
        Instant now = clock.instant();
        int expired = 0;
        for (SubjectAccessExport due : exports.dueToExpire(now)) {
            log.record(new AuditEvent(UUID.randomUUID().toString(), now, due.auditSubject(), null, AuditAction.SUBJECT_ACCESS_EXPORT_EXPIRED, actor,
                    due.council(), null, due.reference(), AccessAudit.ALLOWED, Map.of("state", due.state().id())));
            files.delete(due);
            if (exports.change(due, due.expired())) {
                expired++;
            }
        }
        return expired;
    }
}
