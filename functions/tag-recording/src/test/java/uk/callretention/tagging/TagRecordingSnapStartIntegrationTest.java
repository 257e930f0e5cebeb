package uk.callretention.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.Tag;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;
import uk.callretention.testsupport.SentRequests;
import uk.callretention.testsupport.TestLambdaContext;
import uk.callretention.testsupport.Uploads;

/**
 * SnapStart's hooks on tag-recording's functions built as Lambda builds them, from the template's environment (at the
 * local server): priming before the snapshot touches nothing, an upload is tagged as before after a restore, and the
 * caller-hash key is never held across a snapshot.
 */
@ExtendWith(LocalAwsExtension.class)
class TagRecordingSnapStartIntegrationTest {

    static LocalAws aws;
    private static String bucket;

    @BeforeAll
    static void stack() {
        bucket = aws.stack().bucketName("RecordingsBucket");
    }

    @BeforeEach
    void clearSent() {
        SentRequests.clear();
    }

    @Test
    void beforeCheckpoint_ofEachFunction_sendsNothingToAwsAndChangesNoRecordingOrEntry() {
        String key = upload();
        int entries = entries();
        TagRecordingHandler tagger = new TagRecordingHandler(aws.environmentOf("TagRecordingFunction"));
        ScrubMetadataHandler scrub = new ScrubMetadataHandler(aws.environmentOf("ScrubMetadataFunction"));
        ReconcileRecordingsHandler reconcile = new ReconcileRecordingsHandler(aws.environmentOf("ReconcileRecordingsFunction"));
        SentRequests.clear();

        tagger.snapStart().beforeCheckpoint(null);
        scrub.snapStart().beforeCheckpoint(null);
        reconcile.snapStart().beforeCheckpoint(null);

        assertThat(SentRequests.to(aws.endpoint())).isEmpty();
        assertThat(SentRequests.elsewhere(aws.endpoint())).as("the priming requests, answered by the priming clients")
                .extracting(SentRequests.Sent::operation).contains("HeadObject", "CopyObject", "Scan", "ListObjectVersions");
        assertThat(entries()).isEqualTo(entries);
        assertThat(aws.clients().s3().listObjectVersions(b -> b.bucket(bucket).prefix(key)).versions()).hasSize(1);
        assertThat(aws.clients().s3().getObjectTagging(b -> b.bucket(bucket).key(key)).tagSet()).isEmpty();
    }

    @Test
    void upload_afterCheckpointAndRestore_isTaggedCataloguedAndScrubbedAsWithoutThem() {
        TagRecordingHandler handler = new TagRecordingHandler(aws.environmentOf("TagRecordingFunction"));
        handler.snapStart().beforeCheckpoint(null);
        handler.snapStart().afterRestore(null);
        String key = upload();

        SQSBatchResponse answer = handler.handleRequest(uploaded(key), TestLambdaContext.of("TagRecordingFunction"));

        assertThat(answer.getBatchItemFailures()).isEmpty();
        assertThat(aws.clients().s3().getObjectTagging(b -> b.bucket(bucket).key(key)).tagSet()).extracting(Tag::key)
                .contains("council", "retention", "expires");
        assertThat(aws.clients().s3().headObject(b -> b.bucket(bucket).key(key)).metadata()).doesNotContainKey("caller");
        assertThat(entries()).isPositive();
    }

    @Test
    void callerHashKey_isReadByTheFirstUploadForgottenBeforeCheckpointAndReadAgainAfter() {
        TagRecordingHandler handler = new TagRecordingHandler(aws.environmentOf("TagRecordingFunction"));
        assertThat(keyReads()).as("at initialisation").isZero();

        tag(handler, upload());
        tag(handler, upload());
        assertThat(keyReads()).as("read once, then held").isEqualTo(1);

        handler.snapStart().beforeCheckpoint(null);
        tag(handler, upload());
        assertThat(keyReads()).as("forgotten before the snapshot, so read again").isEqualTo(2);
    }

    private static void tag(TagRecordingHandler handler, String key) {
        assertThat(handler.handleRequest(uploaded(key), TestLambdaContext.of("TagRecordingFunction")).getBatchItemFailures()).isEmpty();
    }

    private static String upload() {
        String key = "rutland/customer-services/phone/2026/11/25/snap-" + UUID.randomUUID() + ".wav";
        aws.clients().s3().putObject(b -> b.bucket(bucket).key(key).metadata(Map.of("recorded-at", "2026-11-25T10:15:00Z", "caller", "01572 722577")),
                RequestBody.fromBytes(Uploads.WAV));
        return key;
    }

    private static SQSEvent uploaded(String key) {
        String versionId = aws.clients().s3().headObject(b -> b.bucket(bucket).key(key)).versionId();
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(UUID.randomUUID().toString());
        message.setBody("""
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"eu-west-2","eventName":"ObjectCreated:Put",
                 "s3":{"bucket":{"name":"%s"},"object":{"key":"%s","size":20,"versionId":"%s","sequencer":"%018X"}}}]}""".formatted(bucket, key, versionId,
                System.nanoTime()));
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        return event;
    }

    private static long keyReads() {
        return SentRequests.to(aws.endpoint()).stream().filter(sent -> sent.operation().equals("GetSecretValue")).count();
    }

    private static int entries() {
        return aws.clients().dynamoDb().scan(b -> b.tableName(aws.stack().tableName("CatalogueTable"))).count();
    }
}
