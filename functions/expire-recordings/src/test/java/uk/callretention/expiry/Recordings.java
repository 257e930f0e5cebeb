package uk.callretention.expiry;

import static uk.callretention.recording.CatalogueEntryBuilder.forKey;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import uk.callretention.aws.DynamoDbCatalogue;
import uk.callretention.aws.RetentionRepositories;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.CatalogueEntryBuilder;
import uk.callretention.recording.RecordingState;
import uk.callretention.recording.RecordingTags;
import uk.callretention.retention.Hold;
import uk.callretention.retention.ObjectVersion;
import uk.callretention.retention.RetentionStore;
import uk.callretention.testsupport.LocalAws;

/** Recordings in a test class's stack, uploaded, tagged and catalogued as the tagger leaves them. */
final class Recordings {

    static final String FUNCTION = "ExpireRecordingsFunction";
    private static final AtomicLong CALLS = new AtomicLong();

    private final S3Client s3;
    private final String bucket;
    private final DynamoDbCatalogue catalogue;
    private final RetentionRepositories repositories;

    Recordings(LocalAws aws) {
        this.s3 = aws.clients().s3();
        this.bucket = aws.stack().bucketName("RecordingsBucket");
        this.catalogue = new DynamoDbCatalogue(aws.clients().dynamoDb(), aws.stack().tableName("CatalogueTable"));
        this.repositories = RetentionRepositories.fromEnvironment(s3, aws.clients().dynamoDb(), aws.environmentOf(FUNCTION));
    }

    RetentionRepositories repositories() {
        return repositories;
    }

    /** A Rutland customer-services call kept three months, due on {@code expiresOn}. */
    CatalogueEntry active(LocalDate expiresOn) {
        return catalogued(RecordingState.ACTIVE, "P3M", expiresOn.minusMonths(3), expiresOn, "rutland@1");
    }

    CatalogueEntry quarantined(LocalDate expiresOn) {
        return catalogued(RecordingState.QUARANTINED, RecordingTags.QUARANTINE_CLASS, expiresOn.minusDays(30), expiresOn, null);
    }

    /** As {@link #active}, over an older version of the same key, as a re-upload leaves it. */
    CatalogueEntry activeOverAnOlderVersion(LocalDate expiresOn) {
        return catalogued(RecordingState.ACTIVE, "P3M", expiresOn.minusMonths(3), expiresOn, "rutland@1", 1);
    }

    CatalogueEntry catalogued(RecordingState state, String retentionClass, LocalDate recordedOn, LocalDate expiresOn, String policyRef) {
        return catalogued(state, retentionClass, recordedOn, expiresOn, policyRef, 0);
    }

    private CatalogueEntry catalogued(RecordingState state, String retentionClass, LocalDate recordedOn, LocalDate expiresOn, String policyRef,
                                      int olderVersions) {
        return catalogued("call-" + CALLS.incrementAndGet() + ".wav", state, retentionClass, recordedOn, expiresOn, policyRef, olderVersions);
    }

    /** As {@link #catalogued(RecordingState, String, LocalDate, LocalDate, String)}, the key ending in that call name. */
    CatalogueEntry catalogued(String callName, RecordingState state, String retentionClass, LocalDate recordedOn, LocalDate expiresOn,
                              String policyRef) {
        return catalogued(callName, state, retentionClass, recordedOn, expiresOn, policyRef, 0);
    }

    private CatalogueEntry catalogued(String callName, RecordingState state, String retentionClass, LocalDate recordedOn, LocalDate expiresOn,
                                      String policyRef, int olderVersions) {
        String key = "rutland/customer-services/phone/" + recordedOn.toString().replace('-', '/') + "/" + callName;
        CatalogueEntry entry = forKey(key).state(state).council("rutland").team("customer-services").channel("phone")
                .recordedAt(recordedOn.atTime(10, 15).atZone(RetentionSchedule.UK).toInstant()).recordedOn(recordedOn)
                .retentionClass(retentionClass).expiresOn(expiresOn).policyRef(policyRef).callerHash("caller-hash-1").agent("agent-7")
                .direction("inbound").contentType("audio/wav").sizeBytes(12)
                .quarantineReason(state == RecordingState.QUARANTINED ? "date-mismatch" : null)
                .cataloguedAt(recordedOn.atTime(10, 20).atZone(RetentionSchedule.UK).toInstant()).build();
        for (int older = 0; older < olderVersions; older++) {
            upload(key, RecordingTags.of(entry));
        }
        String versionId = upload(key, RecordingTags.of(entry));
        CatalogueEntry withVersion = CatalogueEntryBuilder.from(entry).versionId(versionId).ordering("t" + CALLS.incrementAndGet()).build();
        catalogue.recordUnlessNewer(withVersion);
        return withVersion;
    }

    /** Another version of the key, as a re-upload makes, with these tags. */
    String upload(String key, Map<String, String> tags) {
        String versionId = s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("RIFF....WAVE", StandardCharsets.US_ASCII))
                .versionId();
        if (!tags.isEmpty()) {
            repositories.store().replaceTags(key, versionId, tags);
        }
        return versionId;
    }

    void deleteMarker(String key) {
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }

    List<ObjectVersion> versionsOf(String key) {
        return repositories.store().versionsOf(key);
    }

    /**
     * How the recording is kept: its versions left in the bucket, how many of them are under legal hold and how many
     * tagged held, and its state in the catalogue.
     */
    record Keeping(int versions, int locked, int taggedHeld, RecordingState state) {

        static Keeping held(int versions) {
            return new Keeping(versions, versions, versions, RecordingState.HELD);
        }

        static Keeping notHeld(int versions, RecordingState state) {
            return new Keeping(versions, 0, 0, state);
        }
    }

    Keeping keeping(CatalogueEntry entry) {
        List<ObjectVersion> objects = versionsOf(entry.objectKey()).stream().filter(v -> !v.deleteMarker()).toList();
        RetentionStore store = repositories.store();
        int locked = (int) objects.stream().filter(v -> store.isUnderLegalHold(v.key(), v.versionId())).count();
        int taggedHeld = (int) objects.stream().filter(v -> Hold.RETENTION_TAG.equals(store.tags(v.key(), v.versionId()).get(RecordingTags.RETENTION)))
                .count();
        return new Keeping(objects.size(), locked, taggedHeld, current(entry).state());
    }

    CatalogueEntry current(CatalogueEntry entry) {
        return repositories.catalogue().find(entry.recordingId()).orElseThrow();
    }

    S3Client s3() {
        return s3;
    }

    String bucket() {
        return bucket;
    }
}
