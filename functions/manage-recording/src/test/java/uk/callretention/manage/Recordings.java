package uk.callretention.manage;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import uk.callretention.access.Erasure;
import uk.callretention.access.Membership;
import uk.callretention.access.Role;
import uk.callretention.access.StaffMember;
import uk.callretention.aws.CallerHashKey;
import uk.callretention.aws.DynamoDbCatalogue;
import uk.callretention.aws.DynamoDbErasedRecordings;
import uk.callretention.aws.RetentionRepositories;
import uk.callretention.aws.S3RecordingStore;
import uk.callretention.policy.PolicyBook;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.RecordingClassifier;
import uk.callretention.recording.RecordingTagger;
import uk.callretention.recording.Upload;
import uk.callretention.retention.ObjectVersion;
import uk.callretention.retention.RetentionStore;
import uk.callretention.testsupport.LocalAws;

/** Rutland recordings in a test class's stack, uploaded and tagged as the platform and the tagger do, and their erasure. */
final class Recordings {

    static final StaffMember DPO = new StaffMember("dpo-erasing", "dpo-erasing", Set.of(new Membership("rutland", Membership.EVERY_TEAM, Role.DPO)));
    private static final byte[] WAV = "RIFF\u0024\0\0\0WAVEfmt \u0010\0\0\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final AtomicLong SEQUENCER = new AtomicLong(0x55AED6DCD90281L);

    private final LocalAws aws;
    private final S3Client s3;
    private final String bucket;
    private final RetentionRepositories repositories;
    private final RecordingTagger tagger;

    Recordings(LocalAws aws) {
        this.aws = aws;
        this.s3 = aws.clients().s3();
        Map<String, String> tagging = aws.environmentOf("TagRecordingFunction");
        Clock clock = Clock.systemUTC();
        this.bucket = tagging.get("RECORDINGS_BUCKET");
        this.repositories = RetentionRepositories.fromEnvironment(s3, aws.clients().dynamoDb(), aws.environmentOf("ManageRecordingFunction"));
        this.tagger = new RecordingTagger(new S3RecordingStore(s3, bucket), new DynamoDbCatalogue(aws.clients().dynamoDb(), tagging.get("CATALOGUE_TABLE")),
                new RecordingClassifier(new RetentionSchedule(PolicyBook.bundled(tagging), clock)::decide,
                        CallerHashKey.load(aws.clients().secretsManager(), tagging.get("CALLER_HASH_SECRET_ARN"))),
                clock);
    }

    /** The erasure as the function wires it, over these clients and a view of the bucket through them. */
    Erasure erasure(S3Client s3Client, DynamoDbClient dynamoDb, UnaryOperator<RetentionStore> view) {
        Map<String, String> environment = aws.environmentOf("ManageRecordingFunction");
        RetentionRepositories those = RetentionRepositories.fromEnvironment(s3Client, dynamoDb, environment);
        return new Erasure(PolicyBook.bundled(environment), those.catalogue(), those.holds(), view.apply(those.store()),
                new DynamoDbErasedRecordings(dynamoDb, environment.get("CATALOGUE_TABLE")), those.audit(), Clock.systemUTC());
    }

    RetentionRepositories repositories() {
        return repositories;
    }

    /** The upload and its notification as S3 sends it, with a sequencer that orders it after every earlier upload. */
    Upload upload(String key) {
        String versionId = s3.putObject(b -> b.bucket(bucket).key(key).metadata(Map.of("recorded-at", "2026-11-20T10:00:00Z")),
                RequestBody.fromBytes(WAV)).versionId();
        return new Upload(bucket, key, Optional.of(versionId), Optional.of(String.format("%018X", SEQUENCER.incrementAndGet())));
    }

    /** As SQS does: a failed attempt is delivered again, a few times. */
    void tagUntilDone(Upload upload) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                tagger.tag(upload);
                return;
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw last;
    }

    /** A delete marker over the key's current version, as a platform's plain DELETE leaves. */
    void deleteMarker(String key) {
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }

    List<String> versionsOf(String key) {
        return repositories.store().versionsOf(key).stream().filter(v -> !v.deleteMarker()).map(ObjectVersion::versionId).toList();
    }

    List<ObjectVersion> everythingUnder(String key) {
        return repositories.store().versionsOf(key);
    }
}
