package uk.callretention.export;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import uk.callretention.access.SubjectAccess;
import uk.callretention.access.SubjectAccessExportBuilder;
import uk.callretention.access.SubjectAccessExports;
import uk.callretention.audit.AuditLog;
import uk.callretention.aws.AwsClients;
import uk.callretention.aws.CallerHashKey;
import uk.callretention.aws.DynamoDbCatalogue;
import uk.callretention.aws.DynamoDbAuditLog;
import uk.callretention.aws.DynamoDbHolds;
import uk.callretention.aws.DynamoDbSubjectAccessExports;
import uk.callretention.aws.S3RecordingAudio;
import uk.callretention.aws.S3SubjectAccessExportFiles;
import uk.callretention.observability.LogLine;
import uk.callretention.policy.PolicyBook;

/**
 * The production wiring of the jar's two functions, in one place: clients built once, at initialisation. No SnapStart:
 * a DPO asks for an export now and then, and a cold start is a second on a request that answers at once anyway.
 */
final class ExportFactory {

    private ExportFactory() {
    }

    /** The API function's: asks for exports and shows their state. */
    record Api(SubjectAccessExports exports, LogLine log) {
    }

    /** The queue consumer's: builds them. */
    record Builder(SubjectAccessExportBuilder builder, LogLine log) {
    }

    static Api api(Map<String, String> environment, PrintStream out, Clock clock) {
        AwsClients clients = AwsClients.fromEnvironment(environment);
        DynamoDbClient dynamoDb = clients.dynamoDb();
        AuditLog audit = new DynamoDbAuditLog(dynamoDb, AwsClients.require(environment, "AUDIT_TABLE"));
        // Read, and its client built, when an export is first asked for: see CallerHashKey.
        CallerHashKey callerHashKey = new CallerHashKey(clients::secretsManager, AwsClients.require(environment, "CALLER_HASH_SECRET_ARN"));
        SubjectAccess subjectAccess = new SubjectAccess(new DynamoDbCatalogue(dynamoDb, AwsClients.require(environment, "CATALOGUE_TABLE")),
                callerHashKey.callerHash(), audit, clock);
        return new Api(new SubjectAccessExports(PolicyBook.bundled(environment), subjectAccess,
                new DynamoDbSubjectAccessExports(dynamoDb, AwsClients.require(environment, "EXPORTS_TABLE")),
                new SqsSubjectAccessExportQueue(clients.configured(SqsClient.builder()), AwsClients.require(environment, "EXPORTS_QUEUE_URL")),
                new S3SubjectAccessExportFiles(null, clients.s3Presigner(), AwsClients.require(environment, "EXPORTS_BUCKET")),
                audit, clock), new LogLine(out, clock));
    }

    /** @param workFolder where zips are streamed while they are built: Lambda's /tmp */
    static Builder builder(Map<String, String> environment, PrintStream out, Clock clock, Path workFolder) {
        AwsClients clients = AwsClients.fromEnvironment(environment);
        DynamoDbClient dynamoDb = clients.dynamoDb();
        return new Builder(new SubjectAccessExportBuilder(
                new DynamoDbCatalogue(dynamoDb, AwsClients.require(environment, "CATALOGUE_TABLE")),
                new DynamoDbHolds(dynamoDb, AwsClients.require(environment, "HOLDS_TABLE")),
                new S3RecordingAudio(clients.s3(), AwsClients.require(environment, "RECORDINGS_BUCKET")),
                new DynamoDbSubjectAccessExports(dynamoDb, AwsClients.require(environment, "EXPORTS_TABLE")),
                new S3SubjectAccessExportFiles(clients.s3(), null, AwsClients.require(environment, "EXPORTS_BUCKET")),
                new DynamoDbAuditLog(dynamoDb, AwsClients.require(environment, "AUDIT_TABLE")),
                clock, workFolder), new LogLine(out, clock));
    }
}
