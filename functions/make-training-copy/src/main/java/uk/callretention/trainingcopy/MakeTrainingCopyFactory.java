package uk.callretention.trainingcopy;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import uk.callretention.access.TrainingCopyDesk;
import uk.callretention.access.TrainingCopyStore;
import uk.callretention.aws.AwsClients;
import uk.callretention.aws.AwsTrainingCopyStore;
import uk.callretention.aws.DynamoDbCatalogue;
import uk.callretention.aws.DynamoDbAuditLog;
import uk.callretention.observability.LogLine;
import uk.callretention.policy.PolicyBook;

/** The function's production wiring, in one place: clients built once, at initialisation. */
record MakeTrainingCopyFactory(TrainingCopyDesk desk, LogLine log) {

    static MakeTrainingCopyFactory fromEnvironment(Map<String, String> environment, PrintStream out) {
        AwsClients clients = AwsClients.fromEnvironment(environment);
        return wired(environment, clients.s3(), clients.dynamoDb(), out, Clock.systemUTC());
    }

    /** @param s3 the function's own client, or a test's that fails or dies on a chosen call */
    static MakeTrainingCopyFactory wired(Map<String, String> environment, S3Client s3, DynamoDbClient dynamoDb, PrintStream out, Clock clock) {
        DynamoDbCatalogue catalogue = new DynamoDbCatalogue(dynamoDb, AwsClients.require(environment, "CATALOGUE_TABLE"));
        TrainingCopyStore store = new AwsTrainingCopyStore(s3, AwsClients.require(environment, "RECORDINGS_BUCKET"), catalogue);
        return new MakeTrainingCopyFactory(
                new TrainingCopyDesk(PolicyBook.bundled(environment), catalogue, store,
                        new DynamoDbAuditLog(dynamoDb, AwsClients.require(environment, "AUDIT_TABLE")), clock),
                new LogLine(out, clock));
    }
}
