package uk.callretention.expiry;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import uk.callretention.aws.AwsClients;
import uk.callretention.aws.DynamoDbAuditLog;
import uk.callretention.aws.DynamoDbCatalogue;
import uk.callretention.aws.S3RetentionStore;
import uk.callretention.aws.SnapStartPriming;
import uk.callretention.observability.LogLine;
import uk.callretention.policy.PolicyBook;
import uk.callretention.retention.PolicyReapplication;

/** The per-object function's production wiring: the catalogue, the recordings' tags and the audit trail, nothing else. */
record ReapplyPolicyFactory(PolicyReapplication reapplication, String recordingsBucket, LogLine log, Clock clock, SnapStartPriming snapStart) {

    static ReapplyPolicyFactory fromEnvironment(Map<String, String> environment) {
        return wired(AwsClients.fromEnvironment(environment), environment, System.out);
    }

    /** @param clients the function's own, or the priming clients its SnapStart priming wires a second handler with */
    static ReapplyPolicyFactory wired(AwsClients clients, Map<String, String> environment, PrintStream out) {
        DynamoDbClient dynamoDb = clients.dynamoDb();
        Clock clock = Clock.systemUTC();
        String recordingsBucket = AwsClients.require(environment, "RECORDINGS_BUCKET");
        return new ReapplyPolicyFactory(
                new PolicyReapplication(PolicyBook.bundled(environment),
                        new DynamoDbCatalogue(dynamoDb, AwsClients.require(environment, "CATALOGUE_TABLE")),
                        new S3RetentionStore(clients.s3(), recordingsBucket),
                        new DynamoDbAuditLog(dynamoDb, AwsClients.require(environment, "AUDIT_TABLE")), clock),
                recordingsBucket, new LogLine(out, clock), clock,
                new SnapStartPriming(() -> ExpiryPriming.reapplication(environment, ExpiryPriming.aws(environment))));
    }
}
