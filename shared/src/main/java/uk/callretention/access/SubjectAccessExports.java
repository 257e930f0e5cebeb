package uk.callretention.access;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditLog;
import uk.callretention.access.SubjectAccessExport.State;
import uk.callretention.policy.CouncilPolicy;
import uk.callretention.policy.Playback;
import uk.callretention.policy.PolicyBook;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingState;

/**
 * Subject access exports for the council's DPO: asked for with the caller's number and dates, found exactly as
 * {@link SubjectAccess} finds them, built apart (see {@link SubjectAccessExportBuilder}), and, once ready, offered as a
 * short-lived download link that is audited as a release to the data subject. Another council's DPO is told they may
 * not, as a subject access search tells them; an export of another council is answered as if it did not exist.
 */
public final class SubjectAccessExports {

    /** Who a download link is released to, on the trail. */
    public static final String DATA_SUBJECT = "data-subject";
    public static final String CONTENT_TYPE = "application/zip";

    private static final Pattern EXPORT_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** The subject of events about an export id that is not one at all: the id itself may be anything a caller typed. */
    private static final String MALFORMED_ID = "export:malformed-id";

    private final PolicyBook policies;
    private final SubjectAccess subjectAccess;
    private final SubjectAccessExportRecords exports;
    private final SubjectAccessExportQueue queue;
    private final SubjectAccessExportFiles files;
    private final AccessAudit audit;
    private final Clock clock;

    public SubjectAccessExports(PolicyBook policies, SubjectAccess subjectAccess, SubjectAccessExportRecords exports, SubjectAccessExportQueue queue,
                                SubjectAccessExportFiles files, AuditLog log, Clock clock) {
        this.policies = policies;
        this.subjectAccess = subjectAccess;
        this.exports = exports;
        this.queue = queue;
        this.files = files;
        this.audit = new AccessAudit(log);
        this.clock = clock;
    }

    /**
     * What the DPO is shown: the export's state as they see it (a ready export whose 7 days are over is expired, even
     * before the sweep deletes it), and while it is ready a link to download it.
     */
    public record Status(SubjectAccessExport export, State state, Optional<Download> download) {
    }

    public record Download(URI url, Instant expiresAt) {
    }

    /** Records the export as building and queues its build; the caller's number is hashed at once and kept nowhere. */
    public Outcome<SubjectAccessExport> request(StaffMember who, JsonBody body) {
        Instant now = clock.instant();
        String exportId = UUID.randomUUID().toString();
        AccessAudit.Event event = audit.about("export:" + exportId, null, who, AuditAction.SUBJECT_ACCESS_EXPORT_REQUESTED, now);
        return event.settle(() -> body.fields().then(fields -> {
            ListingQuery search = ListingQuery.read(fields, who);
            Optional<String> hash = subjectAccess.hashedPhone(fields);
            Optional<String> reference = fields.requiredText("reference", PlaybackRequest.MAX_REFERENCE);
            Optional<String> note = fields.text("note", PlaybackRequest.MAX_NOTE);
            LocalDate from = LocalDate.ofInstant(search.from(), RetentionSchedule.UK);
            LocalDate to = LocalDate.ofInstant(search.until(), RetentionSchedule.UK).minusDays(1);
            event.council(search.council()).why(null, reference.orElse(null)).detail("note", note.orElse(null))
                    .detail("from", from.toString()).detail("to", to.toString());
            if (fields.problem().isPresent()) {
                return Outcome.refused(fields.problem().get());
            }
            if (!who.isDpoOf(search.council())) {
                return Outcome.refused(Refusal.NOT_PERMITTED);
            }
            List<String> found = subjectAccess.recordings(hash.orElseThrow(), search).stream()
                    .filter(SubjectAccessExports::hasAudio).map(CatalogueEntry::recordingId).toList();
            event.detail("recordings", Integer.toString(found.size())).allowed();
            SubjectAccessExport building = new SubjectAccessExport(exportId, search.council(), from, to, reference.orElseThrow(), found,
                    SubjectAccessExport.State.BUILDING, null, now, now.plus(SubjectAccessExport.KEPT));
            exports.add(building);
            queue.build(exportId);
            return Outcome.done(building);
        }));
    }

    /** The export's state for its council's DPO; when ready, a fresh link, each one on the trail as a release to the data subject. */
    public Outcome<Status> status(StaffMember who, String exportId) {
        Instant now = clock.instant();
        boolean wellFormed = EXPORT_ID.matcher(exportId).matches();
        Optional<SubjectAccessExport> found = wellFormed ? exports.find(exportId) : Optional.empty();
        State state = found.map(export -> shownState(export, now)).orElse(null);
        // A link is a release to the data subject, and on the trail as one; any other reading of the export is a view.
        boolean releasing = state == State.READY && who.isDpoOf(found.get().council());
        AccessAudit.Event event = audit.about(wellFormed ? "export:" + exportId : MALFORMED_ID, found.map(SubjectAccessExport::council).orElse(null),
                who, releasing ? AuditAction.RELEASE_URL_ISSUED : AuditAction.SUBJECT_ACCESS_EXPORT_VIEWED, now);
        return event.settle(() -> {
            if (found.isEmpty() || !who.councils().contains(found.get().council())) {
                return Outcome.refused(Refusal.NOT_FOUND);
            }
            SubjectAccessExport export = found.get();
            if (!who.isDpoOf(export.council())) {
                return Outcome.refused(Refusal.NOT_PERMITTED);
            }
            if (state != State.READY) {
                event.allowed();
                return Outcome.done(new Status(export, state, Optional.empty()));
            }
            Duration lifetime = policies.council(export.council()).map(CouncilPolicy::playback).map(Playback::urlLifetime)
                    .orElse(Playback.DEFAULT_URL_LIFETIME);
            event.detail("recipient", DATA_SUBJECT).detail("recordings", Integer.toString(export.recordingIds().size())).allowed();
            return Outcome.done(new Status(export, state, Optional.of(new Download(files.link(export, lifetime), now.plus(lifetime)))));
        });
    }

    private static State shownState(SubjectAccessExport export, Instant now) {
        if (export.state() == SubjectAccessExport.State.READY && export.pastExpiry(now)) {
            return State.EXPIRED;
        }
        return export.state();
    }

    /** A tombstone has nothing left to give; anything else in the catalogue has its audio or transcript. */
    private static boolean hasAudio(CatalogueEntry entry) {
        return entry.objectKey() != null && entry.state() != RecordingState.DELETED;
    }
}
