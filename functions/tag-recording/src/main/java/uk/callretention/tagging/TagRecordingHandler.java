package uk.callretention.tagging;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.callretention.aws.SnapStartPriming;
import uk.callretention.observability.LogLine;
import uk.callretention.recording.MetadataScrub;
import uk.callretention.recording.RecordingState;
import uk.callretention.recording.RecordingTagger;
import uk.callretention.recording.TaggingOutcome;
import uk.callretention.recording.Upload;
import uk.callretention.recording.UploadNotifications;

/**
 * S3 upload notifications, through SQS, in batches. A message that fails is reported alone, so the rest of the
 * batch is not tagged twice; SQS redelivers it and after a few tries moves it to the dead-letter queue.
 */
public final class TagRecordingHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final RecordingTagger tagger;
    private final String bucket;
    private final LogLine log;
    private final SnapStartPriming snapStart;

    /** Lambda's constructor: registers the SnapStart hooks too. */
    public TagRecordingHandler() {
        this(System.getenv());
        snapStart.registered();
    }

    /** The local runtime's and tests' constructor: the environment the template gives the function. */
    public TagRecordingHandler(Map<String, String> environment) {
        this(TagRecordingFactory.fromEnvironment(environment, System.out));
    }

    TagRecordingHandler(TagRecordingFactory factory) {
        this.tagger = factory.tagger();
        this.bucket = factory.bucket();
        this.log = factory.log();
        this.snapStart = factory.taggerSnapStart();
    }

    /** The SnapStart hooks Lambda's constructor registers, for tests to call as the runtime does. */
    SnapStartPriming snapStart() {
        return snapStart;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                for (Upload upload : UploadNotifications.parse(message.getBody())) {
                    tagOne(upload, message.getMessageId(), context);
                }
            } catch (RuntimeException e) {
                log.error("upload event failed; SQS will redeliver it", Map.of(
                        "messageId", message.getMessageId(),
                        "requestId", context.getAwsRequestId(),
                        "error", e.getClass().getSimpleName(),
                        "cause", String.valueOf(e.getMessage())));
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private void tagOne(Upload upload, String messageId, Context context) {
        if (!bucket.equals(upload.bucket())) {
            throw new UploadNotifications.MalformedNotificationException("the event names bucket " + upload.bucket() + ", not " + bucket);
        }
        TaggingOutcome outcome = tagger.tag(upload);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("messageId", messageId);
        fields.put("requestId", context.getAwsRequestId());
        fields.put("outcome", outcome.kind().name());
        if (outcome.entry() != null) {
            fields.put("recordingId", outcome.entry().recordingId());
            fields.put("versionId", outcome.entry().versionId());
            fields.put("council", String.valueOf(outcome.entry().council()));
            fields.put("state", outcome.entry().state().name());
            fields.put("expiresOn", String.valueOf(outcome.entry().expiresOn()));
            if (outcome.entry().quarantineReason() != null) {
                fields.put("quarantineReason", outcome.entry().quarantineReason());
            }
        }
        fields.put("personalMetadata", outcome.personalMetadata().name());
        log.info("upload tagged", fields);
        if (outcome.kind() == TaggingOutcome.Kind.CATALOGUED && outcome.entry().state() == RecordingState.QUARANTINED) {
            log.count(LogLine.METRICS_NAMESPACE, "RecordingsQuarantined", Map.of("Reason", outcome.entry().quarantineReason()));
        }
        if (outcome.personalMetadata() == MetadataScrub.Result.LEFT_TOO_LARGE) {
            log.count(LogLine.METRICS_NAMESPACE, "PersonalMetadataLeft", Map.of());
        }
    }
}
