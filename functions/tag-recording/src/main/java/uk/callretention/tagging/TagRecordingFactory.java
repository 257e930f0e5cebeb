package uk.callretention.tagging;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import uk.callretention.aws.AwsClients;
import uk.callretention.aws.CallerHashKey;
import uk.callretention.aws.DynamoDbCatalogue;
import uk.callretention.aws.S3RecordingStore;
import uk.callretention.observability.LogLine;
import uk.callretention.policy.PolicyBook;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.CallerHash;
import uk.callretention.recording.MetadataCleanup;
import uk.callretention.recording.MetadataScrub;
import uk.callretention.recording.RecordingClassifier;
import uk.callretention.recording.RecordingTagger;

/**
 * The production wiring of both functions in this jar, the tagger and the metadata clean-up, in one place: clients
 * built once, at initialisation.
 */
record TagRecordingFactory(RecordingTagger tagger, MetadataCleanup cleanup, String bucket, LogLine log) {

    static TagRecordingFactory fromEnvironment(Map<String, String> environment, PrintStream out) {
        AwsClients clients = AwsClients.fromEnvironment(environment);
        String bucket = AwsClients.require(environment, "RECORDINGS_BUCKET");
        Clock clock = Clock.systemUTC();
        CallerHash callerHash = CallerHashKey.load(clients.secretsManager(), AwsClients.require(environment, "CALLER_HASH_SECRET_ARN"));
        RecordingClassifier classifier = new RecordingClassifier(
                new RetentionSchedule(PolicyBook.bundled(environment), clock)::decide, callerHash);
        S3RecordingStore store = new S3RecordingStore(clients.s3(), bucket);
        DynamoDbCatalogue catalogue = new DynamoDbCatalogue(clients.dynamoDb(), AwsClients.require(environment, "CATALOGUE_TABLE"));
        MetadataScrub scrub = new MetadataScrub(store, catalogue, callerHash);
        return new TagRecordingFactory(new RecordingTagger(store, catalogue, classifier, scrub, clock),
                new MetadataCleanup(catalogue, store, scrub), bucket, new LogLine(out, clock));
    }
}
