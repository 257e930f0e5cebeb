package uk.callretention.access;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditLog;
import uk.callretention.policy.PolicyBook;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingState;
import uk.callretention.retention.Hold;
import uk.callretention.retention.Holds;

/**
 * One recording as the console shows it, for whoever may list its team: the team's managers and the council's DPO,
 * with its active holds. Team staff of a council that takes written access requests see it too, as they must name it
 * in their request, but not its holds: a hold's reason and reference may be about them (a complaint about the agent).
 * Team staff of a council that takes none are told their role does not allow it; anyone else is answered as if it did
 * not exist. A quarantined upload is the DPO's to look at, as in listings and playback: anyone else is told so.
 */
public final class RecordingDetails {

    private final RecordingScope scope;
    private final AccessCatalogue catalogue;
    private final Holds holds;
    private final AccessAudit audit;
    private final Clock clock;

    public RecordingDetails(PolicyBook policies, AccessCatalogue catalogue, Holds holds, AuditLog log, Clock clock) {
        this.scope = new RecordingScope(policies, catalogue::find);
        this.catalogue = catalogue;
        this.holds = holds;
        this.audit = new AccessAudit(log);
        this.clock = clock;
    }

    /**
     * @param activeHolds    empty for team staff, who are not shown holds
     * @param trainingCopies the ids of the training copies made of it that still exist, so the DPO sees they do
     */
    public record Details(CatalogueEntry recording, Optional<List<Hold>> activeHolds, List<String> trainingCopies) {
    }

    public Outcome<Details> of(StaffMember who, String recordingId) {
        RecordingScope.Located located = scope.locate(who, recordingId);
        AccessAudit.Event event = audit.about(located, who, AuditAction.RECORDING_VIEWED, clock.instant());
        RecordingState state = located.entry() == null ? null : located.entry().state();
        return event.settle(() -> AccessRules.onExisting(located.standing(), state, Standing.MANAGER, Standing.DPO, Standing.TEAM_STAFF)
                .or(() -> state == RecordingState.QUARANTINED && located.standing() != Standing.DPO
                        ? Optional.of(Refusal.RECORDING_QUARANTINED) : Optional.empty())
                .<Outcome<Details>>map(Outcome::refused).orElseGet(() -> {
                    event.allowed();
                    CatalogueEntry entry = located.entry();
                    Optional<List<Hold>> active = located.standing() == Standing.TEAM_STAFF ? Optional.empty()
                            : Optional.of(holds.on(entry.recordingId()).stream().filter(Hold::active).toList());
                    return Outcome.done(new Details(entry, active, catalogue.trainingCopiesOf(entry.recordingId())));
                }));
    }
}
