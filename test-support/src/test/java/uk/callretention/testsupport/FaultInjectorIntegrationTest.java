package uk.callretention.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;
import uk.callretention.aws.AwsClients;

/** The fault injector against the local server, through clients built as the functions build theirs (AwsClients). */
@ExtendWith(LocalAwsExtension.class)
class FaultInjectorIntegrationTest {

    private static S3Client s3;
    private static DynamoDbClient dynamoDb;
    private static String bucket;
    private static String table;

    @BeforeAll
    static void clients(LocalAws aws) {
        AwsClients production = AwsClients.fromEnvironment(aws.environmentOf("TagRecordingFunction"));
        s3 = production.s3();
        dynamoDb = production.dynamoDb();
        bucket = aws.stack().bucketName("RecordingsBucket");
        table = aws.stack().tableName("CatalogueTable");
    }

    @Test
    void transientFaults_whenInjectedOnAttempts_areRetriedByTheSdkUntilTheCallsSucceed() {
        Faults faults = Faults.seeded(7, 0.3, Fault.THROTTLED, Fault.SERVER_ERROR, Fault.CONNECTION_RESET);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            keys.add("faults/retried-" + UUID.randomUUID());
        }

        faults.run(() -> keys.forEach(key -> s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("x"))));

        assertThat(faults.injected(Fault.THROTTLED)).isPositive();
        assertThat(faults.injected(Fault.SERVER_ERROR)).isPositive();
        assertThat(faults.injected(Fault.CONNECTION_RESET)).isPositive();
        assertThat(faults.calls()).hasSize(20);
        assertThat(keys).allSatisfy(key -> assertThat(s3.headObject(b -> b.bucket(bucket).key(key)).contentLength()).isEqualTo(1));
    }

    @Test
    void throttling_whenEveryAttemptIsThrottled_reachesTheCallerAsS3sSlowDown() {
        Faults faults = Faults.seeded(1, 0.999_999, Fault.THROTTLED);

        assertThatThrownBy(() -> faults.run(() -> s3.headBucket(b -> b.bucket(bucket))))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SlowDown");
                    assertThat(e.isThrottlingException()).isTrue();
                });
        assertThat(faults.injected(Fault.THROTTLED)).as("the SDK's attempts").isGreaterThan(1);
    }

    @Test
    void lostResponse_whenTheSdkRetries_meetsTheWriteItAlreadyMade() {
        String id = "faults-" + UUID.randomUUID();
        // With seed 2 the first attempt's answer is lost and a later attempt's comes back.
        Faults faults = Faults.seeded(2, 0.8, Fault.RESPONSE_LOST);

        assertThatThrownBy(() -> faults.run(() -> dynamoDb.putItem(b -> b.tableName(table)
                .item(Map.of("recordingId", AttributeValue.fromS(id)))
                .conditionExpression("attribute_not_exists(recordingId)"))))
                .isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(faults.injected(Fault.RESPONSE_LOST)).isPositive();
        assertThat(dynamoDb.getItem(b -> b.tableName(table).key(Map.of("recordingId", AttributeValue.fromS(id))))
                .hasItem()).isTrue();
    }

    @Test
    void keysRefused_whenDeletingSeveralVersions_deletesTheRestAndNamesTheRefusedOnesAsS3Does() {
        String key = "faults/partial-" + UUID.randomUUID();
        List<ObjectIdentifier> versions = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String versionId = s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("v")).versionId();
            versions.add(ObjectIdentifier.builder().key(key).versionId(versionId).build());
        }
        Faults faults = Faults.seeded(5, 0.5, Fault.KEYS_REFUSED);

        List<S3Error> errors = faults.call(() -> s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(versions).quiet(true))).errors());

        assertThat(errors).hasSize(faults.injected(Fault.KEYS_REFUSED)).isNotEmpty().hasSizeLessThan(8)
                .allSatisfy(error -> assertThat(error.code()).isEqualTo("InternalError"));
        assertThat(s3.listObjectVersions(b -> b.bucket(bucket).prefix(key)).versions()).extracting(v -> v.versionId())
                .containsExactlyInAnyOrderElementsOf(errors.stream().map(S3Error::versionId).toList());
    }

    @Test
    void crash_beforeTheSecondCall_stopsItAndEveryLaterCall() {
        String first = "faults/crash-" + UUID.randomUUID();
        String second = "faults/crash-" + UUID.randomUUID();
        Faults faults = Faults.crashingAt(2);

        assertThatThrownBy(() -> faults.run(() -> {
            s3.putObject(b -> b.bucket(bucket).key(first), RequestBody.fromString("1"));
            s3.putObject(b -> b.bucket(bucket).key(second), RequestBody.fromString("2"));
        })).isInstanceOf(ProcessCrash.class).hasMessageContaining("call 2 (PutObject)");
        assertThatThrownBy(() -> faults.run(() -> s3.headBucket(b -> b.bucket(bucket)))).isInstanceOf(ProcessCrash.class);

        assertThat(faults.crashed()).isTrue();
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix(first)).keyCount()).isEqualTo(1);
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix(second)).keyCount()).isZero();
    }

    @Test
    void seed_whenReplayed_injectsTheSameFaultsAtTheSameCalls() {
        String run = "faults/replay-" + UUID.randomUUID();
        List<String> first = replay(run + "-a");
        List<String> second = replay(run + "-b");

        assertThat(first).isEqualTo(second).contains("failed");
    }

    @Test
    void faults_whenArmedOnAnotherThread_leaveThisThreadsCallsAlone() throws Exception {
        Faults faults = Faults.crashingAt(1);
        CompletableFuture<Void> elsewhere = CompletableFuture.runAsync(faults.on(() -> s3.headBucket(b -> b.bucket(bucket))));

        s3.headBucket(b -> b.bucket(bucket));

        assertThat(elsewhere).failsWithin(java.time.Duration.ofSeconds(10));
        assertThat(faults.calls()).containsExactly("HeadBucket");
    }

    /** Which of 12 calls failed after the SDK's retries, under seed 11. */
    private static List<String> replay(String prefix) {
        Faults faults = Faults.seeded(11, 0.6, Fault.SERVER_ERROR);
        List<String> outcomes = new ArrayList<>();
        faults.run(() -> {
            for (int i = 0; i < 12; i++) {
                String key = prefix + "/" + i;
                try {
                    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("x"));
                    outcomes.add("ok");
                } catch (S3Exception e) {
                    outcomes.add("failed");
                }
            }
        });
        outcomes.add(Integer.toString(faults.injected()));
        return outcomes;
    }
}
