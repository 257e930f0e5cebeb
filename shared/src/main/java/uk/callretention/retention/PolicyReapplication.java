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
import java.util.stream.StreamSupport;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.audit.AuditLog;
import uk.callretention.policy.CouncilPolicy;
import uk.callretention.policy.PolicyBook;
import uk.callretention.policy.RetentionDecision;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.Channel;
import uk.callretention.recording.QuarantineReason;
import uk.callretention.recording.RecordingId;
import uk.callretention.recording.RecordingState;

/**
 * After a policy file changes, decides active and held recordings again under the policies now bundled, one
 * recording version at a time, as a batch job's per-object handler asks; unless it is a dry run, re-tags a recording
 * whose class, date or policy version changed, updates its catalogue entry and audits the change. Which recordings a
 * job covers comes from the catalogue's team index ({@link #recordingsOf}), never from listing the bucket.
 *
 * <p>Order for one recording: the audit event, written {@linkplain AuditEvent#PENDING pending}, then the tags, then
 * the catalogue entry (conditional on the state and version read), then the event's final outcome. A task that stops
 * part way leaves its event pending (an attempt, never a change claimed but not made) and the job's retry writes its
 * own. Tags go before the catalogue because a sweep in between re-checks the tags and keeps a recording whose date
 * moved later. Running a recording again once it is done answers {@link Reapplied.Change#UNCHANGED}. A real run also
 * files each recording it passes under its call id, if it was catalogued before call ids were indexed.
 */
public final class PolicyReapplication {

    public static final String ACTOR = "system:reapply-policy";

    private static final RetentionDecision UNCLASSIFIABLE_COPY =
            new RetentionDecision.Quarantine(QuarantineReason.UNKNOWN_CHANNEL, "a training copy of no known channel");

    private final PolicyBook policies;
    private final RetentionSchedule schedule;
    private final RetentionCatalogue catalogue;
    private final RetentionStore store;
    private final AuditLog audit;
    private final Clock clock;

    public PolicyReapplication(PolicyBook policies, RetentionCatalogue catalogue, RetentionStore store, AuditLog audit, Clock clock) {
        this.policies = policies;
        this.schedule = new RetentionSchedule(policies, clock);
        this.catalogue = catalogue;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether a bundled policy names the council. */
    public boolean covers(String council) {
        return policies.council(council).isPresent();
    }

    /**
     * The active and held recordings of one council, or of every council, team by team through the team index: what a
     * re-application job goes through. Read lazily, so millions can be written out without holding them.
     *
     * @throws IllegalArgumentException when no policy names that council
     */
    public Iterable<CatalogueEntry> recordingsOf(Optional<String> council) {
        Collection<CouncilPolicy> councils = council.isEmpty() ? policies.councils()
                : List.of(policies.council(council.get()).orElseThrow(() -> new IllegalArgumentException("no policy for council " + council.get())));
        return () -> councils.stream()
                .flatMap(policy -> teamsOf(policy).stream().flatMap(team -> StreamSupport.stream(catalogue.ofTeam(policy.id(), team).spliterator(), false)))
                .filter(PolicyReapplication::stillKept)
                .iterator();
    }

    /**
     * Re-decides the recording stored under that key, if its catalogued version is the one named.
     *
     * @param versionId the version the job names, or null for whichever the catalogue holds
     * @param today     the UK date: a recording whose new date has come is filed under it, for the next sweep
     */
    public Reapplied reapply(String objectKey, String versionId, String runId, boolean dryRun, LocalDate today) {
        Optional<CatalogueEntry> found = catalogue.find(RecordingId.forKey(objectKey));
        if (found.isEmpty()) {
            return Reapplied.of(Reapplied.Change.NOT_CATALOGUED);
        }
        CatalogueEntry entry = found.get();
        if (versionId != null && !versionId.equals(entry.versionId())) {
            return Reapplied.of(Reapplied.Change.SUPERSEDED);
        }
        if (!stillKept(entry)) {
            return Reapplied.of(Reapplied.Change.NOT_ACTIVE);
        }
        if (!dryRun) {
            // Not a retention change, so neither audited nor counted: a run over a council's recordings, changed or not,
            // is what files those catalogued before call ids were indexed, and a second run's write changes nothing.
            catalogue.indexCallId(entry);
        }
        if (entry.recordedAt() == null || !(decide(entry) instanceof RetentionDecision.Retain retain)) {
            return Reapplied.of(Reapplied.Change.UNCLASSIFIABLE);
        }
        int moved = retain.expiresOn().compareTo(entry.expiresOn());
        if (moved == 0 && retain.retentionClass().equals(entry.retentionClass()) && retain.policyRef().equals(entry.policyRef())) {
            return Reapplied.of(Reapplied.Change.UNCHANGED);
        }
        Reapplied.Change change = moved < 0 ? Reapplied.Change.EARLIER : moved > 0 ? Reapplied.Change.LATER : Reapplied.Change.POLICY_ONLY;
        boolean nowDue = moved < 0 && !retain.expiresOn().isAfter(today) && entry.state() == RecordingState.ACTIVE;
        if (dryRun) {
            return new Reapplied(change, nowDue, false);
        }
        return apply(entry, retain, runId, today) ? new Reapplied(change, nowDue, true) : Reapplied.of(Reapplied.Change.CHANGED_MEANWHILE);
    }

    /** A training copy keeps its council's training-copy period from the day it was made, not its channel's. */
    private RetentionDecision decide(CatalogueEntry entry) {
        if (entry.trainingCopyOf() != null) {
            return Channel.fromId(entry.channel())
                    .map(channel -> schedule.decideTrainingCopy(entry.council(), entry.team(), channel, entry.recordedOn()))
                    .orElse(UNCLASSIFIABLE_COPY);
        }
        return schedule.decide(entry.council(), entry.team(), entry.channel(), entry.recordedAt());
    }

    private boolean apply(CatalogueEntry entry, RetentionDecision.Retain retain, String runId, LocalDate today) {
        AuditEvent pending = new AuditEvent(UUID.randomUUID().toString(), clock.instant(), entry.recordingId(), entry.versionId(),
                AuditAction.POLICY_REAPPLIED, ACTOR, entry.council(), null, null, AuditEvent.PENDING, Map.of(
                        "runId", runId,
                        "fromPolicy", String.valueOf(entry.policyRef()), "toPolicy", retain.policyRef(),
                        "fromRetention", entry.retentionClass(), "toRetention", retain.retentionClass(),
                        "fromExpiresOn", entry.expiresOn().toString(), "toExpiresOn", retain.expiresOn().toString()));
        audit.record(pending);
        RetentionTags.write(store, entry, retain.retentionClass(), retain.expiresOn(), retain.policyRef(), entry.state() == RecordingState.HELD);
        boolean reclassified = catalogue.reclassify(entry, retain.retentionClass(), retain.expiresOn(), retain.policyRef(),
                SweepCalendar.indexDay(retain.expiresOn(), today));
        audit.complete(pending, reclassified ? "allowed" : Reapplied.Change.CHANGED_MEANWHILE.id());
        return reclassified;
    }

    private static boolean stillKept(CatalogueEntry entry) {
        return entry.state() == RecordingState.ACTIVE || entry.state() == RecordingState.HELD;
    }

    private static Set<String> teamsOf(CouncilPolicy policy) {
        Set<String> teams = new LinkedHashSet<>();
        policy.channels().values().forEach(byId -> teams.addAll(byId.keySet()));
        return teams;
    }
}
