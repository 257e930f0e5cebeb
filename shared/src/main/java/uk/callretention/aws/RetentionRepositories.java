package uk.callretention.aws;

import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import uk.callretention.audit.AuditLog;
import uk.callretention.policy.PolicyBook;
import uk.callretention.observability.LogLine;
import uk.callretention.retention.HoldService;
import uk.callretention.retention.PolicyReapplication;
import uk.callretention.retention.Holds;
import uk.callretention.retention.RetentionStore;
import uk.callretention.retention.Sweep;
import uk.callretention.retention.SweepCalendar;
import uk.callretention.retention.SweepProgress;

/**
 * The repositories that expiry and holds share, named from a function's environment ({@code RECORDINGS_BUCKET},
 * {@code CATALOGUE_TABLE}, {@code AUDIT_TABLE}, {@code HOLDS_TABLE}), over clients the function built once.
 */
public record RetentionRepositories(DynamoDbCatalogue catalogue, RetentionStore store, Holds holds, AuditLog audit) {

    public static RetentionRepositories fromEnvironment(S3Client s3, DynamoDbClient dynamoDb, Map<String, String> environment) {
        return new RetentionRepositories(
                new DynamoDbCatalogue(dynamoDb, AwsClients.require(environment, "CATALOGUE_TABLE")),
                new S3RetentionStore(s3, AwsClients.require(environment, "RECORDINGS_BUCKET")),
                new DynamoDbHolds(dynamoDb, AwsClients.require(environment, "HOLDS_TABLE")),
                new DynamoDbAuditLog(dynamoDb, AwsClients.require(environment, "AUDIT_TABLE")));
    }

    public HoldService holdService(PolicyBook policies, Clock clock) {
        return new HoldService(policies, catalogue, holds, store, clock);
    }

    /** @param concurrency how many recordings the sweep works on at once */
    public Sweep sweep(SweepProgress progress, PolicyBook policies, LogLine log, Clock clock, int concurrency) {
        return new Sweep(catalogue, store, audit, progress, holdService(policies, clock), new SweepCalendar(policies), log, clock, concurrency);
    }

    public PolicyReapplication policyReapplication(PolicyBook policies, Clock clock) {
        return new PolicyReapplication(policies, catalogue, store, audit, clock);
    }
}
