package uk.callretention.expiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.S3Exception;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditDigester;
import uk.callretention.audit.AuditEvent;
import uk.callretention.audit.AuditVerification;
import uk.callretention.aws.DynamoDbAuditLog;
import uk.callretention.aws.S3AuditDigestStore;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;

/**
 * The digests' bucket as the template declares it, on moto, which enforces Object Lock's compliance mode: a digest
 * version cannot be deleted, even asking to bypass governance retention, and a day written again is found.
 */
@ExtendWith(LocalAwsExtension.class)
class AuditDigestLockIntegrationTest {

    static LocalAws aws;
    static S3Client s3;
    static String bucket;
    static DynamoDbAuditLog audit;
    static S3AuditDigestStore digests;
    static final LocalDate TODAY = LocalDate.now(RetentionSchedule.UK);
    static final String KEY = "digests/" + TODAY.minusDays(1) + ".json";

    @BeforeAll
    static void sealedYesterday() {
        s3 = aws.clients().s3();
        bucket = aws.stack().bucketName("AuditDigestBucket");
        audit = new DynamoDbAuditLog(aws.clients().dynamoDb(), aws.stack().tableName("AuditTable"));
        digests = new S3AuditDigestStore(s3, bucket);
        audit.record(new AuditEvent(UUID.randomUUID().toString(), TODAY.minusDays(1).atStartOfDay(RetentionSchedule.UK).plusHours(9).toInstant(),
                "rec-locked", "v1", AuditAction.HOLD_PLACED, "dpo-1", "rutland", null, "LEGAL-1", "allowed", Map.of()));

        assertThat(new AuditDigester(audit, digests).run(TODAY, () -> false).sealed()).containsExactly(TODAY.minusDays(1));
    }

    @Test
    void digest_isKeptInComplianceModeForTheRetentionPeriod() {
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(KEY));

        assertThat(head.objectLockMode()).isEqualTo(ObjectLockMode.COMPLIANCE);
        // AuditRetentionYears' default, 6; moto, like S3's documentation, counts a year as 365 days.
        assertThat(head.objectLockRetainUntilDate()).isAfter(Instant.now().plus(Duration.ofDays(6 * 365 - 1)));
    }

    @Test
    void deleteVersion_whenDigestIsLocked_isRefusedEvenBypassingGovernance() {
        String versionId = s3.headObject(b -> b.bucket(bucket).key(KEY)).versionId();

        assertThatThrownBy(() -> s3.deleteObject(b -> b.bucket(bucket).key(KEY).versionId(versionId)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        assertThat(s3.deleteObjects(b -> b.bucket(bucket).bypassGovernanceRetention(true)
                .delete(d -> d.objects(o -> o.key(KEY).versionId(versionId)))).errors()).hasSize(1);
        assertThat(s3.headObject(b -> b.bucket(bucket).key(KEY).versionId(versionId)).versionId()).isEqualTo(versionId);
    }

    @Test
    void run_whenTheDayIsAlreadySealed_writesNothing() {
        AuditDigester.Report again = new AuditDigester(audit, digests).run(TODAY, () -> false);

        assertThat(again.sealed()).isEmpty();
        assertThat(again.complete()).isTrue();
        assertThat(s3.listObjectVersions(b -> b.bucket(bucket).prefix(KEY)).versions()).hasSize(1);
    }

    @Test
    void verify_whenADayIsWrittenAgainOutsideTheDigester_saysSo() {
        String day = TODAY.minusDays(2).toString();
        audit.record(new AuditEvent(UUID.randomUUID().toString(), Instant.now(), "rec-other", "v1", AuditAction.LISTED, "staff-1", "rutland",
                null, null, "allowed", Map.of()));
        byte[] forged = ("{\"day\":\"" + day + "\"}").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 2; i++) {
            s3.putObject(b -> b.bucket(bucket).key("digests/" + day + ".json").checksumAlgorithm(ChecksumAlgorithm.SHA256), RequestBody.fromBytes(forged));
        }

        List<String> problems = AuditVerification.verify(audit.storedTrail(), digests.all()).problems();

        assertThat(problems).contains("digest of " + day + ": written 2 times", "digest of " + day + ": altered or unreadable");
    }
}
