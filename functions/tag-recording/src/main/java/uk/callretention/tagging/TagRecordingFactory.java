package uk.callretention.tagging;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import uk.callretention.aws.AwsClients;
import uk.callretention.aws.CallerHashKey;
import uk.callretention.aws.DynamoDbAuditLog;
import uk.callretention.aws.DynamoDbCatalogue;
import uk.callretention.aws.S3RecordingStore;
import uk.callretention.aws.SnapStartPriming;
import uk.callretention.observability.LogLine;
import uk.callretention.policy.PolicyBook;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.CallerHash;
import uk.callretention.recording.MetadataCleanup;
import uk.callretention.recording.MetadataScrub;
import uk.callretention.recording.RecordingClassifier;
import uk.callretention.recording.RecordingTagger;
import uk.callretention.retention.Reconciliation;

/**
 * The production wiring of the functions in this jar, the tagger, the metadata clean-up and reconciliation, in one
 * place: clients built once, at initialisation, where SnapStart keeps them, and each function's SnapStart hooks.
 */
record TagRecordingFactory(RecordingTagger tagger, MetadataCleanup cleanup, String bucket, LogLine log, SnapStartPriming taggerSnapStart,
                           SnapStartPriming cleanupSnapStart) {

    /** Reconciliation's checks at once when the environment names no number: the SDK's URL-connection client keeps up. */
    static final String DEFAULT_CONCURRENCY = "8";

    static TagRecordingFactory fromEnvironment(Map<String, String> environment, PrintStream out) {
        return wired(AwsClients.fromEnvironment(environment), environment, out);
    }

    /** @param clients the function's own, or the priming clients its SnapStart priming wires a second time with */
    static TagRecordingFactory wired(AwsClients clients, Map<String, String> environment, PrintStream out) {
        Wiring wiring = new Wiring(clients, environment, Clock.systemUTC());
        return new TagRecordingFactory(wiring.tagger, new MetadataCleanup(wiring.catalogue, wiring.store, wiring.scrub), wiring.store.bucket(),
                new LogLine(out, wiring.clock),
                new SnapStartPriming(() -> TagRecordingPriming.usualUpload(environment, TagRecordingPriming.aws(), SnapStartPriming.nowhere()),
                        wiring.callerHashKey),
                new SnapStartPriming(() -> TagRecordingPriming.dryScrub(environment, TagRecordingPriming.aws()), wiring.callerHashKey));
    }

    /** Reconciliation, and its SnapStart hooks. */
    record Reconciling(Reconciliation reconciliation, SnapStartPriming snapStart) {
    }

    /**
     * Reconciliation puts right through the same tagger, so it is wired here too.
     *
     * @param clock the tagger's and reconciliation's: tests move it past the time an upload is left to settle
     */
    static Reconciliation reconciliation(Map<String, String> environment, PrintStream out, Clock clock) {
        return reconciling(AwsClients.fromEnvironment(environment), environment, out, clock).reconciliation();
    }

    /** @param clients the function's own, or the priming clients its SnapStart priming wires a second time with */
    static Reconciling reconciling(AwsClients clients, Map<String, String> environment, PrintStream out, Clock clock) {
        Wiring wiring = new Wiring(clients, environment, clock);
        Reconciliation.Sources sources = new Reconciliation.Sources(wiring.store.bucket(), wiring.store, wiring.store,
                wiring.catalogue, wiring.catalogue,
                new SqsDeadLetters(wiring.clients.configured(SqsClient.builder()), AwsClients.require(environment, "UPLOADS_DEAD_LETTER_QUEUE_URL")));
        return new Reconciling(new Reconciliation(wiring.policies, wiring.tagger, sources,
                new DynamoDbAuditLog(wiring.dynamoDb, AwsClients.require(environment, "AUDIT_TABLE")), new LogLine(out, wiring.clock), wiring.clock,
                Integer.parseInt(environment.getOrDefault("RECONCILE_CONCURRENCY", DEFAULT_CONCURRENCY))),
                new SnapStartPriming(() -> TagRecordingPriming.dailyReconciliation(environment, TagRecordingPriming.aws()), wiring.callerHashKey));
    }

    /** What every function in this jar builds the same way. */
    private static final class Wiring {
        private final AwsClients clients;
        private final DynamoDbClient dynamoDb;
        private final Clock clock;
        private final PolicyBook policies;
        private final S3RecordingStore store;
        private final DynamoDbCatalogue catalogue;
        private final MetadataScrub scrub;
        private final RecordingTagger tagger;
        private final CallerHashKey callerHashKey;

        Wiring(AwsClients clients, Map<String, String> environment, Clock clock) {
            this.clock = clock;
            this.clients = clients;
            dynamoDb = clients.dynamoDb();
            policies = PolicyBook.bundled(environment);
            // Read, and its client built, when the first upload needs it, not here: see CallerHashKey.
            callerHashKey = new CallerHashKey(clients::secretsManager, AwsClients.require(environment, "CALLER_HASH_SECRET_ARN"));
            CallerHash callerHash = callerHashKey.callerHash();
            RecordingClassifier classifier = new RecordingClassifier(new RetentionSchedule(policies, clock)::decide, callerHash);
            store = new S3RecordingStore(clients.s3(), AwsClients.require(environment, "RECORDINGS_BUCKET"));
            catalogue = new DynamoDbCatalogue(dynamoDb, AwsClients.require(environment, "CATALOGUE_TABLE"));
            scrub = new MetadataScrub(store, catalogue, callerHash);
            tagger = new RecordingTagger(store, catalogue, classifier, scrub, clock);
        }
    }
}
