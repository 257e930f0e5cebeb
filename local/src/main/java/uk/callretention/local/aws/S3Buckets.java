package uk.callretention.local.aws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortIncompleteMultipartUpload;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketLifecycleConfiguration;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.DefaultRetention;
import software.amazon.awssdk.services.s3.model.LifecycleExpiration;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleAndOperator;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.NotificationConfiguration;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectLockConfiguration;
import software.amazon.awssdk.services.s3.model.ObjectLockRule;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.Tag;
import uk.callretention.local.template.Properties;

/** AWS::S3::Bucket on the local server. */
final class S3Buckets {
    static final String TYPE = "AWS::S3::Bucket";
    private static final Set<String> HANDLED = Set.of("BucketName", "VersioningConfiguration", "ObjectLockEnabled", "ObjectLockConfiguration",
            "LifecycleConfiguration", "NotificationConfiguration");
    // CorsConfiguration: moto answers every origin, and the rules name the console's CloudFront domain, which local has not.
    private static final Set<String> IGNORED = Set.of("BucketEncryption", "PublicAccessBlockConfiguration", "OwnershipControls", "Tags", "CorsConfiguration");
    private static final Set<String> RULE_PROPERTIES = Set.of("Id", "Status", "Prefix", "TagFilters", "ExpirationInDays", "ExpiredObjectDeleteMarker",
            "NoncurrentVersionExpiration", "AbortIncompleteMultipartUpload");
    private static final int MAX_NAME_LENGTH = 63;
    private static final int MAX_KEYS_PER_DELETE = 1000;

    private S3Buckets() {
    }

    static Created create(S3Client s3, Properties properties, String stackName, String region) {
        properties.allow(HANDLED, IGNORED, S3Buckets.class);
        String name = properties.string("BucketName").orElseGet(() -> PhysicalNames.generateLowerCase(stackName, properties.logicalId(), MAX_NAME_LENGTH));
        try {
            s3.createBucket(b -> b.bucket(name).createBucketConfiguration(c -> c.locationConstraint(region))
                    .objectLockEnabledForBucket(properties.flag("ObjectLockEnabled").orElse(false)));
        } catch (BucketAlreadyOwnedByYouException | BucketAlreadyExistsException e) {
            throw new LocalAwsException("bucket " + name + " (" + properties.logicalId() + ") already exists on the local server: another stack"
                    + " with the same name is running there; stop it or choose another stack name", e);
        }
        try {
            configure(s3, name, properties);
        } catch (RuntimeException e) {
            // Not yet in the stack, so the provisioner's clean-up would not find it.
            delete(s3, name);
            throw e;
        }
        return new Created(properties.logicalId(), TYPE, name, Map.of("Arn", "arn:aws:s3:::" + name));
    }

    private static void configure(S3Client s3, String name, Properties properties) {
        properties.object("VersioningConfiguration").ifPresent(versioning ->
                s3.putBucketVersioning(b -> b.bucket(name).versioningConfiguration(v -> v.status(BucketVersioningStatus.fromValue(versioning.requiredString("Status"))))));
        properties.object("ObjectLockConfiguration").ifPresent(lock -> s3.putObjectLockConfiguration(b -> b.bucket(name).objectLockConfiguration(objectLock(lock))));
        properties.object("LifecycleConfiguration").ifPresent(lifecycle -> s3.putBucketLifecycleConfiguration(b -> b.bucket(name)
                .lifecycleConfiguration(BucketLifecycleConfiguration.builder().rules(lifecycle.objects("Rules").stream().map(S3Buckets::rule).toList()).build())));
        properties.object("NotificationConfiguration").ifPresent(notification -> s3.putBucketNotificationConfiguration(b -> b.bucket(name)
                .notificationConfiguration(notifications(notification))));
    }

    private static ObjectLockConfiguration objectLock(Properties lock) {
        ObjectLockConfiguration.Builder builder = ObjectLockConfiguration.builder().objectLockEnabled(lock.string("ObjectLockEnabled").orElse("Enabled"));
        lock.object("Rule").flatMap(rule -> rule.object("DefaultRetention")).ifPresent(retention -> {
            DefaultRetention.Builder defaultRetention = DefaultRetention.builder().mode(retention.requiredString("Mode"));
            retention.integer("Days").ifPresent(defaultRetention::days);
            retention.integer("Years").ifPresent(defaultRetention::years);
            builder.rule(ObjectLockRule.builder().defaultRetention(defaultRetention.build()).build());
        });
        return builder.build();
    }

    private static LifecycleRule rule(Properties rule) {
        rule.allow(RULE_PROPERTIES, Set.of(), S3Buckets.class);
        LifecycleRule.Builder builder = LifecycleRule.builder().id(rule.string("Id").orElse(null)).status(rule.requiredString("Status")).filter(filter(rule));
        if (rule.has("ExpirationInDays") || rule.has("ExpiredObjectDeleteMarker")) {
            LifecycleExpiration.Builder expiration = LifecycleExpiration.builder();
            rule.integer("ExpirationInDays").ifPresent(expiration::days);
            rule.flag("ExpiredObjectDeleteMarker").ifPresent(expiration::expiredObjectDeleteMarker);
            builder.expiration(expiration.build());
        }
        rule.object("NoncurrentVersionExpiration").ifPresent(noncurrent -> noncurrent.allow(Set.of("NoncurrentDays"), Set.of(), S3Buckets.class)
                .integer("NoncurrentDays").ifPresent(days -> builder.noncurrentVersionExpiration(n -> n.noncurrentDays(days))));
        rule.object("AbortIncompleteMultipartUpload").ifPresent(abort -> builder.abortIncompleteMultipartUpload(
                AbortIncompleteMultipartUpload.builder().daysAfterInitiation(abort.integer("DaysAfterInitiation").orElseThrow()).build()));
        return builder.build();
    }

