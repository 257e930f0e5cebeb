package uk.callretention.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.callretention.recording.CatalogueEntryBuilder.forKey;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.audit.AuditLog;
import uk.callretention.policy.PolicyBook;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingState;

/** The order of things around a playback link, with in-memory stand-ins for the trail, the catalogue and the signer. */
class PlaybackServiceTest {

    private static final Instant NOW = Instant.parse("2026-05-01T09:00:00Z");
    private static final String KEY = "rutland/customer-services/phone/2026/04/30/call-1.wav";
    private static final CatalogueEntry RECORDING = forKey(KEY).versionId("v-7").ordering("t1").state(RecordingState.ACTIVE).council("rutland")
            .team("customer-services").channel("phone").recordedAt(NOW).retentionClass("P3M").policyRef("rutland@1").contentType("audio/wav").sizeBytes(10)
            .cataloguedAt(NOW).build();
    private static final StaffMember MANAGER = StaffMember.fromClaims(Map.of("sub", "m-1", "cognito:groups", "[rutland:customer-services:manager]"))
            .orElseThrow();

    private final List<AuditEvent> trail = new ArrayList<>();
    private final List<Duration> signed = new ArrayList<>();
    private boolean auditFails;

    private final AuditLog audit = new AuditLog() {
        @Override
        public void record(AuditEvent event) {
            if (auditFails) {
                throw new IllegalStateException("the audit table cannot be written");
            }
            trail.add(event);
        }

        @Override
        public void complete(AuditEvent event, String outcome) {
            int at = trail.indexOf(event);
            if (at < 0) {
                throw new IllegalStateException("not pending");
            }
            trail.set(at, event.completed(outcome));
        }

        @Override
        public List<AuditEvent> trailOf(String subject) {
            return trail.stream().filter(e -> e.subject().equals(subject)).toList();
        }
    };

    /**
     * Counts places taken per person; the one clock tick of these tests is always inside the window. When they are all
     * taken, the first frees a millisecond after 09:20, as if the oldest link had been issued at 08:20.
     */
    private final Map<String, Integer> placesTaken = new HashMap<>();
    private final BrowsingGuard guard = (person, places, window, at) -> {
        if (placesTaken.getOrDefault(person, 0) >= places) {
            return BrowsingGuard.Place.full(Instant.parse("2026-05-01T09:20:00.001Z"));
        }
        placesTaken.merge(person, 1, Integer::sum);
        return BrowsingGuard.Place.TAKEN;
    };

    private final PlaybackService service = new PlaybackService(PolicyBook.bundled(Map.of()), new OneRecording(), new NoRequests(),
            (entry, media, lifetime) -> {
                signed.add(lifetime);
                return URI.create("https://signed.example/" + entry.versionId());
            }, audit, guard, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void playback_whenTheTrailCannotBeWritten_signsNoLink() {
        auditFails = true;

        assertThatThrownBy(() -> service.playback(MANAGER, RECORDING.recordingId(), JsonBody.of("{\"purpose\":\"complaint\"}")))
                .isInstanceOf(IllegalStateException.class);
        assertThat(signed).isEmpty();
    }

    @Test
    void playback_whenAllowed_auditsThenSignsThatVersionForTheCouncilsLifetime() {
        Outcome<PlaybackLink> outcome = service.playback(MANAGER, RECORDING.recordingId(),
                JsonBody.of("{\"purpose\":\"complaint\",\"reference\":\"C-1\",\"note\":\"caller disputes what was said\"}"));

        PlaybackLink link = ((Outcome.Done<PlaybackLink>) outcome).value();
        assertThat(link.versionId()).isEqualTo("v-7");
        assertThat(link.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThat(signed).containsExactly(Duration.ofMinutes(5));
        assertThat(trail).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo(AuditAction.PLAYBACK_URL_ISSUED);
            assertThat(event.actor()).isEqualTo("m-1");
            assertThat(event.at()).isEqualTo(NOW);
            assertThat(event.purpose()).isEqualTo("complaint");
            assertThat(event.reference()).isEqualTo("C-1");
            assertThat(event.versionId()).isEqualTo("v-7");
            assertThat(event.details()).containsEntry("note", "caller disputes what was said").containsEntry("standing", "manager")
                    .containsEntry("expiresAt", "2026-05-01T09:05:00Z");
        });
    }

    @Test
    void playback_whenTheHoursLinksAreUsed_isRefusedWhateverThePurpose() {
        for (int i = 0; i < 20; i++) {
            service.playback(MANAGER, RECORDING.recordingId(), JsonBody.of("{\"purpose\":\"training\"}"));
        }

        Outcome<PlaybackLink> outcome = service.playback(MANAGER, RECORDING.recordingId(), JsonBody.of("{\"purpose\":\"complaint\"}"));

        Refusal refusal = ((Outcome.Refused<PlaybackLink>) outcome).refusal();
        assertThat(refusal.code()).as("answered 429, as RefusalStatusTest checks").isEqualTo("too-many-playback-urls");
        assertThat(refusal.details()).isEqualTo(Map.of("limit", 20, "retryAfter", "2026-05-01T09:20:01Z"));
        assertThat(refusal.retryAfter()).isEqualTo(Duration.ofMinutes(20).plusSeconds(1));
        assertThat(refusal.message()).as("UK time, rounded up to the minute")
                .isEqualTo("You have asked for 20 playback links in the last hour, the most Rutland County Council allows. You can ask again after 10:21.");
        assertThat(signed).hasSize(20);
        assertThat(trail.get(20).action()).isEqualTo(AuditAction.PLAYBACK_REFUSED);
    }

    @Test
    void playback_whenRefusedForAnotherReason_takesNoPlaceInTheBrowsingGuard() {
        service.playback(MANAGER, RECORDING.recordingId(), JsonBody.of("{\"purpose\":\"not-a-purpose\"}"));
        service.playback(MANAGER, "rec-" + "0".repeat(32), JsonBody.of("{\"purpose\":\"complaint\"}"));

        assertThat(placesTaken).isEmpty();
        assertThat(trail).extracting(AuditEvent::outcome).containsExactly("purpose-not-allowed", "not-found");
    }

    private static final class OneRecording implements AccessCatalogue {
        @Override
        public Optional<CatalogueEntry> find(String recordingId) {
            return Optional.of(RECORDING).filter(r -> r.recordingId().equals(recordingId));
        }

        @Override
        public TeamPage teamRecordings(String council, String team, Instant from, Instant until, int limit, Optional<String> pageToken) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TeamPage quarantinedRecordings(String council, Instant from, Instant until, int limit, Optional<String> pageToken) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<CatalogueEntry> callerRecordings(String callerHash, Instant from, Instant until, int max) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<CatalogueEntry> callRecordings(String council, String callId, Instant from, Instant until, int max) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> trainingCopiesOf(String recordingId) {
            throw new UnsupportedOperationException();
        }
    }

    private static final class NoRequests implements AccessRequests {
        @Override
        public void add(AccessRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<AccessRequest> find(String recordingId, String requestId) {
            return Optional.empty();
        }

        @Override
        public Optional<AccessRequest> approvedFor(String recordingId, String requester, String purpose) {
            return Optional.empty();
        }

        @Override
        public boolean decide(AccessRequest decided) {
            return false;
        }

        @Override
        public boolean markUsed(AccessRequest used) {
            return false;
        }

        @Override
        public PendingPage pending(String council, java.util.function.Predicate<AccessRequest> shown, int limit, Optional<String> pageToken) {
            throw new UnsupportedOperationException();
        }
    }
}
