package uk.callretention.manage;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import uk.callretention.access.Erasure;
import uk.callretention.access.Membership;
import uk.callretention.access.Role;
import uk.callretention.access.StaffMember;
import uk.callretention.aws.DynamoDbCatalogue;
import uk.callretention.aws.RetentionRepositories;
import uk.callretention.policy.PolicyBook;
import uk.callretention.recording.Upload;
import uk.callretention.retention.ObjectVersion;
import uk.callretention.retention.RetentionStore;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.Uploads;

/** Rutland recordings in a test class's stack, uploaded and tagged as the platform and the tagger do, and their erasure. */
final class Recordings {

    static final StaffMember DPO = new StaffMember("dpo-erasing", "dpo-erasing", Set.of(new Membership("rutland", Membership.EVERY_TEAM, Role.DPO)));

    private final LocalAws aws;
    private final Uploads uploads;
    private final RetentionRepositories repositories;

    Recordings(LocalAws aws) {
        this.aws = aws;
        this.uploads = new Uploads(aws);
        this.repositories = RetentionRepositories.fromEnvironment(aws.clients().s3(), aws.clients().dynamoDb(), aws.environmentOf("ManageRecordingFunction"));
    }

    /** The erasure as the function wires it, over these clients and a view of the bucket through them. */
    Erasure erasure(S3Client s3Client, DynamoDbClient dynamoDb, UnaryOperator<RetentionStore> view) {
        Map<String, String> environment = aws.environmentOf("ManageRecordingFunction");
        RetentionRepositories those = RetentionRepositories.fromEnvironment(s3Client, dynamoDb, environment);
        return new Erasure(PolicyBook.bundled(environment), those.catalogue(), those.holds(), view.apply(those.store()),
                new DynamoDbCatalogue(dynamoDb, environment.get("CATALOGUE_TABLE")), those.audit(), Clock.systemUTC());
    }

    RetentionRepositories repositories() {
        return repositories;
    }

    Upload upload(String key) {
        return uploads.upload(key, Map.of("recorded-at", "2026-11-20T10:00:00Z"));
    }

    void tagUntilDone(Upload upload) {
        uploads.tag(upload);
    }

    Uploads uploads() {
        return uploads;
    }

    /** A delete marker over the key's current version, as a platform's plain DELETE leaves. */
    void deleteMarker(String key) {
        aws.clients().s3().deleteObject(b -> b.bucket(aws.stack().bucketName("RecordingsBucket")).key(key));
    }

    List<String> versionsOf(String key) {
        return repositories.store().versionsOf(key).stream().filter(v -> !v.deleteMarker()).map(ObjectVersion::versionId).toList();
    }

    List<ObjectVersion> everythingUnder(String key) {
        return repositories.store().versionsOf(key);
    }
}
