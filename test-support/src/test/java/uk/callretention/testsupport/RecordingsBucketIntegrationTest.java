package uk.callretention.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.sqs.model.Message;

/** moto's S3, with the template's recordings bucket, behaves as the tagger and the expiry sweep rely on. */
@ExtendWith(LocalAwsExtension.class)
class RecordingsBucketIntegrationTest {
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void bucket(LocalAws aws) {
        s3 = aws.clients().s3();
        bucket = aws.stack().bucketName("RecordingsBucket");
    }

    @Test
    void putObject_whenKeyExists_keepsBothVersions() {
        String first = s3.putObject(b -> b.bucket(bucket).key("versions/call.wav"), RequestBody.fromString("one")).versionId();
        String second = s3.putObject(b -> b.bucket(bucket).key("versions/call.wav"), RequestBody.fromString("two")).versionId();

        assertThat(first).isNotBlank().isNotEqualTo(second);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("versions/call.wav").versionId(first)).asUtf8String()).isEqualTo("one");
        assertThat(s3.listObjectVersions(b -> b.bucket(bucket).prefix("versions/")).versions()).hasSize(2);
    }

    @Test
    void putObjectTagging_whenElevenTags_isRefusedButTenAreKept() {
        String version = s3.putObject(b -> b.bucket(bucket).key("tags/call.wav"), RequestBody.fromString("audio")).versionId();
        List<Tag> ten = IntStream.range(0, 10).mapToObj(i -> Tag.builder().key("k" + i).value("v" + i).build()).toList();
        List<Tag> eleven = new ArrayList<>(ten);
        eleven.add(Tag.builder().key("k10").value("v10").build());

        s3.putObjectTagging(b -> b.bucket(bucket).key("tags/call.wav").versionId(version).tagging(t -> t.tagSet(ten)));

        assertThatThrownBy(() -> s3.putObjectTagging(b -> b.bucket(bucket).key("tags/call.wav").versionId(version).tagging(t -> t.tagSet(eleven))))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        assertThat(s3.getObjectTagging(b -> b.bucket(bucket).key("tags/call.wav").versionId(version)).tagSet()).hasSize(10);
    }

    @Test
    void deleteObjects_whenVersionUnderLegalHold_refusesThatKeyUntilTheHoldIsReleased() {
        String version = s3.putObject(b -> b.bucket(bucket).key("held/call.wav").objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON).checksumAlgorithm(ChecksumAlgorithm.CRC32),
                RequestBody.fromString("held")).versionId();
        ObjectIdentifier held = ObjectIdentifier.builder().key("held/call.wav").versionId(version).build();

        List<S3Error> errors = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(held))).errors();

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.key()).isEqualTo("held/call.wav");
            assertThat(error.code()).isEqualTo("AccessDenied");
        });
        s3.putObjectLegalHold(b -> b.bucket(bucket).key("held/call.wav").versionId(version).legalHold(h -> h.status(ObjectLockLegalHoldStatus.OFF)));
        s3.deleteObject(b -> b.bucket(bucket).key("held/call.wav").versionId(version));
        assertThat(s3.listObjectVersions(b -> b.bucket(bucket).prefix("held/")).versions()).isEmpty();
    }

    @Test
    void putObject_whenUploaded_sendsAnObjectCreatedEventToTheUploadsQueue(LocalAws aws) throws IOException {
        String key = "rotherham/contact centre/voice/2025-01-31/call=1.wav";
        String version = s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("RIFF")).versionId();

        Map<String, Object> record = firstS3Record(aws, aws.stack().queueUrl("UploadsQueue"));

        assertThat(record).containsEntry("eventSource", "aws:s3").containsEntry("eventName", "ObjectCreated:Put");
        assertThat(Instant.parse((String) record.get("eventTime"))).isBefore(Instant.now().plusSeconds(1));
        @SuppressWarnings("unchecked")
        Map<String, Object> s3Object = (Map<String, Object>) ((Map<String, Object>) record.get("s3")).get("object");
        assertThat(s3Object.get("key")).isEqualTo("rotherham/contact+centre/voice/2025-01-31/call%3D1.wav");
        assertThat(URLDecoder.decode((String) s3Object.get("key"), StandardCharsets.UTF_8)).isEqualTo(key);
        assertThat(s3Object).containsEntry("versionId", version).containsKey("sequencer");
    }

    /** Skips the s3:TestEvent that S3 (and moto) send when the notification is configured. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstS3Record(LocalAws aws, String queueUrl) throws IOException {
        for (int attempt = 0; attempt < 5; attempt++) {
            for (Message message : aws.clients().sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                Map<String, Object> body = JSON.std.mapFrom(message.body());
                if (body.containsKey("Records")) {
                    return (Map<String, Object>) ((List<Object>) body.get("Records")).get(0);
                }
            }
        }
        throw new AssertionError("no S3 event arrived on " + queueUrl);
    }
}