    /** CloudFormation lists a rule's conditions flat; S3 wants one condition alone, several under And, none as an empty prefix. */
    private static LifecycleRuleFilter filter(Properties rule) {
        List<Tag> tags = rule.objects("TagFilters").stream().map(tag -> Tag.builder().key(tag.requiredString("Key")).value(tag.requiredString("Value")).build()).toList();
        String prefix = rule.string("Prefix").orElse(null);
        if (tags.size() + (prefix == null ? 0 : 1) > 1) {
            return LifecycleRuleFilter.builder().and(LifecycleRuleAndOperator.builder().prefix(prefix).tags(tags).build()).build();
        }
        return LifecycleRuleFilter.builder().prefix(tags.isEmpty() && prefix == null ? "" : prefix).tag(tags.isEmpty() ? null : tags.get(0)).build();
    }

    private static NotificationConfiguration notifications(Properties notification) {
        notification.allow(Set.of("QueueConfigurations"), Set.of(), S3Buckets.class);
        List<QueueConfiguration> queues = new ArrayList<>();
        for (Properties queue : notification.objects("QueueConfigurations")) {
            queue.allow(Set.of("Queue", "Event"), Set.of(), S3Buckets.class);
            queues.add(QueueConfiguration.builder().queueArn(queue.requiredString("Queue")).eventsWithStrings(queue.requiredString("Event")).build());
        }
        return NotificationConfiguration.builder().queueConfigurations(queues).build();
    }

    /**
     * Empties the bucket (every version and delete marker, releasing legal holds on the way) and deletes it; a bucket
     * with versions under compliance retention, which nobody can delete, is left emptied of everything else.
     */
    static void delete(S3Client s3, String bucket) {
        List<ObjectIdentifier> all = new ArrayList<>();
        Set<ObjectIdentifier> versions = new HashSet<>();
        s3.listObjectVersionsPaginator(b -> b.bucket(bucket)).forEach(page -> {
            page.versions().forEach(v -> versions.add(ObjectIdentifier.builder().key(v.key()).versionId(v.versionId()).build()));
            page.deleteMarkers().forEach(m -> all.add(ObjectIdentifier.builder().key(m.key()).versionId(m.versionId()).build()));
        });
        all.addAll(versions);
        boolean compliancePinsBucket = false;
        for (int start = 0; start < all.size(); start += MAX_KEYS_PER_DELETE) {
            List<ObjectIdentifier> refused = deleteObjects(s3, bucket, all.subList(start, Math.min(all.size(), start + MAX_KEYS_PER_DELETE)));
            // Only versions carry legal holds; governance retention was already bypassed.
            refused.stream().filter(versions::contains).forEach(v -> s3.putObjectLegalHold(b -> b.bucket(bucket).key(v.key()).versionId(v.versionId())
                    .legalHold(h -> h.status(ObjectLockLegalHoldStatus.OFF))));
            List<ObjectIdentifier> stillRefused = deleteObjects(s3, bucket, refused);
            List<ObjectIdentifier> unexpected = stillRefused.stream().filter(v -> !inCompliance(s3, bucket, v)).toList();
            if (!unexpected.isEmpty()) {
                throw new LocalAwsException("could not empty bucket " + bucket + ": object lock still protects "
                        + unexpected.stream().map(ObjectIdentifier::key).toList());
            }
            compliancePinsBucket |= !stillRefused.isEmpty();
        }
        if (compliancePinsBucket) {
            // As in AWS, nobody can delete a version under compliance retention: the bucket stays until moto stops.
            return;
        }
        s3.deleteBucket(b -> b.bucket(bucket));
    }

    private static boolean inCompliance(S3Client s3, String bucket, ObjectIdentifier version) {
        var head = s3.headObject(b -> b.bucket(bucket).key(version.key()).versionId(version.versionId()));
        return head.objectLockMode() == ObjectLockMode.COMPLIANCE && head.objectLockRetainUntilDate() != null
                && head.objectLockRetainUntilDate().isAfter(Instant.now());
    }

    /** @return the objects not deleted; worked out from what was, as moto's per-key errors do not say which version was refused */
    private static List<ObjectIdentifier> deleteObjects(S3Client s3, String bucket, List<ObjectIdentifier> objects) {
        if (objects.isEmpty()) {
            return List.of();
        }
        Set<ObjectIdentifier> deleted = s3.deleteObjects(b -> b.bucket(bucket).bypassGovernanceRetention(true).delete(d -> d.objects(objects)))
                .deleted().stream().map(d -> ObjectIdentifier.builder().key(d.key()).versionId(d.versionId()).build()).collect(Collectors.toSet());
        return objects.stream().filter(o -> !deleted.contains(o)).toList();
    }
}
