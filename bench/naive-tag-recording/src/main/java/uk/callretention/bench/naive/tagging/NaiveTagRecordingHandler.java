package uk.callretention.bench.naive.tagging;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import uk.callretention.aws.S3RecordingStore;
import uk.callretention.bench.naive.NaivePolicies;
import uk.callretention.policy.PolicyBook;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.CallerHash;
import uk.callretention.recording.MetadataScrub;
import uk.callretention.recording.RecordingClassifier;
import uk.callretention.recording.RecordingTagger;
import uk.callretention.recording.TaggingOutcome;
import uk.callretention.recording.Upload;

/**
 * The benchmark's baseline for tag-recording, not product code: the same work, tagging and cataloguing each upload
 * with the same S3, DynamoDB and Secrets Manager requests through the project's domain classes, written the way most
 * samples write a handler. Clients from {@code create()} (the SDK's Apache client, its default credential and region
 * chains), the catalogue through {@code DynamoDbEnhancedClient} with a reflective bean schema, the notification read
 * with Jackson databind, the policies parsed from their YAML files with SnakeYAML ({@link NaivePolicies}).
 */
public class NaiveTagRecordingHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final ObjectMapper mapper = new ObjectMapper();
    private final S3Client s3 = S3Client.create();
    private final DynamoDbClient dynamoDb = DynamoDbClient.create();
    private final SecretsManagerClient secrets = SecretsManagerClient.create();
    private final String bucket = System.getenv("RECORDINGS_BUCKET");
    private final RecordingTagger tagger;

    public NaiveTagRecordingHandler() {
        Clock clock = Clock.systemUTC();
        PolicyBook policies = NaivePolicies.load(System.getenv());
        String key = secrets.getSecretValue(GetSecretValueRequest.builder().secretId(System.getenv("CALLER_HASH_SECRET_ARN")).build()).secretString();
        CallerHash callerHash = new CallerHash(key.getBytes(StandardCharsets.UTF_8));
        S3RecordingStore store = new S3RecordingStore(s3, bucket);
        BeanCatalogue catalogue = new BeanCatalogue(dynamoDb, System.getenv("CATALOGUE_TABLE"));
        RecordingClassifier classifier = new RecordingClassifier(new RetentionSchedule(policies, clock)::decide, callerHash);
        tagger = new RecordingTagger(store, catalogue, classifier, new MetadataScrub(store, catalogue, callerHash), clock);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                JsonNode notification = mapper.readTree(message.getBody());
                for (JsonNode record : notification.path("Records")) {
                    if (!record.path("eventName").asText().startsWith("ObjectCreated:")) {
                        continue;
                    }
                    JsonNode s3Object = record.path("s3").path("object");
                    Upload upload = new Upload(record.path("s3").path("bucket").path("name").asText(),
                            URLDecoder.decode(s3Object.path("key").asText(), StandardCharsets.UTF_8),
                            Optional.ofNullable(s3Object.path("versionId").textValue()), Optional.ofNullable(s3Object.path("sequencer").textValue()));
                    if (!bucket.equals(upload.bucket())) {
                        throw new IllegalArgumentException("the event names another bucket");
                    }
                    TaggingOutcome outcome = tagger.tag(upload);
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("message", "upload tagged");
                    line.put("requestId", context.getAwsRequestId());
                    line.put("outcome", outcome.kind().name());
                    line.put("recordingId", outcome.entry() == null ? null : outcome.entry().recordingId());
                    context.getLogger().log(mapper.writeValueAsString(line));
                }
            } catch (Exception e) {
                context.getLogger().log("upload event failed: " + e);
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }
}
