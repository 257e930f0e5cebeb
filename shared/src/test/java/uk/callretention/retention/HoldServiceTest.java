package uk.callretention.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.callretention.recording.CatalogueEntryBuilder.forKey;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.callretention.policy.HoldReason;
import uk.callretention.policy.PolicyBook;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.CatalogueEntryBuilder;
import uk.callretention.recording.RecordingState;
import uk.callretention.recording.RecordingTags;

/** The hold logic over fakes of the catalogue, the holds table and the bucket; the AWS adapters are tested against moto elsewhere. */
class HoldServiceTest {

    private static final Instant NOW = Instant.parse("2026-06-01T09:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
    private static final String KEY = "rutland/customer-services/phone/2026/05/01/call-1.wav";
    private static final CatalogueEntry RECORDING = forKey(KEY).versionId("v2").ordering("t2").state(RecordingState.ACTIVE).council("rutland")
            .team("customer-services").channel("phone").recordedAt(Instant.parse("2026-05-01T10:00:00Z")).recordedOn(LocalDate.of(2026, 5, 1))
            .retentionClass("P3M").expiresOn(LocalDate.of(2026, 8, 1)).policyRef("rutland@1").contentType("audio/wav").sizeBytes(12)
            .cataloguedAt(Instant.parse("2026-05-01T10:05:00Z")).build();

    private final FakeCatalogue catalogue = new FakeCatalogue();
    private final FakeHolds holds = new FakeHolds();
    private final FakeBucket bucket = new FakeBucket();
    private final HoldService service = new HoldService(PolicyBook.bundled(Map.of()), catalogue, holds, bucket, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void place_whenRecordingIsActive_locksAndTagsEveryVersionAndMarksTheCatalogueHeld() {
        recorded(RECORDING, "v1", "v2");

        HoldOutcome outcome = service.place(request("police"), hold -> { });

        assertThat(outcome).isInstanceOf(HoldOutcome.Placed.class);
        assertThat(((HoldOutcome.Placed) outcome).hold().status()).isEqualTo(Hold.Status.ACTIVE);
        assertThat(bucket.locked).containsExactlyInAnyOrder("v1", "v2");
        assertThat(bucket.tags.values()).allSatisfy(tags -> assertThat(tags).containsEntry(RecordingTags.RETENTION, Hold.RETENTION_TAG));
        assertThat(catalogue.find(RECORDING.recordingId()).orElseThrow().state()).isEqualTo(RecordingState.HELD);
        assertThat(holds.claims).isEmpty();
    }

    @Test
    void place_whenReasonIsNotTheCouncils_isRefusedBeforeAnythingIsWritten() {
        recorded(RECORDING, "v2");
        List<Hold> audited = new ArrayList<>();

        HoldOutcome outcome = service.place(request("not-a-reason"), audited::add);

        assertThat(outcome).isEqualTo(new HoldOutcome.Refused(HoldOutcome.Refusal.REASON_NOT_ALLOWED));
        assertThat(audited).isEmpty();
        assertThat(holds.all).isEmpty();
        assertThat(bucket.locked).isEmpty();
    }

    @Test
    void place_whenReviewDateIsToday_isRefused() {
        recorded(RECORDING, "v2");

        HoldOutcome outcome = service.place(new HoldRequest(RECORDING.recordingId(), "police", "crime 1", "dpo-1", TODAY), hold -> { });

        assertThat(outcome).isEqualTo(new HoldOutcome.Refused(HoldOutcome.Refusal.REVIEW_DATE_NOT_AFTER_TODAY));
    }

    @Test
    void place_whenRecordingIsDeleted_isRefused() {
        recorded(CatalogueEntryBuilder.from(RECORDING).state(RecordingState.DELETED).build());

        assertThat(service.place(request("police"), hold -> { })).isEqualTo(new HoldOutcome.Refused(HoldOutcome.Refusal.RECORDING_DELETED));
    }

    @Test
    void place_whenCatalogueDeletesTheRecordingMeanwhile_takesTheLocksOffAndMarksTheHoldNotPlaced() {
        recorded(RECORDING, "v2");
        catalogue.refuseMarkHeld = true;

        HoldOutcome outcome = service.place(request("police"), hold -> { });

        assertThat(outcome).isEqualTo(new HoldOutcome.Refused(HoldOutcome.Refusal.RECORDING_DELETED));
        assertThat(bucket.locked).isEmpty();
        assertThat(holds.all).extracting(Hold::status).containsExactly(Hold.Status.NOT_PLACED);
    }

    @Test
    void release_ofTheLastHold_unlocksEveryVersionAndFilesTheRecordingForItsExpiryDate() {
        recorded(RECORDING, "v1", "v2");
        Hold placed = ((HoldOutcome.Placed) service.place(request("police"), hold -> { })).hold();

        HoldOutcome outcome = service.release(RECORDING.recordingId(), placed.holdId(), "dpo-2", hold -> { });

        assertThat(outcome).isInstanceOf(HoldOutcome.Released.class);
        HoldOutcome.Released released = (HoldOutcome.Released) outcome;
        assertThat(released.stillHeld()).isFalse();
        assertThat(released.dueOn()).isEqualTo(RECORDING.expiresOn());
        assertThat(bucket.locked).isEmpty();
        assertThat(bucket.tags.values()).allSatisfy(tags -> assertThat(tags).containsEntry(RecordingTags.RETENTION, "P3M"));
        assertThat(catalogue.find(RECORDING.recordingId()).orElseThrow().state()).isEqualTo(RecordingState.ACTIVE);
        assertThat(catalogue.filedOn).isEqualTo(RECORDING.expiresOn());
    }

    @Test
    void release_whenAnotherHoldIsActive_keepsTheRecordingHeld() {
        recorded(RECORDING, "v2");
        Hold first = ((HoldOutcome.Placed) service.place(request("police"), hold -> { })).hold();
        service.place(request("legal-claim"), hold -> { });

        HoldOutcome.Released released = (HoldOutcome.Released) service.release(RECORDING.recordingId(), first.holdId(), "dpo-2", hold -> { });

        assertThat(released.stillHeld()).isTrue();
        assertThat(released.dueOn()).isNull();
        assertThat(bucket.locked).containsExactly("v2");
        assertThat(catalogue.find(RECORDING.recordingId()).orElseThrow().state()).isEqualTo(RecordingState.HELD);
    }

    @Test
    void release_ofAReleasedHold_isRefused() {
        recorded(RECORDING, "v2");
        Hold placed = ((HoldOutcome.Placed) service.place(request("police"), hold -> { })).hold();
        service.release(RECORDING.recordingId(), placed.holdId(), "dpo-2", hold -> { });

        assertThat(service.release(RECORDING.recordingId(), placed.holdId(), "dpo-2", hold -> { }))
                .isEqualTo(new HoldOutcome.Refused(HoldOutcome.Refusal.ALREADY_RELEASED));
    }

    @Test
    void settleUnfinished_whenAPlacingStoppedPartWay_rollsItBack() {
        recorded(RECORDING, "v2");
        Hold placing = new Hold(RECORDING.recordingId(), "hold-1", "rutland", HoldReason.fromId("police").orElseThrow(),
                "crime 1", "dpo-1", NOW, TODAY.plusDays(30), null, null, Hold.Status.PLACING);
        holds.add(placing);
        bucket.setLegalHold(KEY, "v2", true);

        assertThat(service.settleUnfinished()).isEqualTo(1);

        assertThat(holds.all).extracting(Hold::status).containsExactly(Hold.Status.NOT_PLACED);
        assertThat(bucket.locked).isEmpty();
    }

    private void recorded(CatalogueEntry entry, String... versions) {
        catalogue.entries.put(entry.recordingId(), entry);
        for (String version : versions) {
            bucket.tags.put(version, new HashMap<>(RecordingTags.of(entry)));
        }
    }

    private static HoldRequest request(String reason) {
        return new HoldRequest(RECORDING.recordingId(), reason, "crime 1", "dpo-1", TODAY.plusDays(30));
    }

    /** The catalogue's retention side, with the state changes the hold logic makes. */
    private static final class FakeCatalogue implements RetentionCatalogue {
        final Map<String, CatalogueEntry> entries = new HashMap<>();
        boolean refuseMarkHeld;
        LocalDate filedOn;

        @Override
        public Optional<CatalogueEntry> find(String recordingId) {
            return Optional.ofNullable(entries.get(recordingId));
        }

        @Override
        public boolean markHeld(CatalogueEntry entry) {
            if (refuseMarkHeld) {
                return false;
            }
            entries.put(entry.recordingId(), CatalogueEntryBuilder.from(entry).state(RecordingState.HELD).build());
            return true;
        }

        @Override
        public boolean markReleased(CatalogueEntry entry, LocalDate day) {
            entries.put(entry.recordingId(), CatalogueEntryBuilder.from(entry).state(RecordingState.ACTIVE).build());
            filedOn = day;
            return true;
        }

        @Override
        public Iterable<CatalogueEntry> indexedUnder(String expiryShard) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Iterable<CatalogueEntry> ofTeam(String council, String team) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean tombstone(CatalogueEntry entry, Tombstone tombstone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean fileUnder(CatalogueEntry entry, LocalDate day) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean reclassify(CatalogueEntry entry, String retentionClass, LocalDate expiresOn, String policyRef, LocalDate day) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void indexCallId(CatalogueEntry entry) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> trainingCopiesOf(String recordingId) {
            return List.of();
        }
    }

    /** The holds table: every hold kept, changes only from the state read, and claims. */
    private static final class FakeHolds implements Holds {
        final List<Hold> all = new ArrayList<>();
        final Map<String, String> claims = new HashMap<>();

        @Override
        public void add(Hold placing) {
            all.add(placing);
        }

        @Override
        public Optional<Hold> find(String recordingId, String holdId) {
            return all.stream().filter(hold -> hold.recordingId().equals(recordingId) && hold.holdId().equals(holdId)).findFirst();
        }

        @Override
        public List<Hold> on(String recordingId) {
            return all.stream().filter(hold -> hold.recordingId().equals(recordingId)).toList();
        }

        @Override
        public boolean change(Hold read, Hold next) {
            int at = all.indexOf(read);
            if (at < 0) {
                return all.contains(next);
            }
            all.set(at, next);
            return true;
        }

        @Override
        public List<Hold> reviewOverdue(String council, LocalDate day) {
            return all.stream().filter(hold -> hold.council().equals(council) && hold.active() && hold.reviewOn().isBefore(day)).toList();
        }

        @Override
        public ActivePage active(String council, int limit, Optional<String> pageToken) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Hold> unfinished(String council) {
            return all.stream().filter(hold -> hold.council().equals(council) && hold.status().unfinished()).toList();
        }

        @Override
        public boolean claim(String recordingId, String claimant, Instant now, Instant until) {
            return claims.putIfAbsent(recordingId, claimant) == null;
        }

        @Override
        public void endClaim(String recordingId, String claimant) {
            claims.remove(recordingId, claimant);
        }
    }

    /** One key's versions, newest last, with their tags and legal holds. */
    private static final class FakeBucket implements RetentionStore {
        final Map<String, Map<String, String>> tags = new LinkedHashMap<>();
        final Set<String> locked = new HashSet<>();

        @Override
        public List<ObjectVersion> versionsOf(String key) {
            List<ObjectVersion> versions = new ArrayList<>();
            tags.keySet().forEach(version -> versions.add(0, new ObjectVersion(key, version, false)));
            return versions;
        }

        @Override
        public Map<String, String> tags(String key, String versionId) {
            return Map.copyOf(tags.get(versionId));
        }

        @Override
        public void replaceTags(String key, String versionId, Map<String, String> replaced) {
            tags.put(versionId, new HashMap<>(replaced));
        }

        @Override
        public boolean isUnderLegalHold(String key, String versionId) {
            return locked.contains(versionId);
        }

        @Override
        public boolean setLegalHold(String key, String versionId, boolean on) {
            if (!tags.containsKey(versionId)) {
                return false;
            }
            if (on) {
                locked.add(versionId);
            } else {
                locked.remove(versionId);
            }
            return true;
        }

        @Override
        public List<ObjectVersion> delete(List<ObjectVersion> versions) {
            throw new UnsupportedOperationException();
        }
    }
}
