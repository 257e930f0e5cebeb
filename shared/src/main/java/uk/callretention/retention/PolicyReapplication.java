package uk.callretention.retention;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.audit.AuditLog;
import uk.callretention.observability.LogLine;
import uk.callretention.policy.CouncilPolicy;
import uk.callretention.policy.PolicyBook;
import uk.callretention.policy.RetentionDecision;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingState;

/**
 * After a policy file changes, decides every active and held recording again under the policies now bundled, and
 * says how many expiry dates move earlier and later; unless it is a dry run, re-tags each recording whose class,
 * date or policy version changed, updates its catalogue entry and audits the change. It reads each council team's
 * recordings through the team index, never the whole table. Running it again changes nothing more, so a run that
 * stopped at the deadline is finished by running it again.
 */
public final class PolicyReapplication {

    public static final String ACTOR = "system:reapply-policy";

    private final PolicyBook policies;
    private final RetentionSchedule schedule;
    private final RetentionCatalogue catalogue;
    private final RetentionStore store;
    private final AuditLog audit;
    private final LogLine log;
    private final Clock clock;

    public PolicyReapplication(PolicyBook policies, RetentionCatalogue catalogue, RetentionStore store, AuditLog audit, LogLine log, Clock clock) {
        this.policies = policies;
        this.schedule = new RetentionSchedule(policies, clock);
        this.catalogue = catalogue;
        this.store = store;
        this.audit = audit;
        this.log = log;
        this.clock = clock;
    }

    /** Whether a bundled policy names the council. */
    public boolean covers(String council) {
        return policies.council(council).isPresent();
    }

    /**
     * @param council one council's id, or empty for every council
     * @throws IllegalArgumentException when no policy names that council
     */
    public ReapplyReport run(Optional<String> council, boolean dryRun, LocalDate today, Deadline deadline) {
        Collection<CouncilPolicy> councils = council.isEmpty() ? policies.councils()
                : List.of(policies.council(council.get()).orElseThrow(() -> new IllegalArgumentException("no policy for council " + council.get())));
        Tally tally = new Tally("reapply-" + UUID.randomUUID(), dryRun, today);
        boolean complete = true;
        teams:
        for (CouncilPolicy policy : councils) {
            for (String team : teamsOf(policy)) {
                for (CatalogueEntry entry : catalogue.ofTeam(policy.id(), team)) {
                    if (deadline.isNear()) {
                        complete = false;
                        break teams;
                    }
                    if (entry.state() == RecordingState.ACTIVE || entry.state() == RecordingState.HELD) {
                        tally.reconsider(entry);
                    }
                }
            }
        }
        ReapplyReport report = tally.report(complete);
        log.info(dryRun ? "policy re-application dry run finished" : "policy re-applied", Map.of(
                "runId", report.runId(), "complete", complete, "examined", report.examined(), "earlier", report.earlier(),
                "later", report.later(), "applied", report.applied()));
        return report;
    }

    private static Set<String> teamsOf(CouncilPolicy policy) {
        Set<String> teams = new LinkedHashSet<>();
        policy.channels().values().forEach(byId -> teams.addAll(byId.keySet()));
        return teams;
    }

    private final class Tally {
        private final String runId;
        private final boolean dryRun;
        private final LocalDate today;
        private int examined;
        private int earlier;
        private int later;
        private int policyOnly;
        private int nowDue;
        private int unclassifiable;
        private int applied;

        Tally(String runId, boolean dryRun, LocalDate today) {
            this.runId = runId;
            this.dryRun = dryRun;
            this.today = today;
        }

        void reconsider(CatalogueEntry entry) {
            examined++;
            if (entry.recordedAt() == null) {
                unclassifiable++;
                return;
            }
            RetentionDecision decision = schedule.decide(entry.council(), entry.team(), entry.channel(), entry.recordedAt());
            if (!(decision instanceof RetentionDecision.Retain retain)) {
                unclassifiable++;
                return;
            }
            int moved = retain.expiresOn().compareTo(entry.expiresOn());
            if (moved == 0 && retain.retentionClass().equals(entry.retentionClass()) && retain.policyRef().equals(entry.policyRef())) {
                return;
            }
            if (moved < 0) {
                earlier++;
                if (!retain.expiresOn().isAfter(today) && entry.state() == RecordingState.ACTIVE) {
                    nowDue++;
                }
            } else if (moved > 0) {
                later++;
            } else {
                policyOnly++;
            }
            if (!dryRun) {
                apply(entry, retain);
            }
        }

        private void apply(CatalogueEntry entry, RetentionDecision.Retain retain) {
            audit.record(new AuditEvent(UUID.randomUUID().toString(), clock.instant(), entry.recordingId(), entry.versionId(),
                    AuditAction.POLICY_REAPPLIED, ACTOR, entry.council(), null, null, "allowed", Map.of(
                            "runId", runId,
                            "fromPolicy", String.valueOf(entry.policyRef()), "toPolicy", retain.policyRef(),
                            "fromRetention", entry.retentionClass(), "toRetention", retain.retentionClass(),
                            "fromExpiresOn", entry.expiresOn().toString(), "toExpiresOn", retain.expiresOn().toString())));
            // Tags before the catalogue: a sweep in between re-checks the tags and keeps the recording if its date moved later.
            RetentionTags.write(store, entry, retain.retentionClass(), retain.expiresOn(), retain.policyRef(), entry.state() == RecordingState.HELD);
            if (catalogue.reclassify(entry, retain.retentionClass(), retain.expiresOn(), retain.policyRef(),
                    SweepCalendar.indexDay(retain.expiresOn(), today))) {
                applied++;
            }
        }

        ReapplyReport report(boolean complete) {
            return new ReapplyReport(runId, dryRun, complete, examined, earlier, later, policyOnly, nowDue, unclassifiable, applied);
        }
    }
}
