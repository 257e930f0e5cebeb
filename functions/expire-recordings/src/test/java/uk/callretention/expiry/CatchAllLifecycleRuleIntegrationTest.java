package uk.callretention.expiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.S3Exception;
import uk.callretention.retention.LifecycleCoverage;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;

/**
 * The bucket's lifecycle configuration as S3 (moto) holds it after the stack put the template's rules on it: the
 * catch-all is there, with no filter, longer than every other rule; and what its expiration does to a held recording
 * (a delete marker above the version) leaves that version readable and undeletable.
 */
@ExtendWith(LocalAwsExtension.class)
class CatchAllLifecycleRuleIntegrationTest {

    static LocalAws aws;

    @Test
    void lifecycleConfiguration_whenReadBackFromTheBucket_holdsTheCatchAllLongerThanEveryOtherRule() {
        S3Client s3 = aws.clients().s3();
        List<LifecycleRule> rules = s3.getBucketLifecycleConfiguration(b -> b.bucket(aws.stack().bucketName("RecordingsBucket"))).rules();
        Map<String, LifecycleRule> byId = rules.stream().collect(Collectors.toMap(LifecycleRule::id, rule -> rule));

        LifecycleRule catchAll = byId.get("catch-all");
        assertThat(catchAll).isNotNull();
        assertThat(catchAll.statusAsString()).isEqualTo("Enabled");
        assertThat(catchAll.filter() == null || (catchAll.filter().tag() == null && catchAll.filter().and() == null
                && (catchAll.filter().prefix() == null || catchAll.filter().prefix().isEmpty()))).as("no filter").isTrue();
        assertThat(catchAll.expiration().days()).isEqualTo(LifecycleRulesTest.catchAllDays().orElseThrow());
        assertThat(rules).filteredOn(rule -> rule != catchAll && rule.expiration() != null && rule.expiration().days() != null)
                .hasSize(LifecycleRulesTest.templateRules().size())
                .allSatisfy(rule -> assertThat(rule.expiration().days()).isLessThan(catchAll.expiration().days()));
        assertThat(catchAll.expiration().days() - LifecycleCoverage.CATCH_ALL_MARGIN_DAYS)
                .isEqualTo(rules.stream().filter(rule -> rule != catchAll && rule.expiration() != null && rule.expiration().days() != null)
                        .mapToInt(rule -> rule.expiration().days()).max().orElseThrow());
    }

    @Test
    void heldVersion_whenAnExpirationPutsADeleteMarkerAboveIt_staysReadableByVersionIdAndCannotBeDeleted() {
        S3Client s3 = aws.clients().s3();
        String bucket = aws.stack().bucketName("RecordingsBucket");
        String key = "rutland/customer-services/phone/2024/11/25/held-past-the-catch-all.wav";
        String held = s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("RIFF-held", StandardCharsets.UTF_8)).versionId();
        s3.putObjectLegalHold(b -> b.bucket(bucket).key(key).versionId(held).legalHold(h -> h.status(ObjectLockLegalHoldStatus.ON)));

        // What a current-version expiration does in a versioned bucket: a delete marker on top, nothing removed.
        s3.deleteObject(b -> b.bucket(bucket).key(key));

        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).versionId(held)).asUtf8String()).isEqualTo("RIFF-held");
        // What the noncurrent-versions rule would do to it once it is noncurrent: refused while the hold is on.
        assertThatThrownBy(() -> s3.deleteObject(b -> b.bucket(bucket).key(key).versionId(held))).isInstanceOf(S3Exception.class);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).versionId(held)).asUtf8String()).isEqualTo("RIFF-held");
    }
}
