package uk.callretention.expiry;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import uk.callretention.access.SubjectAccessExportExpiry;
import uk.callretention.audit.AuditDigester;
import uk.callretention.aws.AwsClients;
import uk.callretention.aws.DynamoDbAuditLog;
import uk.callretention.aws.DynamoDbSubjectAccessExports;
import uk.callretention.aws.DynamoDbSweepProgress;
import uk.callretention.aws.RetentionRepositories;
import uk.callretention.aws.S3AuditDigestStore;
import uk.callretention.aws.S3SubjectAccessExportFiles;
import uk.callretention.aws.SnapStartPriming;
import uk.callretention.observability.LogLine;
import uk.callretention.policy.PolicyBook;
import uk.callretention.aws.S3BatchJobs;
import uk.callretention.recording.ExpiryShard;
import uk.callretention.retention.ReapplicationJobs;
import uk.callretention.retention.Sweep;

/** The function's production wiring, in one place: clients built once, at initialisation, where SnapStart keeps them. */
record ExpireRecordingsFactory(Sweep sweep, ReapplicationJobs reapplication, AuditDigester auditDigester, SubjectAccessExportExpiry exportExpiry,
                               Clock clock, SnapStartPriming snapStart) {

    static ExpireRecordingsFactory fromEnvironment(Map<String, String> environment) {
        return wired(clients(environment, concurrency(environment)), environment, System.out);
    }

    /** @param clients the function's own, or the priming clients its SnapStart priming wires a second handler with */
    static ExpireRecordingsFactory wired(AwsClients clients, Map<String, String> environment, PrintStream out) {
        int concurrency = concurrency(environment);
        DynamoDbClient dynamoDb = clients.dynamoDb();
        Clock clock = Clock.systemUTC();
        PolicyBook policies = PolicyBook.bundled(environment);
        LogLine log = new LogLine(out, clock);
        S3Client s3 = clients.s3();
        RetentionRepositories repositories = RetentionRepositories.fromEnvironment(s3, dynamoDb, environment);
        DynamoDbAuditLog audit = new DynamoDbAuditLog(dynamoDb, AwsClients.require(environment, "AUDIT_TABLE"));
        return new ExpireRecordingsFactory(
                repositories.sweep(new DynamoDbSweepProgress(dynamoDb, AwsClients.require(environment, "SWEEP_STATE_TABLE")), policies, log, clock,
                        concurrency),
                new ReapplicationJobs(repositories.policyReapplication(policies, clock),
                        S3BatchJobs.fromEnvironment(s3, clients::s3Control, environment), log),
                new AuditDigester(audit, new S3AuditDigestStore(s3, AwsClients.require(environment, "AUDIT_DIGEST_BUCKET"))),
                new SubjectAccessExportExpiry(new DynamoDbSubjectAccessExports(dynamoDb, AwsClients.require(environment, "EXPORTS_TABLE")),
                        new S3SubjectAccessExportFiles(s3, null, AwsClients.require(environment, "EXPORTS_BUCKET")), audit, clock, Sweep.ACTOR),
                clock,
                new SnapStartPriming(() -> ExpiryPriming.catchUp(environment, ExpiryPriming.aws(environment))));
    }

    /** {@code SWEEP_CONCURRENCY}: how many recordings the sweep works on at once. */
    static int concurrency(Map<String, String> environment) {
        String value = AwsClients.require(environment, "SWEEP_CONCURRENCY").strip();
        try {
            int concurrency = Integer.parseInt(value);
            if (concurrency >= 1 && concurrency <= Sweep.MAX_CONCURRENCY) {
                return concurrency;
            }
        } catch (NumberFormatException notANumber) {
            // answered below, as for a number out of range
        }
        throw new IllegalStateException("environment variable SWEEP_CONCURRENCY must be a whole number from 1 to " + Sweep.MAX_CONCURRENCY
                + ", not '" + value + "'");
    }

    /** One connection for each worker and each shard reader, kept open between calls. */
    static AwsClients clients(Map<String, String> environment, int concurrency) {
        return AwsClients.fromEnvironment(environment).forManyCallsAtOnce(Apache5HttpClient.builder()
                .maxConnections(concurrency + ExpiryShard.SHARDS)
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(10))
                .build());
    }
}
