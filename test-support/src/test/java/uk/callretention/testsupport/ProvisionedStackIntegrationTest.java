package uk.callretention.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import uk.callretention.local.aws.ProvisionedStack;
import uk.callretention.local.aws.Provisioner;
import uk.callretention.local.template.Template;
import uk.callretention.local.template.UnsupportedTemplateException;

/** The real template.yaml, provisioned on moto, has what the design relies on. */
@ExtendWith(LocalAwsExtension.class)
class ProvisionedStackIntegrationTest {
    private LocalAws aws;

    @Test
    void provision_whenRecordingsBucket_hasVersioningObjectLockAndTagFilteredLifecycle() {
        S3Client s3 = aws.clients().s3();
        String bucket = aws.stack().bucketName("RecordingsBucket");

        assertThat(bucket).isEqualTo(aws.stack().stackName() + "-recordings-123456789012");
        assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).status()).isEqualTo(BucketVersioningStatus.ENABLED);
        assertThat(s3.getObjectLockConfiguration(b -> b.bucket(bucket)).objectLockConfiguration().objectLockEnabled()).isEqualTo(ObjectLockEnabled.ENABLED);
        Map<String, LifecycleRule> rules = s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules().stream()
                .collect(Collectors.toMap(LifecycleRule::id, rule -> rule));
        assertThat(rules).containsKeys("abort-incomplete-uploads", "noncurrent-versions", "quarantine");
        assertThat(rules.get("quarantine").filter().tag()).satisfies(tag -> {
            assertThat(tag.key()).isEqualTo("retention");
            assertThat(tag.value()).isEqualTo("quarantine");
        });
        assertThat(rules.get("quarantine").expiration().days()).isEqualTo(declaredExpirationDays("quarantine"));
        assertThat(rules.get("noncurrent-versions").noncurrentVersionExpiration().noncurrentDays()).isEqualTo(1);
        assertThat(s3.getBucketNotificationConfiguration(b -> b.bucket(bucket)).queueConfigurations())
                .singleElement().satisfies(queue -> assertThat(queue.queueArn()).isEqualTo(aws.stack().queueArn("UploadsQueue")));
    }

    @Test
    void provision_whenTheConsoleIsHostedByCloudFront_createsItsBucketAloneAsTheRuntimeServesTheConsoleItself() {
        String bucket = aws.stack().bucketName("ConsoleBucket");

        assertThat(aws.clients().s3().listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
        assertThat(aws.stack().physicalIds()).doesNotContainKeys("ConsoleDistribution", "ConsoleOriginAccessControl", "ConsoleSecurityHeaders",
                "ConsoleSite", "StaffUserPoolDomain");
        assertThat(aws.stack().physicalIds()).containsKeys("RecordingsBucket", "StaffUserPoolClient");
    }

    @Test
    void provision_whenUploadsQueue_redrivesToTheDeadLetterQueue() throws IOException {
        Map<QueueAttributeName, String> attributes = aws.clients().sqs().getQueueAttributes(b -> b.queueUrl(aws.stack().queueUrl("UploadsQueue"))
                .attributeNames(QueueAttributeName.ALL)).attributes();

        Map<String, Object> redrive = JSON.std.mapFrom(attributes.get(QueueAttributeName.REDRIVE_POLICY));
        assertThat(redrive.get("deadLetterTargetArn")).isEqualTo(aws.stack().queueArn("UploadsDeadLetterQueue"));
        assertThat(String.valueOf(redrive.get("maxReceiveCount"))).isEqualTo("5");
        assertThat(attributes).containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "360").containsEntry(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600");
    }

    @Test
    void provision_whenCatalogueTable_hasItsKeysAndIndexes() {
        TableDescription table = aws.clients().dynamoDb().describeTable(b -> b.tableName(aws.stack().tableName("CatalogueTable"))).table();

        assertThat(table.keySchema()).singleElement().satisfies(key -> assertThat(key.attributeName()).isEqualTo("recordingId"));
        assertThat(table.globalSecondaryIndexes()).extracting(GlobalSecondaryIndexDescription::indexName)
                .containsExactlyInAnyOrder("byExpiry", "byTeamDate", "byCaller", "byCallId", "byTrainingCopyOf");
        assertThat(table.globalSecondaryIndexes()).filteredOn(index -> Set.of("byCaller", "byCallId", "byTrainingCopyOf").contains(index.indexName()))
                .hasSize(3).allSatisfy(index -> assertThat(index.projection().projectionTypeAsString()).isEqualTo("KEYS_ONLY"));
        assertThat(table.billingModeSummary().billingModeAsString()).isEqualTo("PAY_PER_REQUEST");
    }

    @Test
    void provision_whenCallerHashSecret_generatesSixtyFourCharactersWithoutPunctuation() {
        String secret = aws.clients().secretsManager().getSecretValue(b -> b.secretId(aws.stack().ref("CallerHashSecret"))).secretString();

        assertThat(secret).hasSize(64).matches("[A-Za-z0-9]+");
    }

    @Test
    void environmentOf_whenTagRecordingFunction_pointsAtThisStacksResourcesAndTheLocalServer() {
        Map<String, String> environment = aws.environmentOf("TagRecordingFunction");

        assertThat(environment).containsEntry("RECORDINGS_BUCKET", aws.stack().bucketName("RecordingsBucket"))
                .containsEntry("CATALOGUE_TABLE", aws.stack().tableName("CatalogueTable"))
                .containsEntry("CALLER_HASH_SECRET_ARN", aws.stack().ref("CallerHashSecret"))
                .containsEntry("RETENTION_PERIOD_ROTHERHAM", "P6M")
                .containsEntry("AWS_REGION", "eu-west-2")
                .containsEntry("AWS_ENDPOINT_URL", aws.endpoint().toString())
                .containsEntry("AWS_ACCESS_KEY_ID", "test")
                .containsEntry("AWS_SECRET_ACCESS_KEY", "test");
    }

    @Test
    void provision_whenAPropertyIsNotReproducedLocally_failsNamingItAndLeavesNothingBehind(@TempDir Path folder) throws IOException {
        Template template = Template.load(Files.writeString(folder.resolve("template.yaml"), """
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: !Sub "${AWS::StackName}-queue"
                  Bucket:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketName: !Sub "${AWS::StackName}-bucket"
                      LifecycleConfiguration:
                        Rules:
                          - Status: Enabled
                            Transitions: [{StorageClass: GLACIER, TransitionInDays: 30}]
                """));
        String stackName = aws.stack().stackName() + "p";

        assertThatThrownBy(() -> new Provisioner(aws.clients(), template, stackName, Map.of()).provision())
                .isInstanceOf(UnsupportedTemplateException.class)
                .hasMessageContaining("Bucket (AWS::S3::Bucket) sets Properties.LifecycleConfiguration.Rules[0].Transitions");
        assertThat(aws.clients().sqs().listQueues(b -> b.queueNamePrefix(stackName)).queueUrls()).isEmpty();
        assertThatThrownBy(() -> aws.clients().s3().headBucket(b -> b.bucket(stackName + "-bucket"))).isInstanceOf(NoSuchBucketException.class);
    }

    @Test
    void delete_whenAVersionIsUnderLegalHold_removesEverythingTheStackMade() {
        ProvisionedStack other = new Provisioner(aws.clients(), aws.template(), aws.stack().stackName() + "x", Map.of()).provision();
        S3Client s3 = aws.clients().s3();
        String bucket = other.bucketName("RecordingsBucket");
        s3.putObject(b -> b.bucket(bucket).key("held.wav").objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON).checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromString("held"));
        s3.putObject(b -> b.bucket(bucket).key("held.wav"), RequestBody.fromString("second version"));
        s3.deleteObject(b -> b.bucket(bucket).key("held.wav"));

        other.delete();

        assertThat(other.physicalIds()).isEmpty();
        assertThatThrownBy(() -> s3.headBucket(b -> b.bucket(bucket))).isInstanceOf(NoSuchBucketException.class);
        assertThat(aws.clients().sqs().listQueues(b -> b.queueNamePrefix(other.stackName() + "-")).queueUrls()).isEmpty();
    }

    /** The rule's days as template.yaml declares them, so the test follows the template rather than repeating it. */
    private int declaredExpirationDays(String ruleId) {
        Map<?, ?> lifecycle = (Map<?, ?>) aws.template().resources().get("RecordingsBucket").properties().get("LifecycleConfiguration");
        return ((java.util.List<?>) lifecycle.get("Rules")).stream()
                .map(rule -> (Map<?, ?>) rule)
                .filter(rule -> ruleId.equals(rule.get("Id")))
                .map(rule -> ((Number) rule.get("ExpirationInDays")).intValue())
                .findFirst().orElseThrow();
    }
}
